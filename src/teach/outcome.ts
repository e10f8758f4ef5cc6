/**
 * One output at one date over the runs, as the teaching techniques show it: for a series its mean, median
 * and 90% range; for a threshold or event (0/1 "has happened by the date") its probability. Runs may carry
 * weights (conditioning on soft observations): then means are weighted, quantiles are those of the
 * weighted empirical distribution (the smallest value whose cumulative weight reaches p, Hyndman & Fan's
 * definition 1 with weights), and standard errors use Kish's effective number of runs (Σw)²/Σw².
 */
import { quantilesType7 } from '../analysis/quantiles.js';

export interface Outcome {
  readonly kind: 'series' | 'indicator';
  readonly mean: number;
  /** Standard deviation over the (weighted) runs, as a population's: √(Σw(x − mean)²/Σw). */
  readonly sd: number;
  /** Standard error of the mean (for an indicator, of the probability). */
  readonly se: number;
  /** Series only: 5th, 50th and 95th percentiles. */
  readonly p5?: number;
  readonly median?: number;
  readonly p95?: number;
}

/** Kish's effective sample size of some weights. */
export function effectiveRuns(weights: Float64Array): number {
  let s = 0;
  let s2 = 0;
  for (const w of weights) {
    s += w;
    s2 += w * w;
  }
  return s2 > 0 ? (s * s) / s2 : 0;
}

/** Weighted quantiles (definition 1): for each p the smallest x with cumulative weight ≥ p·Σw. */
function weightedQuantiles(y: Float64Array, w: Float64Array, ps: readonly number[]): number[] {
  const order = Array.from(y.keys())
    .filter((i) => w[i]! > 0)
    .sort((a, b) => y[a]! - y[b]! || a - b);
  let total = 0;
  for (const i of order) total += w[i]!;
  return ps.map((p) => {
    let c = 0;
    for (const i of order) {
      c += w[i]!;
      if (c >= p * total * (1 - 1e-12)) return y[i]!;
    }
    return y[order[order.length - 1]!]!;
  });
}

/** The outcome of column `y` (one value per run), optionally weighted. */
export function outcomeOf(y: Float64Array, indicator: boolean, weights?: Float64Array): Outcome {
  const n = y.length;
  const w = weights ?? new Float64Array(n).fill(1);
  let sw = 0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    sw += w[i]!;
    m += w[i]! * y[i]!;
  }
  const mean = sw > 0 ? m / sw : Number.NaN;
  let v = 0;
  for (let i = 0; i < n; i++) v += w[i]! * (y[i]! - mean) ** 2;
  const variance = sw > 0 ? v / sw : Number.NaN;
  const nEff = weights ? effectiveRuns(w) : n;
  const se = nEff > 1 ? Math.sqrt((variance * nEff) / (nEff - 1) / nEff) : Number.NaN;
  const sd = Math.sqrt(variance);
  if (indicator) return { kind: 'indicator', mean, sd, se };
  const [p5, median, p95] = weights
    ? weightedQuantiles(y, w, [0.05, 0.5, 0.95])
    : quantilesType7(Float64Array.from(y), n, [0.05, 0.5, 0.95]);
  return { kind: 'series', mean, sd, se, p5: p5!, median: median!, p95: p95! };
}
