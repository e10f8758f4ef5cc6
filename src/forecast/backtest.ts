/**
 * Backtest skill on quantities: for every size estimate inside the backtest, whether the model's 50% and
 * 90% bands cover it, the sample CRPS of the model's runs against persistence (the last value known at
 * the backtest's start, carried forward), and the probability integral transform (PIT) for a histogram.
 * With a `reporting` error in the estimates file, the same statistics also for what a source would report:
 * the model's value times a lognormal error of median 1, so that the bands hold the sources' own
 * disagreement as well as the model's (observation error in verification: Saetra et al. 2004, "Effects of
 * observation errors on the statistics for ensemble spread and reliability", Monthly Weather Review
 * 132(6); Candille & Talagrand 2008, QJRMS 134(633)). Coverage is also given per grade of the estimates.
 * Pure: reads the backtest scenario's result.
 */
import { quantileSorted } from '../analysis/quantile.js';
import { standardNormalQuantile } from '../random/normal.js';
import type { EstimatesFile } from './estimates.js';
import type { ScenarioRun } from './modelRuns.js';
import { crpsSample } from './scores/crps.js';

/** The bands and scores of one predictive sample against an estimate. */
export interface BandScore {
  readonly median: number;
  readonly band50: [number, number];
  readonly band90: [number, number];
  readonly covered50: boolean;
  readonly covered90: boolean;
  readonly crps: number;
  readonly pit: number;
}

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
  /** The same for what a source would report (the file's `reporting` error); null without one. */
  readonly reported: BandScore | null;
}

/** Coverage of the 90% band among the estimates of one grade. */
export interface GradeCoverage {
  readonly n: number;
  readonly covered90: number;
  /** With the reporting error; null without one. */
  readonly covered90Reported: number | null;
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
  /** The lognormal reporting error (σ of the log) the `reported` figures use; null without one. */
  readonly reporting: { readonly logsd: number } | null;
  readonly coverage50Reported: number | null;
  readonly coverage90Reported: number | null;
  /** Per grade as the file gives it (A, B, C, B/C…); `A or B` counts the estimates graded A or B. */
  readonly byGrade: Record<string, GradeCoverage>;
  /** Median over the estimates of the 90% band's width divided by the central value. */
  readonly width90: { readonly model: number; readonly reported: number | null };
  readonly estimates: EstimateScore[];
}

/** Points z_k = Φ⁻¹((k + ½)/K) at which a report's error is taken: a deterministic stand-in for draws. */
export const REPORT_POINTS = 101;

export const PIT_BINS = 5;

const inside = (x: number, [lo, hi]: [number, number]) => lo <= x && x <= hi;
const meets = (lo: number, hi: number, [a, b]: [number, number]) => lo <= b && hi >= a;
const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

function bandScore(sample: ArrayLike<number>, central: number): BandScore {
  const sorted = Float64Array.from(sample).sort();
  const q = (p: number) => quantileSorted(sorted, p);
  const band50: [number, number] = [q(0.25), q(0.75)];
  const band90: [number, number] = [q(0.05), q(0.95)];
  let below = 0;
  let equal = 0;
  for (const x of sorted) {
    if (x < central) below++;
    else if (x === central) equal++;
  }
  return {
    median: q(0.5),
    band50,
    band90,
    covered50: inside(central, band50),
    covered90: inside(central, band90),
    crps: crpsSample(sorted, central),
    pit: (below + equal / 2) / sorted.length,
  };
}

/**
 * What a source would report of each run's value: x · e^(σ·z_k) for the K points z_k, so every run
 * counts K times, once per error. A value of 0 stays 0 (no one reports a group that is not there).
 */
export function reportedSample(sample: ArrayLike<number>, logsd: number): Float64Array {
  const factors = Array.from({ length: REPORT_POINTS }, (_, k) =>
    Math.exp(logsd * standardNormalQuantile((k + 0.5) / REPORT_POINTS)),
  );
  const out = new Float64Array(sample.length * REPORT_POINTS);
  let i = 0;
  for (let r = 0; r < sample.length; r++) for (const f of factors) out[i++] = sample[r]! * f;
  return out;
}

function scoreEstimate(
  e: EstimatesFile['estimates'][number],
  sample: ArrayLike<number>,
  persistence: number | undefined,
  logsd: number | undefined,
): EstimateScore {
  const b = bandScore(sample, e.central);
  return {
    series: e.series,
    when: e.when,
    at: String(e.at),
    low: e.low,
    high: e.high,
    central: e.central,
    grade: e.grade,
    inSample: e.inSample ?? null,
    median: b.median,
    band50: b.band50,
    band90: b.band90,
    covered50: b.covered50,
    covered90: b.covered90,
    overlaps50: meets(e.low, e.high, b.band50),
    overlaps90: meets(e.low, e.high, b.band90),
    crps: b.crps,
    persistence: persistence ?? null,
    crpsPersistence: persistence === undefined ? null : Math.abs(persistence - e.central),
    pit: b.pit,
    reported: logsd === undefined ? null : bandScore(reportedSample(sample, logsd), e.central),
  };
}

const A_OR_B = 'A or B';

function byGrade(scored: readonly EstimateScore[], reporting: boolean): Record<string, GradeCoverage> {
  const groups = new Map<string, EstimateScore[]>();
  for (const s of scored) {
    const keys = [s.grade, ...(s.grade === 'A' || s.grade === 'B' ? [A_OR_B] : [])];
    for (const k of keys) groups.set(k, [...(groups.get(k) ?? []), s]);
  }
  const out: Record<string, GradeCoverage> = {};
  for (const k of [...groups.keys()].sort()) {
    const g = groups.get(k)!;
    out[k] = {
      n: g.length,
      covered90: g.filter((s) => s.covered90).length,
      covered90Reported: reporting ? g.filter((s) => s.reported!.covered90).length : null,
    };
  }
  return out;
}

const medianOf = (xs: readonly number[]) => {
  const s = Float64Array.from(xs).sort();
  return quantileSorted(s, 0.5);
};
const width = (b: BandScore | EstimateScore, central: number) => (b.band90[1] - b.band90[0]) / central;

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
    else scored.push(scoreEstimate(e, sample, file.persistence[e.series]?.value, file.reporting?.logsd));
  });
  if (problems.length) return { problems };
  const withPersistence = scored.filter((s) => s.crpsPersistence !== null);
  const counts = new Array<number>(PIT_BINS).fill(0);
  for (const s of scored) counts[Math.min(PIT_BINS - 1, Math.floor(s.pit * PIT_BINS))]!++;
  const reporting = file.reporting !== undefined;
  const share = (f: (s: EstimateScore) => boolean) => mean(scored.map((s) => (f(s) ? 1 : 0)));
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
      reporting: file.reporting ? { logsd: file.reporting.logsd } : null,
      coverage50Reported: reporting ? share((s) => s.reported!.covered50) : null,
      coverage90Reported: reporting ? share((s) => s.reported!.covered90) : null,
      byGrade: byGrade(scored, reporting),
      width90: {
        model: medianOf(scored.map((s) => width(s, s.central))),
        reported: reporting ? medianOf(scored.map((s) => width(s.reported!, s.central))) : null,
      },
      estimates: scored,
    },
  };
}
