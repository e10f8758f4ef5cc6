/**
 * The pipeline behind `oxus condition` and its endpoint: the scenario's runs, then the same runs weighted
 * by what was seen (the scenario's `observations`, or those of the request), and one output at one date
 * before and after. Library code: it throws typed errors, never prints.
 */
import { findChannel, outputColumns } from './analysis/sensitivity/factors.js';
import { type SimulateOptions, simulate } from './engine/simulate.js';
import { AnalysisError } from './errors.js';
import type { Observation } from './model/schema.js';
import { type Prepared, type Receipt, receiptOf } from './pipeline.js';
import { conditionWeights, describeObservation, type ObservationFit } from './teach/condition.js';
import { effectiveRuns, type Outcome, outcomeOf } from './teach/outcome.js';
import { axisLabels, indexOf, parsePeriod } from './time/period.js';

/** Below this many effective runs a conditioned result comes with a warning. */
export const FEW_EFFECTIVE_RUNS = 100;

export interface ConditionRequest {
  readonly output: string;
  readonly member?: string;
  readonly at: string;
  /** Default: the scenario's `observations`. */
  readonly observations?: readonly Observation[];
}

export interface ConditionResult {
  readonly format: 'oxus-condition/1';
  readonly receipt: Receipt;
  readonly output: string;
  readonly member?: string;
  readonly at: string;
  readonly observations: readonly (Observation & ObservationFit & { readonly text: string })[];
  readonly runs: number;
  /** Runs with a nonzero weight. */
  readonly consistentRuns: number;
  readonly effectiveRuns: number;
  readonly warning: string | null;
  readonly prior: Outcome;
  readonly posterior: Outcome;
}

/** The column an observation looks at; refuses a kind of observation its output cannot have. */
export function columnOf(
  p: Prepared,
  columns: (channel: number) => Float64Array[],
  o: Observation,
  i: number,
) {
  const where = `observation ${i + 1} (${describeObservation(o)})`;
  const channel = findChannel(p.plan, o.output, o.member);
  const dates = axisLabels(p.plan.axis);
  const month = parsePeriod(o.at);
  const point = month === undefined ? undefined : indexOf(p.plan.axis, month);
  if (point === undefined)
    throw new AnalysisError(
      'E_TIME',
      `${where}: ${o.at} is not a date of the time axis: expected one from ${dates[0]} to ${dates[dates.length - 1]}`,
    );
  const series = p.plan.channels[channel]!.kind === 'series';
  if (series === (o.happened !== undefined))
    throw new AnalysisError(
      'E_OBSERVATION',
      `${where}: '${o.output}' is ${series ? 'a series: observe it with `between` or `about`' : 'a threshold or event: observe it with `happened`'}`,
    );
  return columns(channel)[point]!;
}

/** Runs the scenario and conditions it. */
export async function executeCondition(
  p: Prepared,
  request: ConditionRequest,
  options: Omit<SimulateOptions, 'runs' | 'seed' | 'design'> = {},
): Promise<ConditionResult> {
  const observations = request.observations ?? p.scenario?.observations.map((e) => e.value) ?? [];
  if (observations.length === 0)
    throw new AnalysisError(
      'E_NO_OBSERVATIONS',
      'nothing to condition on: the scenario lists no `observations`',
    );
  const target = findChannel(p.plan, request.output, request.member);
  const point = axisLabels(p.plan.axis).indexOf(request.at);
  if (point < 0) throw new AnalysisError('E_TIME', `${request.at} is not a date of the time axis`);
  const data = await simulate(p.plan, { ...options, runs: p.runs, seed: p.seed });
  const cache = new Map<number, Float64Array[]>();
  const columns = (c: number) => {
    if (!cache.has(c)) cache.set(c, outputColumns(data, c));
    return cache.get(c)!;
  };
  const observed = observations.map((o, i) => ({ observation: o, column: columnOf(p, columns, o, i) }));
  const { weights, fits } = conditionWeights(observed, p.runs);
  const consistentRuns = weights.reduce((n, w) => n + (w > 0 ? 1 : 0), 0);
  if (consistentRuns === 0) {
    const each = observations
      .map((o, i) => `${describeObservation(o)}: ${fits[i]!.consistent} runs`)
      .join('; ');
    throw new AnalysisError(
      'E_NO_CONSISTENT_RUNS',
      `none of the ${p.runs} runs is consistent with all the observations (consistent with each alone: ${each}); run more runs or widen an observation`,
    );
  }
  const nEff = effectiveRuns(weights);
  const c = p.plan.channels[target]!;
  const y = columns(target)[point]!;
  const indicator = c.kind !== 'series';
  return {
    format: 'oxus-condition/1',
    receipt: receiptOf(p, data.firstRun),
    output: request.output,
    ...(c.member !== undefined ? { member: c.member } : {}),
    at: request.at,
    observations: observations.map((o, i) => ({ ...o, ...fits[i]!, text: describeObservation(o) })),
    runs: p.runs,
    consistentRuns,
    effectiveRuns: nEff,
    warning:
      nEff < FEW_EFFECTIVE_RUNS
        ? `the conditioned result rests on about ${Math.round(nEff)} effective runs of ${p.runs}: its Monte Carlo error is large; run more runs`
        : null,
    prior: outcomeOf(y, indicator),
    posterior: outcomeOf(y, indicator, weights),
  };
}
