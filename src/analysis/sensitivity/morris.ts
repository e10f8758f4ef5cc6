/**
 * Morris's elementary effects (Morris 1991) with Campolongo et al.'s μ* (2007, "An effective screening
 * design for sensitivity analysis of large models", Environ. Model. Softw. 22, 1509–1518): per factor, over
 * r trajectories, EE = (f(after its step) − f(before)) / Δ in the uniforms' scale; μ* = mean |EE| (the
 * factor's overall influence), σ = standard deviation of EE (non-linearity and interactions). For a group,
 * its slots move together and EE takes the sign of its first slot's step; only μ* is meaningful then.
 * Like Sobol's, the design treats inputs as independent.
 */
import { runStream, seedKey } from '../../random/stream.js';
import { MORRIS_DELTA } from './designs.js';
import { percentileInterval } from './sobol.js';

export interface MorrisIndex {
  readonly mu_star: number;
  /** Bootstrap percentile interval of μ* over the trajectories (Campolongo et al. 2007, as SALib does). */
  readonly mu_star_ci: [number, number];
  readonly mu: number;
  readonly sigma: number;
}

/** μ*, μ and σ of each of k factors from outputs f over r trajectories of k + 1 evaluations. */
export function morrisIndices(
  f: Float64Array,
  k: number,
  order: number[][],
  sign: number[][],
  options: { resamples?: number; level?: number; seed?: number | string } = {},
): MorrisIndex[] {
  const { resamples = 500, level = 0.95, seed = 'bootstrap' } = options;
  const r = order.length;
  const effects = Array.from({ length: k }, () => new Float64Array(r));
  for (let t = 0; t < r; t++) {
    for (let s = 0; s < k; s++) {
      const e = t * (k + 1) + s;
      effects[order[t]![s]!]![t] = (f[e + 1]! - f[e]!) / (sign[t]![s]! * MORRIS_DELTA);
    }
  }
  // The same resampled trajectories for every factor (and, with the same seed, at every date).
  const u = runStream(seedKey(`morris-bootstrap:${seed}`), 0, 0);
  const picks = Int32Array.from({ length: resamples * r }, () => Math.floor(u() * r));
  const boot = effects.map((ee) => {
    const xs = new Float64Array(resamples);
    for (let b = 0; b < resamples; b++) {
      let abs = 0;
      for (let t = 0; t < r; t++) abs += Math.abs(ee[picks[b * r + t]!]!);
      xs[b] = abs / r;
    }
    return percentileInterval(xs, (1 - level) / 2);
  });
  return effects.map((ee, i) => {
    let abs = 0;
    let sum = 0;
    for (const x of ee) {
      abs += Math.abs(x);
      sum += x;
    }
    const mu = sum / r;
    let ss = 0;
    for (const x of ee) ss += (x - mu) ** 2;
    return { mu_star: abs / r, mu_star_ci: boot[i]!, mu, sigma: r > 1 ? Math.sqrt(ss / (r - 1)) : 0 };
  });
}
