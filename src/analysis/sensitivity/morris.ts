/**
 * Morris's elementary effects (Morris 1991) with Campolongo et al.'s μ* (2007, "An effective screening
 * design for sensitivity analysis of large models", Environ. Model. Softw. 22, 1509–1518): per factor, over
 * r trajectories, EE = (f(after its step) − f(before)) / Δ in the uniforms' scale; μ* = mean |EE| (the
 * factor's overall influence), σ = standard deviation of EE (non-linearity and interactions). For a group,
 * its slots move together and EE takes the sign of its first slot's step; only μ* is meaningful then.
 * Like Sobol's, the design treats inputs as independent.
 */
import { MORRIS_DELTA } from './designs.js';

export interface MorrisIndex {
  readonly mu_star: number;
  readonly mu: number;
  readonly sigma: number;
}

/** μ*, μ and σ of each of k factors from outputs f over r trajectories of k + 1 evaluations. */
export function morrisIndices(
  f: Float64Array,
  k: number,
  order: number[][],
  sign: number[][],
): MorrisIndex[] {
  const r = order.length;
  const effects = Array.from({ length: k }, () => new Float64Array(r));
  for (let t = 0; t < r; t++) {
    for (let s = 0; s < k; s++) {
      const e = t * (k + 1) + s;
      effects[order[t]![s]!]![t] = (f[e + 1]! - f[e]!) / (sign[t]![s]! * MORRIS_DELTA);
    }
  }
  return effects.map((ee) => {
    let abs = 0;
    let sum = 0;
    for (const x of ee) {
      abs += Math.abs(x);
      sum += x;
    }
    const mu = sum / r;
    let ss = 0;
    for (const x of ee) ss += (x - mu) ** 2;
    return { mu_star: abs / r, mu, sigma: r > 1 ? Math.sqrt(ss / (r - 1)) : 0 };
  });
}
