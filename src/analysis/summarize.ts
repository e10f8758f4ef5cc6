/**
 * Summaries of a simulation: per series, mean and percentiles at each point; per threshold and event,
 * probabilities by date and time to first occurrence; per leader output, each member's share; histograms
 * at the snapshot dates and the whole trajectories of the first few runs. Everything is computed from the
 * per-run values in run order, so the summary is a pure function of (plan, seed, runs).
 */
import type { Channel, Plan } from '../compile/plan.js';
import type { Records } from '../engine/records.js';
import type { RunData } from '../engine/simulate.js';
import { type QualifiedName, qualify } from '../qualifiedName.js';
import { axisLabels } from '../time/period.js';
import { type Bin, histogramOf } from './histogram.js';
import { quantilesOfCounts, quantilesType7 } from './quantiles.js';

export const PERCENTILES = [5, 25, 50, 75, 95] as const;

/** How many runs' whole trajectories a summary keeps (for drawing sample runs over the fans). */
export const SAMPLE_RUNS = 10;

export interface SeriesSummary {
  readonly output: string;
  readonly member?: string;
  readonly label: string;
  readonly unit: string;
  readonly mean: number[];
  /** `percentiles['50'][k]` is the median at point k. */
  readonly percentiles: Record<string, number[]>;
}

/** Time to the first occurrence, as dates; null where it lies beyond the horizon. */
export interface TimeToEvent {
  readonly pNever: number;
  readonly p5: string | null;
  readonly p50: string | null;
  readonly p95: string | null;
}

export interface ThresholdSummary {
  readonly output: string;
  readonly member?: string;
  readonly label: string;
  /** Probability that the condition holds at each point. */
  readonly pAt: number[];
  /** Probability that it has held at some point up to each point. */
  readonly pBy: number[];
  readonly firstTime: TimeToEvent;
}

export interface EventSummary {
  readonly event: string;
  readonly member?: string;
  readonly label: string;
  readonly pBy: number[];
  readonly firstTime: TimeToEvent;
}

export interface LeaderSummary {
  readonly output: string;
  readonly label: string;
  /** Share of runs in which each member (or `none`) leads, at each point. */
  readonly share: Record<string, number[]>;
}

export interface Snapshot {
  readonly date: string;
  readonly point: number;
  /**
   * The distribution across runs of each series channel (`output` or `Member.output`) at this date. The
   * per-run values themselves go to a separate file on request (present/perRunValues.ts).
   */
  readonly histograms: Record<string, Bin[]>;
}

/** Whole trajectories of the first runs, in run order. */
export interface Samples {
  /** Run indices: firstRun, firstRun + 1, … (at most SAMPLE_RUNS of them). */
  readonly runs: number[];
  /** `series[key][i][k]` is the value of series channel `key` in run `runs[i]` at point k. */
  readonly series: Record<string, number[][]>;
}

export interface Summary {
  readonly dates: string[];
  readonly series: SeriesSummary[];
  readonly thresholds: ThresholdSummary[];
  readonly events: EventSummary[];
  readonly leaders: LeaderSummary[];
  readonly snapshots: Snapshot[];
  readonly samples: Samples;
}

/** The key of a channel in snapshots and tables: `output` or `Member.output`. */
export function channelKey(c: Channel): QualifiedName {
  return qualify(c.output, c.member);
}

/** What a summary reads of a plan: its channels, its time axis and its snapshot points. */
export type SummaryPlan = Pick<Plan, 'channels' | 'axis' | 'snapshots'>;

/**
 * The summary of one channel, from its records alone: a series' statistics, first runs and histograms at
 * the snapshots; a threshold's or event's occurrences; a leader output's shares. Channels are summarised
 * independently (in any thread: analysis/summarizeInParallel.ts), and `summaryOf` puts them together.
 */
export type ChannelSummary =
  | {
      readonly kind: 'series';
      readonly mean: number[];
      readonly percentiles: Record<string, number[]>;
      readonly samples: number[][];
      /** One histogram per snapshot, in the plan's order. */
      readonly histograms: Bin[][];
    }
  | {
      readonly kind: 'occurrences';
      readonly pAt: number[];
      readonly pBy: number[];
      readonly firstTime: TimeToEvent;
    }
  | { readonly kind: 'leader'; readonly share: Record<string, number[]> };

