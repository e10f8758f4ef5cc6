/**
 * The pipeline behind `oxus trace`: recompiles the scenario with its step instrumented, replays one run
 * (the same draws as run I of `oxus run`, so the same numbers), and explains it (analysis/trace.ts).
 */
import { type RunTrace, type StepSnapshots, traceRun } from './analysis/trace.js';
import { buildPlan } from './compile/buildPlan.js';
import { stepSources } from './compile/stepSources.js';
import { makeBlockRunner } from './engine/runBlock.js';
import { AnalysisError, OxusError } from './errors.js';
import { type Prepared, type Receipt, receiptOf } from './pipeline.js';
import { qualify } from './qualifiedName.js';
import { axisLabels } from './time/period.js';

export interface TraceResult extends RunTrace {
  readonly format: 'oxus-trace/1';
  readonly receipt: Receipt;
  readonly run: number;
  readonly dates: string[];
}

/** Replays run `run` of a prepared scenario and explains it. */
export function executeTrace(p: Prepared, run: number): TraceResult {
  if (!Number.isInteger(run) || run < 0)
    throw new AnalysisError('E_RUN', `the run must be a whole number from 0, found ${run}`);
  const built = buildPlan(p.model, p.scenario, { trace: true });
  if (!built.plan) throw new OxusError(built.problems);
  const plan = built.plan;
  const sources = stepSources(p.model.file, plan);
  const S = plan.state.length;
  const snapshots: StepSnapshots[] = [];
  let current: { before: Float64Array; after: Float64Array[] } | undefined;
  const runner = makeBlockRunner(plan, p.seed, undefined, (i, _k, y) => {
    const copy = Float64Array.from(y.subarray(0, S));
    if (i === -1) current = { before: copy, after: [] };
    else if (i === -2 && current) {
      snapshots.push({ ...current, end: copy });
      current = undefined;
    } else current?.after.push(copy);
  });
  runner(run, run + 1);
  if (snapshots.some((snap) => snap.after.length !== sources.length))
    throw new Error('trace: the step statements do not match the rules and events of the model');
  const stateIndex = new Map(plan.state.map((s, i) => [s.name as string, i]));
  const flagOf = new Map<number, number>();
  sources.forEach((s, i) => {
    if (s.kind === 'event') flagOf.set(i, stateIndex.get(qualify(s.name, s.member))!);
  });
  const dates = axisLabels(plan.axis);
  const explained = traceRun(
    snapshots,
    dates,
    sources,
    plan.state.map((s) => ({ name: s.name, ...(s.flag ? { flag: true } : {}) })),
    flagOf,
  );
  return { format: 'oxus-trace/1', receipt: receiptOf(p, run), run, dates, ...explained };
}
