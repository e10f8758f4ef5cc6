/**
 * Paired comparison of two simulations on common random numbers: run i of A and run i of B share every
 * keyed draw (parameters, initial values, events) and the rules' stream, so the per-run difference B − A
 * isolates what differs between the two. For a series, the difference's distribution (mean, percentiles)
 * and P(B < A), P(B = A), P(B > A); for a threshold or event, whether it has happened by the date in each
 * run, tabulated in pairs (both, only A, only B, neither), with the difference in probability pB − pA.
 * Monte Carlo standard errors: sqrt(p(1 − p)/n) for each probability; for the mean difference, sd/sqrt(n);
 * for pB − pA the paired SE sqrt((p₀₁ + p₁₀ − (p₀₁ − p₁₀)²)/n), the SE of the mean of the per-run
 * difference of two indicators (values −1, 0, 1).
 */
import type { Channel } from '../compile/plan.js';
import type { Records } from '../engine/records.js';
import type { RunData } from '../engine/simulate.js';
import { AnalysisError } from '../errors.js';
import { axisLabels } from '../time/period.js';
import { quantilesType7 } from './quantiles.js';
import { PERCENTILES } from './summarize.js';

export type ComparedKind = 'series' | 'threshold' | 'event';

/** Which comparisons to make: one output (all members unless `member`), and the dates (default: all). */
export interface CompareSelection {
  readonly output?: string;
  readonly member?: string;
  readonly dates?: readonly string[];
}

export interface PairedTable {
  /** Runs in which it has happened by the date in both, only in A, only in B, in neither. */
  readonly both: number;
  readonly onlyA: number;
  readonly onlyB: number;
  readonly neither: number;
  readonly pA: number;
  readonly pB: number;
  /** pB − pA and its paired standard error. */
  readonly diff: number;
  readonly diffSe: number;
}

export interface Comparison {
  readonly output: string;
  readonly member?: string;
  readonly label: string;
  readonly unit?: string;
  readonly date: string;
  readonly kind: ComparedKind;
  /** The per-run difference B − A (for thresholds and events: of the 0/1 indicators "happened by date"). */
  readonly diff: { readonly mean: number; readonly percentiles: Record<string, number> };
  /** P(B < A), P(B = A), P(B > A) over runs. */
  readonly pLess: number;
  readonly pEqual: number;
  readonly pGreater: number;
  readonly se: {
    readonly mean: number;
    readonly pLess: number;
    readonly pEqual: number;
    readonly pGreater: number;
  };
  readonly table?: PairedTable;
}

/** The identity of a channel across two plans: kind, output and member. */
const keyOf = (c: Channel) => `${c.kind}\u0000${c.output}\u0000${c.member ?? ''}`;

/**
 * Compares B with A run by run, for every series, threshold and event channel the two share (leaders,
 * being categories, are left out), at every date both axes share, narrowed by `select`.
 */
export function compareRuns(a: RunData, b: RunData, select: CompareSelection = {}): Comparison[] {
  if (a.runs !== b.runs || a.firstRun !== b.firstRun || String(a.seed) !== String(b.seed)) {
    throw new AnalysisError(
      'E_UNPAIRED',
      `runs pair only with the same seed and run indices: A has seed ${a.seed}, runs ${a.firstRun}–${a.firstRun + a.runs - 1}; B has seed ${b.seed}, runs ${b.firstRun}–${b.firstRun + b.runs - 1}`,
    );
  }
  const datesA = axisLabels(a.plan.axis);
  const datesB = axisLabels(b.plan.axis);
  const pointB = new Map(datesB.map((d, k) => [d, k]));
  const wanted = select.dates ? new Set(select.dates) : undefined;
  const points = datesA.flatMap((d, ka) => {
    const kb = pointB.get(d);
    return kb !== undefined && (!wanted || wanted.has(d)) ? [{ date: d, ka, kb }] : [];
  });
  const channelB = new Map(b.plan.channels.map((c, i) => [keyOf(c), i]));
  const out: Comparison[] = [];
  const da = new Float64Array(a.runs);
  const va = new Float64Array(a.runs);
  a.plan.channels.forEach((c, ia) => {
    if (c.kind === 'leader') return;
    if (select.output !== undefined && c.output !== select.output) return;
    if (select.member !== undefined && c.member !== select.member) return;
    const ib = channelB.get(keyOf(c));
    if (ib === undefined) return;
    const firsts = c.kind === 'series' ? undefined : [firstPoints(a.records, ia), firstPoints(b.records, ib)];
    for (const { date, ka, kb } of points) {
      if (c.kind === 'series') {
        a.records.column(ia, ka, va);
        b.records.column(ib, kb, da);
        for (let r = 0; r < a.runs; r++) da[r] = da[r]! - va[r]!;
        out.push({ ...identity(c, date), ...seriesDifference(da) });
      } else {
        out.push({ ...identity(c, date), ...occurrenceDifference(firsts![0]!, firsts![1]!, ka, kb) });
      }
    }
  });
  return out;
}

