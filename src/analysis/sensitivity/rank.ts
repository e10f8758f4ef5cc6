/**
 * Screening from runs already made: Spearman's rank correlation ρ of each uncertain parameter's drawn values
 * with the output, and standardised rank regression coefficients (SRRC: least squares of the output's
 * standardised ranks on all parameters' standardised ranks at once; Saltelli et al. 2004, "Sensitivity
 * Analysis in Practice", §1.2.5), with the regression's R² (how much of the ranks' variance a monotone
 * additive model explains; a low R² says the indices miss interactions or non-monotone effects).
 * ρ measures each input alone and so includes what correlated inputs carry with it; SRRC apportions among
 * inputs and is unstable when inputs are strongly correlated.
 */
import { standardNormalQuantile } from '../../random/normal.js';
import { pearson, ranks } from './correlation.js';

export interface RankIndex {
  readonly rho: number;
  /** null when there are too few runs for the regression (fewer than inputs + 2) or it is singular. */
  readonly srrc: number | null;
}

/** ρ and SRRC of each input against y; R² of the rank regression (null when it was not possible). */
export function rankIndices(
  inputs: readonly Float64Array[],
  y: Float64Array,
): { indices: RankIndex[]; r2: number | null } {
  const ry = standardise(ranks(y));
  const rx = inputs.map((x) => standardise(ranks(x)));
  const rho = rx.map((x) => (ry ? (x ? pearson(x, ry) : 0) : 0));
  const usable = rx.flatMap((x, i) => (x ? [i] : []));
  const beta =
    ry && y.length >= usable.length + 2
      ? regress(
          usable.map((i) => rx[i]!),
          ry,
        )
      : undefined;
  const srrc = new Array<number | null>(inputs.length).fill(beta ? 0 : null);
  let r2: number | null = null;
  if (beta && ry) {
    usable.forEach((i, j) => {
      srrc[i] = beta[j]!;
    });
    // With standardised variables, R² = Σ βⱼ · corr(xⱼ, y).
    r2 = usable.reduce((s, i, j) => s + beta[j]! * rho[i]!, 0);
  }
  return {
    indices: inputs.map((_, i) => ({ rho: Number.isNaN(rho[i]!) ? 0 : rho[i]!, srrc: srrc[i]! })),
    r2,
  };
}

/** (x − mean) / sd, or undefined for a constant sample (it has no ranks to speak of). */
function standardise(x: Float64Array): Float64Array | undefined {
  const n = x.length;
  let m = 0;
  for (const v of x) m += v / n;
  let ss = 0;
  for (const v of x) ss += (v - m) ** 2;
  const sd = Math.sqrt(ss / n);
  if (!(sd > 0)) return undefined;
  return Float64Array.from(x, (v) => (v - m) / sd);
}

/** Least squares β of y on the columns xs (all centred, so no intercept), by the normal equations. */
function regress(xs: readonly Float64Array[], y: Float64Array): number[] | undefined {
  const k = xs.length;
  const n = y.length;
  const a = Array.from({ length: k }, (_, i) => {
    const row = new Float64Array(k + 1);
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += xs[i]![r]! * xs[j]![r]!;
      row[j] = s;
    }
    let s = 0;
    for (let r = 0; r < n; r++) s += xs[i]![r]! * y[r]!;
    row[k] = s;
    return row;
  });
  return solve(a, k, n);
}

/** Gauss–Jordan elimination with partial pivoting on the augmented k × (k + 1) matrix; undefined if singular. */
function solve(a: Float64Array[], k: number, scale: number): number[] | undefined {
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    // The Gram matrix of standardised columns has n on its diagonal: a pivot below 1e-10·n is singular.
    if (!(Math.abs(a[p]![c]!) > 1e-10 * scale)) return undefined;
    [a[c], a[p]] = [a[p]!, a[c]!];
    const pivot = a[c]!;
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const row = a[r]!;
      const f = row[c]! / pivot[c]!;
      if (f !== 0) for (let j = c; j <= k; j++) row[j] = row[j]! - f * pivot[j]!;
    }
  }
  return a.map((row, i) => row[k]! / row[i]!);
}

/**
 * A confidence interval for Spearman's ρ from n runs at `level`: Fisher's z = atanh ρ is close to normal
 * with variance 1.06 / (n − 3) for a rank correlation (Fieller, Hartley & Pearson 1957, "Tests for rank
 * correlation coefficients. I", Biometrika 44, 470–481), so the interval is tanh(z ± q·√(1.06 / (n − 3))).
 * [−1, 1] with fewer than 4 runs; a ρ of ±1 has the interval [ρ, ρ].
 */
export function rhoInterval(rho: number, n: number, level = 0.95): [number, number] {
  if (n < 4) return [-1, 1];
  if (Math.abs(rho) >= 1) return [rho, rho];
  const z = Math.atanh(rho);
  const h = standardNormalQuantile(1 - (1 - level) / 2) * Math.sqrt(1.06 / (n - 3));
  return [Math.tanh(z - h), Math.tanh(z + h)];
}
