/**
 * Indicators and signposts: observable quantities, seen or not by an earlier date, scored by how far
 * seeing them (or not) would move the probability of a future of interest. A signpost is a hard
 * observation (an event or threshold has happened by the date; a value lies in a range), so each run
 * either shows it or not: its likelihood under teach/condition.ts is 1 or 0, and conditioning the runs on
 * it, or on its absence, gives P(future | seen) and P(future | not seen) by exact rejection. Plain data in,
 * plain data out.
 */
import type { Channel } from '../compile/plan.js';
import { AnalysisError } from '../errors.js';
import type { Observation } from '../model/schema.js';
import { describeObservation, likelihood } from './condition.js';

/** A probability estimated from `runs` runs, with its binomial standard error √(p(1 − p)/runs). */
export interface Estimate {
  readonly p: number;
  readonly se: number;
  readonly runs: number;
}

export interface SignpostScore {
  /** Share of the runs that show it by its date. */
  readonly pSeen: number;
  readonly ifSeen: Estimate;
  readonly ifNot: Estimate;
  /** ifSeen − the future's probability over all runs. */
  readonly shift: number;
  /**
   * How far watching it moves the estimate on average: E|P(F | what is seen) − P(F)|, which is
   * 2·q·(1 − q)·|P(F | seen) − P(F | not seen)| for q = P(seen), since P(F) = q·P(F | seen) + (1 − q)·P(F | not).
   */
  readonly expectedShift: number;
  /** P(seen | F) / P(seen | not F): its diagnosticity for the future; null when no run outside F shows it. */
  readonly likelihoodRatio: number | null;
}

const estimate = (hits: number, runs: number): Estimate => {
  const p = hits / runs;
  return { p, se: Math.sqrt((p * (1 - p)) / runs), runs };
};

/** Refuses a soft observation: a signpost is seen or not. */
export function checkHard(o: Observation, where: string): void {
  if (o.about !== undefined)
    throw new AnalysisError(
      'E_OBSERVATION',
      `${where} (${describeObservation(o)}): a signpost is seen or not: give \`happened\` or \`between\`, not \`about\``,
    );
}

/**
 * Scores one signpost: `column` is its output at its date in every run, `future` 1 for the runs in the
 * future of interest. Null when every run, or none, shows it (there is nothing to watch).
 */
export function scoreSignpost(
  o: Observation,
  column: Float64Array,
  future: Uint8Array,
): SignpostScore | null {
  const n = future.length;
  let seen = 0;
  let seenAndF = 0;
  let f = 0;
  for (let r = 0; r < n; r++) {
    const l = likelihood(o, column[r]!);
    seen += l;
    seenAndF += l * future[r]!;
    f += future[r]!;
  }
  if (seen === 0 || seen === n) return null;
  const ifSeen = estimate(seenAndF, seen);
  const ifNot = estimate(f - seenAndF, n - seen);
  const q = seen / n;
  const outside = (seen - seenAndF) / (n - f);
  return {
    pSeen: q,
    ifSeen,
    ifNot,
    shift: ifSeen.p - f / n,
    expectedShift: 2 * q * (1 - q) * Math.abs(ifSeen.p - ifNot.p),
    likelihoodRatio: outside > 0 ? seenAndF / f / outside : null,
  };
}

/**
 * The signposts to try when none are given: every output (each member's) at the date, as a 0/1 question:
 * a threshold or event "has happened by then"; a series "at or above its median over the runs then" (a
 * cut fixed in advance, not searched for, so the scores are not tuned to these runs).
 */
export function generatedSignposts(
  channels: readonly Channel[],
  by: string,
  column: (channel: number) => Float64Array,
): Observation[] {
  return channels.flatMap((c, i): Observation[] => {
    if (c.kind === 'leader') return [];
    const who = c.member !== undefined ? `${c.member} ` : '';
    const at = { output: c.output, ...(c.member !== undefined ? { member: c.member } : {}), at: by };
    if (c.kind !== 'series') return [{ ...at, happened: true, label: `${who}${c.label} by ${by}` }];
    const x = Float64Array.from(column(i)).sort();
    const m = x.length % 2 ? x[(x.length - 1) / 2]! : (x[x.length / 2 - 1]! + x[x.length / 2]!) / 2;
    const max = x[x.length - 1]!;
    const unit = c.unit ? ` ${c.unit}` : '';
    return [
      {
        ...at,
        between: [m, max],
        label: `${who}${c.label} at ${by} at or above its median, ${roundish(m)}${unit}`,
      },
    ];
  });
}

/** A cut as a reader writes it: whole and with separators from 100 (2,970), else three figures (0.488). */
const roundish = (x: number): string =>
  Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : String(Number(x.toPrecision(3)));