function identity(c: Channel, date: string) {
  return {
    output: c.output,
    ...(c.member !== undefined ? { member: c.member } : {}),
    label: c.label,
    ...(c.unit !== undefined ? { unit: c.unit } : {}),
    date,
    kind: c.kind as ComparedKind,
  };
}

const binomialSe = (p: number, n: number) => Math.sqrt((p * (1 - p)) / n);

/** Statistics of the per-run differences d (reordered in place by the percentile selection). */
function seriesDifference(d: Float64Array) {
  const n = d.length;
  let less = 0;
  let equal = 0;
  let sum = 0;
  for (let r = 0; r < n; r++) {
    const x = d[r]!;
    if (x < 0) less++;
    else if (x === 0) equal++;
    sum += x;
  }
  const mean = sum / n;
  let ss = 0;
  for (let r = 0; r < n; r++) ss += (d[r]! - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const q = quantilesType7(
    d,
    n,
    PERCENTILES.map((p) => p / 100),
  );
  const pLess = less / n;
  const pEqual = equal / n;
  const pGreater = (n - less - equal) / n;
  return {
    diff: { mean, percentiles: Object.fromEntries(PERCENTILES.map((p, i) => [String(p), q[i]!])) },
    pLess,
    pEqual,
    pGreater,
    se: {
      mean: sd / Math.sqrt(n),
      pLess: binomialSe(pLess, n),
      pEqual: binomialSe(pEqual, n),
      pGreater: binomialSe(pGreater, n),
    },
  };
}

/** Per run, the first point at which a threshold or event channel is non-zero (Infinity: never). */
function firstPoints(records: Records, c: number): Float64Array {
  const { runs, points } = records;
  const first = new Float64Array(runs).fill(Number.POSITIVE_INFINITY);
  const column = new Float64Array(runs);
  // From the last point back, so each run ends with its earliest non-zero point.
  for (let k = points - 1; k >= 0; k--) {
    records.column(c, k, column);
    for (let r = 0; r < runs; r++) if (column[r]! !== 0) first[r] = k;
  }
  return first;
}

/** The paired table of "has happened by the date" in A and B, and the statistics of B − A as indicators. */
function occurrenceDifference(firstA: Float64Array, firstB: Float64Array, ka: number, kb: number) {
  const n = firstA.length;
  const d = new Float64Array(n);
  let both = 0;
  let onlyA = 0;
  let onlyB = 0;
  for (let r = 0; r < n; r++) {
    const x = firstA[r]! <= ka;
    const y = firstB[r]! <= kb;
    if (x && y) both++;
    else if (x) onlyA++;
    else if (y) onlyB++;
    d[r] = Number(y) - Number(x);
  }
  const p10 = onlyA / n;
  const p01 = onlyB / n;
  const diff = p01 - p10;
  const diffSe = Math.sqrt(Math.max(0, p01 + p10 - diff * diff) / n);
  const neither = n - both - onlyA - onlyB;
  return {
    ...seriesDifference(d),
    table: { both, onlyA, onlyB, neither, pA: (both + onlyA) / n, pB: (both + onlyB) / n, diff, diffSe },
  };
}
