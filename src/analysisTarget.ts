/**
 * What an analysis of one output at one date looks at, shared by `oxus sensitivity` and `oxus discover`:
 * the output's channel (and member), the date's point on the time axis, and the output of every run (or
 * design evaluation) at every date. Library code: it throws typed errors, never prints.
 */
import { pointOfDate } from './analysis/datePoint.js';
import { findChannel, type Measure, outputColumns } from './analysis/sensitivity/factors.js';
import type { Channel } from './compile/plan.js';
import type { Design } from './engine/runBlock.js';
import { type SimulateOptions, simulate } from './engine/simulate.js';
import { AnalysisError } from './errors.js';
import type { Prepared } from './pipeline.js';

/** Engine options an analysis passes on (it sets the runs, the seed and the design itself). */
export type AnalysisRunOptions = Omit<SimulateOptions, 'runs' | 'seed' | 'design'>;

export interface Target {
  /** Index into plan.channels. */
  readonly channel: number;
  readonly c: Channel;
  /** Index of the date on the time axis. */
  readonly point: number;
}

/** The channel of `output` (and `member`) and the point of `at`; a typed error naming what is wrong. */
export function targetOf(p: Prepared, request: { output: string; member?: string; at: string }): Target {
  const channel = findChannel(p.plan, request.output, request.member);
  return { channel, c: p.plan.channels[channel]!, point: pointOfDate(p.plan.axis, request.at) };
}

/** A target whose output is a number at each date (a series, a threshold or an event). */
export interface NumericTarget extends Target {
  readonly c: Channel & { readonly kind: Exclude<Channel['kind'], 'leader'> };
}

/** As `targetOf`, for the analyses that need a number: a leader output (a group's name) is refused. */
export function numericTargetOf(
  p: Prepared,
  request: { output: string; member?: string; at: string },
): NumericTarget {
  const target = targetOf(p, request);
  const { c } = target;
  if (c.kind === 'leader') throw new AnalysisError('E_UNKNOWN_OUTPUT', `'${c.output}' is not a number`);
  // Narrowed by the check above; the channel itself is kept (not copied).
  return target as NumericTarget;
}

/**
 * Simulates `runs` runs (or the design's evaluations) from the scenario's seed and reads the target's
 * output at every point: `columns[k][r]`.
 */
export async function targetColumns(
  p: Prepared,
  target: Target,
  options: AnalysisRunOptions,
  run: { runs?: number; design?: Design; measure?: Measure } = {},
): Promise<Float64Array[]> {
  const data = await simulate(p.plan, {
    ...options,
    runs: run.runs ?? p.runs,
    seed: p.seed,
    ...(run.design ? { design: run.design } : {}),
  });
  return outputColumns(data, target.channel, run.measure);
}
