/**
 * Backtest skill on quantities: for every size estimate inside the backtest, whether the model's 50% and
 * 90% bands cover it, the sample CRPS of the model's runs against persistence (the last value known at
 * the backtest's start, carried forward), and the probability integral transform (PIT) for a histogram.
 * Pure: reads the backtest scenario's result.
 */
import { quantileSorted } from '../analysis/quantile.js';
import type { EstimatesFile } from './estimates.js';
import type { ScenarioRun } from './modelRuns.js';
import { crpsSample } from './scores/crps.js';

export interface EstimateScore {
  readonly series: string;
  readonly when: string;
  readonly at: string;
  readonly low: number;
  readonly high: number;
  readonly central: number;
  readonly grade: string;
  readonly inSample: string | null;
  readonly median: number;
  readonly band50: [number, number];
  readonly band90: [number, number];
  /** The central value lies inside the band. */
  readonly covered50: boolean;
  readonly covered90: boolean;
  /** The estimate's range [low, high] meets the band. */
  readonly overlaps50: boolean;
  readonly overlaps90: boolean;
  readonly crps: number;
  readonly persistence: number | null;
  readonly crpsPersistence: number | null;
  /** Mid-PIT: P(X < y) + ½ P(X = y) over the runs (ties are common when a group is at 0). */
  readonly pit: number;
}

export interface BacktestReport {
  readonly n: number;
  readonly coverage50: number;
  readonly coverage90: number;
  /** Mean CRPS over the estimates that have a persistence value, model and persistence on the same set. */
  readonly crps: { readonly model: number; readonly persistence: number; readonly n: number };
  readonly crpsAll: { readonly model: number; readonly n: number };
  /** Counts of PIT values in five equal bins [0, 0.2) … [0.8, 1]; flat when the model is calibrated. */
  readonly pit: { readonly edges: number[]; readonly counts: number[] };
  readonly inSample: number;
  readonly estimates: EstimateScore[];
}

export const PIT_BINS = 5;

const inside = (x: number, [lo, hi]: [number, number]) => lo <= x && x <= hi;
const meets = (lo: number, hi: number, [a, b]: [number, number]) => lo <= b && hi >= a;
const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

function scoreEstimate(
  e: EstimatesFile['estimates'][number],
  sample: ArrayLike<number>,
  persistence?: number,
): EstimateScore {
  const sorted = Float64Array.from(sample).sort();
  const q = (p: number) => quantileSorted(sorted, p);
  const band50: [number, number] = [q(0.25), q(0.75)];
  const band90: [number, number] = [q(0.05), q(0.95)];
  let below = 0;
  let equal = 0;
  for (const x of sorted) {
    if (x < e.central) below++;
    else if (x === e.central) equal++;
  }
  return {
    series: e.series,
    when: e.when,
    at: String(e.at),
    low: e.low,
    high: e.high,
    central: e.central,
    grade: e.grade,
    inSample: e.inSample ?? null,
    median: q(0.5),
    band50,
    band90,
    covered50: inside(e.central, band50),
    covered90: inside(e.central, band90),
    overlaps50: meets(e.low, e.high, band50),
    overlaps90: meets(e.low, e.high, band90),
    crps: crpsSample(sample, e.central),
    persistence: persistence ?? null,
    crpsPersistence: persistence === undefined ? null : Math.abs(persistence - e.central),
    pit: (below + equal / 2) / sorted.length,
  };
}

export type BacktestOutcome = { report: BacktestReport } | { problems: { index: number; message: string }[] };

/** Scores every estimate against the backtest's per-run values at its date. */
export function backtest(file: EstimatesFile, valuesAt: ScenarioRun['valuesAt']): BacktestOutcome {
  const problems: { index: number; message: string }[] = [];
  const scored: EstimateScore[] = [];
  file.estimates.forEach((e, index) => {
    const values = valuesAt(String(e.at));
    const sample = values?.[e.series];
    if (!values) problems.push({ index, message: `date ${e.at} is not on the backtest's axis` });
    else if (!sample) problems.push({ index, message: `the backtest's result has no series ${e.series}` });
    else scored.push(scoreEstimate(e, sample, file.persistence[e.series]?.value));
  });
  if (problems.length) return { problems };
  const withPersistence = scored.filter((s) => s.crpsPersistence !== null);
  const counts = new Array<number>(PIT_BINS).fill(0);
  for (const s of scored) counts[Math.min(PIT_BINS - 1, Math.floor(s.pit * PIT_BINS))]!++;
  return {
    report: {
      n: scored.length,
      coverage50: mean(scored.map((s) => (s.covered50 ? 1 : 0))),
      coverage90: mean(scored.map((s) => (s.covered90 ? 1 : 0))),
      crps: {
        model: mean(withPersistence.map((s) => s.crps)),
        persistence: mean(withPersistence.map((s) => s.crpsPersistence!)),
        n: withPersistence.length,
      },
      crpsAll: { model: mean(scored.map((s) => s.crps)), n: scored.length },
      pit: { edges: Array.from({ length: PIT_BINS + 1 }, (_, k) => k / PIT_BINS), counts },
      inSample: scored.filter((s) => s.inSample !== null).length,
      estimates: scored,
    },
  };
}