/** Summarises channel `ci` of the records of `runs` runs. */
export function summarizeChannel(
  plan: SummaryPlan,
  records: Records,
  ci: number,
  column: Float64Array,
): ChannelSummary {
  const { runs, points } = records;
  const c = plan.channels[ci]!;
  if (c.kind === 'series') {
    const sampleRuns = Math.min(runs, SAMPLE_RUNS);
    return {
      kind: 'series',
      ...seriesStatistics(records, ci, column),
      samples: Array.from({ length: sampleRuns }, (_, r) => Array.from(records.trajectory(ci, r))),
      histograms: plan.snapshots.map((point) => histogramOf(records.column(ci, point, column))),
    };
  }
  if (c.kind === 'threshold' || c.kind === 'event')
    return { kind: 'occurrences', ...occurrences(records, ci, axisLabels(plan.axis)) };
  const names = [...(c.members ?? []), 'none'];
  const counts = names.map(() => new Float64Array(points));
  for (let k = 0; k < points; k++) {
    records.column(ci, k, column);
    for (let r = 0; r < runs; r++) {
      const idx = column[r]!;
      counts[idx < 0 ? names.length - 1 : idx]![k]!++;
    }
  }
  return {
    kind: 'leader',
    share: Object.fromEntries(names.map((n, i) => [n, Array.from(counts[i]!, (x) => x / runs)])),
  };
}

/** The summary of runs firstRun … firstRun + runs − 1 from each channel's summary (`parts[ci]`). */
export function summaryOf(
  plan: SummaryPlan,
  runs: number,
  firstRun: number,
  parts: readonly ChannelSummary[],
): Summary {
  const dates = axisLabels(plan.axis);
  const sampleRuns = Math.min(runs, SAMPLE_RUNS);
  const out: Summary = {
    dates,
    series: [],
    thresholds: [],
    events: [],
    leaders: [],
    snapshots: [],
    samples: { runs: Array.from({ length: sampleRuns }, (_, i) => firstRun + i), series: {} },
  };
  plan.channels.forEach((c, ci) => {
    const member = c.member !== undefined ? { member: c.member } : {};
    const part = parts[ci]!;
    if (part.kind === 'series') {
      const { mean, percentiles } = part;
      out.series.push({ output: c.output, ...member, label: c.label, unit: c.unit ?? '', mean, percentiles });
      out.samples.series[channelKey(c)] = part.samples;
    } else if (part.kind === 'occurrences') {
      const { pAt, pBy, firstTime } = part;
      if (c.kind === 'threshold')
        out.thresholds.push({ output: c.output, ...member, label: c.label, pAt, pBy, firstTime });
      else out.events.push({ event: c.output, ...member, label: c.label, pBy, firstTime });
    } else out.leaders.push({ output: c.output, label: c.label, share: part.share });
  });
  plan.snapshots.forEach((point, j) => {
    const histograms: Record<string, Bin[]> = {};
    plan.channels.forEach((c, ci) => {
      const part = parts[ci]!;
      if (part.kind === 'series') histograms[channelKey(c)] = part.histograms[j]!;
    });
    out.snapshots.push({ date: dates[point]!, point, histograms });
  });
  return out;
}

/** Summarises per-run values, in this thread. */
export function summarize(data: RunData): Summary {
  const column = new Float64Array(data.runs);
  const parts = data.plan.channels.map((_, ci) => summarizeChannel(data.plan, data.records, ci, column));
  return summaryOf(data.plan, data.runs, data.firstRun, parts);
}

/**
 * Mean and percentiles at each point of one series channel. A column of small whole numbers (counts of
 * attacks, say) is counted value by value straight from the records; any other is decoded in run order,
 * its mean summed in run order and its percentiles found by selection in the column (quantiles.ts; it may
 * reorder the column). Both give the same numbers bit for bit.
 */
function seriesStatistics(records: Records, c: number, column: Float64Array) {
  const { runs, points } = records;
  const mean: number[] = [];
  const percentiles: Record<string, number[]> = Object.fromEntries(PERCENTILES.map((p) => [String(p), []]));
  const ps = PERCENTILES.map((p) => p / 100);
  const counts = new Float64Array(256);
  for (let k = 0; k < points; k++) {
    let sum = 0;
    let q: number[];
    counts.fill(0);
    if (records.countSmall(c, k, counts)) ({ q, sum } = quantilesOfCounts(counts, runs, ps));
    else {
      records.column(c, k, column);
      for (let r = 0; r < runs; r++) sum += column[r]!;
      q = quantilesType7(column, runs, ps);
    }
    mean.push(sum / runs);
    for (const [i, p] of PERCENTILES.entries()) percentiles[String(p)]!.push(q[i]!);
  }
  return { mean, percentiles };
}

function occurrences(records: Records, c: number, dates: readonly string[]) {
  const { runs, points } = records;
  const { at, first: firstCount, never } = records.occurrences(c);
  const pBy: number[] = [];
  let cum = 0;
  for (let k = 0; k < points; k++) {
    cum += firstCount[k]!;
    pBy.push(cum / runs);
  }
  // Quantiles of the first time, over all runs: a run that never crosses counts as beyond the horizon.
  const timeAt = (q: number): string | null => {
    const k = pBy.findIndex((p) => p >= q);
    return k < 0 ? null : dates[k]!;
  };
  return {
    pAt: Array.from(at, (x) => x / runs),
    pBy,
    firstTime: { pNever: never / runs, p5: timeAt(0.05), p50: timeAt(0.5), p95: timeAt(0.95) },
  };
}
