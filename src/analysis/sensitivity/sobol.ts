/**
 * Sobol first-order and total indices from a Saltelli design (Saltelli 2002; Saltelli et al. 2010,
 * "Variance based sensitivity analysis of model output", Comput. Phys. Commun. 181, 259–270, table 2):
 * with f_A, f_B the outputs on two independent sample matrices and f_ABi on A with column (group) i from B,
 *   V    = variance of f_A and f_B together,
 *   S1_i = mean((f_B − f̄) · (f_ABi − f_A)) / V          (Saltelli et al. 2010, eq. (b) of table 2),
 *   ST_i = mean((f_A − f_ABi)²) / 2 / V                  (Jansen 1999, eq. (f) of table 2).
 * with f̄ the mean of f_A and f_B: since f_ABi − f_A has mean 0, subtracting f̄ leaves the estimator's
 * expectation as it was (up to O(1/N)) and removes the variance a large output mean adds to it (Sobol'
 * 1990 works with f − f₀ for the same reason). Confidence intervals by bootstrap over the design's rows (percentile intervals, Efron & Tibshirani 1993).
 * Both estimators assume independent inputs: correlations declared in the model are not honoured by the
 * design, and the indices are those of the model with its inputs made independent.
 */
import { runStream, seedKey } from '../../random/stream.js';
import { quantileSorted } from '../quantile.js';

export interface SobolIndex {
  readonly S1: number;
  readonly S1_ci: [number, number];
  readonly ST: number;
  readonly ST_ci: [number, number];
}

/** Point estimates of S1 and ST for each factor from the rows `rows` (indices into 0 … N − 1). */
export function sobolEstimates(
  fA: Float64Array,
  fB: Float64Array,
  fAB: readonly Float64Array[],
  rows?: Int32Array,
): { S1: number[]; ST: number[] } {
  const n = rows ? rows.length : fA.length;
  const at = (j: number) => (rows ? rows[j]! : j);
  let sum = 0;
  let sq = 0;
  for (let j = 0; j < n; j++) {
    const a = fA[at(j)]!;
    const b = fB[at(j)]!;
    sum += a + b;
    sq += a * a + b * b;
  }
  const mean = sum / (2 * n);
  const V = sq / (2 * n) - mean * mean;
  const S1: number[] = [];
  const ST: number[] = [];
  for (const ab of fAB) {
    let first = 0;
    let total = 0;
    for (let j = 0; j < n; j++) {
      const r = at(j);
      const d = ab[r]! - fA[r]!;
      first += (fB[r]! - mean) * d;
      total += d * d;
    }
    // A constant output has no variance to share out: every index is 0.
    S1.push(V > 0 ? first / n / V : 0);
    ST.push(V > 0 ? total / (2 * n) / V : 0);
  }
  return { S1, ST };
}

/** S1 and ST with bootstrap percentile intervals at `level` (default 95%), from `resamples` resamples. */
export function sobolIndices(
  fA: Float64Array,
  fB: Float64Array,
  fAB: readonly Float64Array[],
  options: { resamples?: number; level?: number; seed?: number | string } = {},
): SobolIndex[] {
  const { resamples = 500, level = 0.95, seed = 'bootstrap' } = options;
  const point = sobolEstimates(fA, fB, fAB);
  const n = fA.length;
  const u = runStream(seedKey(`sobol-bootstrap:${seed}`), 0, 0);
  const rows = new Int32Array(n);
  const s1 = fAB.map(() => new Float64Array(resamples));
  const st = fAB.map(() => new Float64Array(resamples));
  for (let b = 0; b < resamples; b++) {
    for (let j = 0; j < n; j++) rows[j] = Math.floor(u() * n);
    const est = sobolEstimates(fA, fB, fAB, rows);
    est.S1.forEach((x, i) => {
      s1[i]![b] = x;
    });
    est.ST.forEach((x, i) => {
      st[i]![b] = x;
    });
  }
  const lo = (1 - level) / 2;
  return fAB.map((_, i) => ({
    S1: point.S1[i]!,
    S1_ci: percentileInterval(s1[i]!, lo),
    ST: point.ST[i]!,
    ST_ci: percentileInterval(st[i]!, lo),
  }));
}

/** The [lo, 1 − lo] type-7 percentiles of a bootstrap sample (sorted in place). */
export function percentileInterval(xs: Float64Array, lo: number): [number, number] {
  xs.sort();
  return [quantileSorted(xs, lo), quantileSorted(xs, 1 - lo)];
}
