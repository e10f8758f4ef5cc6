/**
 * The pipeline behind `oxus signposts` and its endpoint: which observables, seen or not by an earlier
 * date, best tell whether a future of interest comes about. The future is a condition on one output at one
 * date, as scenario discovery reads it (`>= 1500`; a threshold or event: it has happened); the signposts
 * are the given observations or every output at the earlier date (teach/signposts.ts); each is scored by
 * conditioning the scenario's runs on it and on its absence. Library code: it throws typed errors, never
 * prints.
 */
import { pointOfDate } from './analysis/datePoint.js';
import { type Condition, casesOf } from './analysis/discovery/outcome.js';
import { findChannel, outputColumns } from './analysis/sensitivity/factors.js';
import { type AnalysisRunOptions, numericTargetOf } from './analysisTarget.js';
import { conditionOf } from './discovery.js';
import { simulate } from './engine/simulate.js';
import { AnalysisError } from './errors.js';
import type { Observation } from './model/schema.js';
import { type Prepared, type Receipt, receiptOf } from './pipeline.js';
import { describeObservation } from './teach/condition.js';
import {
  checkHard,
  type Estimate,
  generatedSignposts,
  type SignpostScore,
  scoreSignpost,
} from './teach/signposts.js';
import { axisLabels, indexOf, parsePeriod } from './time/period.js';

/** How many signposts the result lists by default, and at most. */
export const DEFAULT_TOP = 10;
export const MAX_TOP = 500;

export interface SignpostsRequest {
  readonly output: string;
  readonly member?: string;
  readonly at: string;
  /** The future of interest: `>= 300`; for a threshold or event it may be left out (it has happened). */
  readonly when?: string;
  /** The date by which the signposts are seen: before `at`. Ignored for given signposts (each has its own). */
  readonly by?: string;
  /** The signposts to score; default: every output at `by`. Hard observations only. */
  readonly signposts?: readonly Observation[];
  readonly top?: number;
}

export interface Signpost extends SignpostScore {
  readonly observation: Observation;
  readonly text: string;
}

export interface SignpostsResult {
  readonly format: 'oxus-signposts/1';
  readonly receipt: Receipt;
  readonly question: string | null;
  readonly future: {
    readonly output: string;
    readonly member?: string;
    readonly label: string;
    readonly unit?: string;
    readonly kind: 'series' | 'threshold' | 'event';
    readonly at: string;
    readonly when: Condition;
  };
  readonly by: string | null;
  readonly runs: number;
  /** The future's probability over all runs. */
  readonly prior: Estimate;
  /** Signposts scored, and those left out because every run or none shows them. */
  readonly scored: number;
  readonly unobservable: readonly string[];
  /** The best `top`, by expected shift, largest first. */
  readonly signposts: readonly Signpost[];
}

/** The point of an observation's date on the axis (a year on a quarterly axis is its first quarter). */
function pointOfObservation(p: Prepared, o: Observation, i: number): number {
  const month = parsePeriod(o.at);
  const k = month === undefined ? undefined : indexOf(p.plan.axis, month);
  if (k === undefined) {
    const dates = axisLabels(p.plan.axis);
    throw new AnalysisError(
      'E_TIME',
      `signpost ${i + 1} (${describeObservation(o)}): ${o.at} is not a date of the time axis: expected one from ${dates[0]} to ${dates[dates.length - 1]}`,
    );
  }
  return k;
}

/** Runs the scenario and scores the signposts. */
export async function executeSignposts(
  p: Prepared,
  request: SignpostsRequest,
  options: AnalysisRunOptions = {},
): Promise<SignpostsResult> {
  const { channel, c, point } = numericTargetOf(p, request);
  const when = conditionOf(request.when, c.kind);
  const given = request.signposts;
  for (const [i, o] of (given ?? []).entries()) checkHard(o, `signpost ${i + 1}`);
  if (given === undefined && request.by === undefined)
    throw new AnalysisError(
      'E_TIME',
      'give the date the signposts are seen by (--by), before the future’s date',
    );
  const by = given === undefined ? request.by! : null;
  if (by !== null && pointOfDate(p.plan.axis, by) >= point)
    throw new AnalysisError(
      'E_TIME',
      `signposts are seen before the future: --by ${by} must come before --at ${request.at}`,
    );
  const data = await simulate(p.plan, { ...options, runs: p.runs, seed: p.seed });
  const cache = new Map<number, Float64Array[]>();
  const columns = (ch: number) => {
    if (!cache.has(ch)) cache.set(ch, outputColumns(data, ch));
    return cache.get(ch)!;
  };
  const future = casesOf(columns(channel)[point]!, when);
  const cases = future.reduce((a, b) => a + b, 0);
  if (cases === 0 || cases === p.runs)
    throw new AnalysisError(
      'E_NO_CONTRAST',
      `${cases === 0 ? 'no' : 'every'} run of the ${p.runs.toLocaleString('en-US')} meets ${c.output}${c.member !== undefined ? ` of ${c.member}` : ''} ${when.op} ${when.value} at ${request.at}: there is no future to watch for; choose another condition or date`,
    );
  const dates = axisLabels(p.plan.axis);
  const candidates =
    given ?? generatedSignposts(p.plan.channels, by!, (ch) => columns(ch)[dates.indexOf(by!)]!);
  const unobservable: string[] = [];
  const scored: Signpost[] = [];
  candidates.forEach((o, i) => {
    const ch = findChannel(p.plan, o.output, o.member);
    const kind = p.plan.channels[ch]!.kind;
    if ((kind === 'series') === (o.happened !== undefined))
      throw new AnalysisError(
        'E_OBSERVATION',
        `signpost ${i + 1} (${describeObservation(o)}): '${o.output}' is ${kind === 'series' ? 'a series: observe it with `between`' : 'a threshold or event: observe it with `happened`'}`,
      );
    const text = o.label ?? describeObservation(o);
    const k = pointOfObservation(p, o, i);
    if (k >= point)
      throw new AnalysisError(
        'E_TIME',
        `signpost ${i + 1} (${describeObservation(o)}): it must be seen before the future's date, ${request.at}`,
      );
    const score = scoreSignpost(o, columns(ch)[k]!, future);
    if (score === null) unobservable.push(text);
    else scored.push({ observation: o, text, ...score });
  });
  scored.sort((a, b) => b.expectedShift - a.expectedShift);
  const prior = cases / p.runs;
  return {
    format: 'oxus-signposts/1',
    receipt: receiptOf(p, data.firstRun),
    question: p.scenario?.question ?? null,
    future: {
      output: c.output,
      ...(c.member !== undefined ? { member: c.member } : {}),
      label: c.label,
      ...(c.unit !== undefined ? { unit: c.unit } : {}),
      kind: c.kind,
      at: request.at,
      when,
    },
    by,
    runs: p.runs,
    prior: { p: prior, se: Math.sqrt((prior * (1 - prior)) / p.runs), runs: p.runs },
    scored: scored.length,
    unobservable,
    signposts: scored.slice(0, request.top ?? DEFAULT_TOP),
  };
}
