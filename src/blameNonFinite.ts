/**
 * Names the rule or event that made a state NaN or infinite. The engine's step code checks the state only
 * once per step (after every rule and event, so the check costs nothing per statement) and reports the
 * state and the step; this replays that one run with its step instrumented, as `oxus trace` does, and
 * finds the first statement after which the state stopped being a number.
 */
import { buildPlan } from './compile/buildPlan.js';
import { stepSources } from './compile/stepSources.js';
import { makeBlockRunner } from './engine/runBlock.js';
import { EngineError } from './errors.js';
import type { Prepared } from './pipeline.js';
import { axisLabels } from './time/period.js';

const describe = (v: number) => (Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity');

/**
 * `err` with the culprit named when it is a state that became NaN or infinite in a run of `p` (drawn as
 * `oxus run` draws, not a sampling design's); any other error comes back as it is.
 */
export function blameNonFinite(p: Prepared, err: unknown): unknown {
  if (!(err instanceof EngineError) || err.code !== 'E_NONFINITE') return err;
  const state = /^state '([^']+)'/.exec(err.reason)?.[1];
  const built = buildPlan(p.model, p.scenario, { trace: true });
  if (state === undefined || !built.plan) return err;
  const plan = built.plan;
  const dates = axisLabels(plan.axis);
  const k = dates.indexOf(err.date);
  const slot = plan.state.findIndex((s) => s.name === state);
  const sources = stepSources(p.model.file, plan);
  let step = -1;
  let start = Number.NaN;
  let culprit: { statement: number; value: number } | undefined;
  const runner = makeBlockRunner(plan, p.seed, undefined, (i, _k, y) => {
    if (i === -1) {
      step++;
      start = y[slot]!;
    } else if (step === k && i >= 0 && culprit === undefined && !Number.isFinite(y[slot]!))
      culprit = { statement: i, value: y[slot]! };
  });
  try {
    runner(err.run, err.run + 1);
  } catch {
    // The replay fails as the run did; the hook has seen what it needs.
  }
  const when = `in the step from ${dates[k]} to ${dates[k + 1]}`;
  if (k === 0 && step >= 0 && !Number.isFinite(start)) {
    const reason = `the initial value of state '${state}' is ${describe(start)}`;
    return new EngineError('E_NONFINITE', reason, err.run, err.date);
  }
  const source = culprit && sources[culprit.statement];
  if (!culprit || !source) return err;
  const who = `${source.kind} '${source.name}'${source.member !== undefined ? ` for ${source.member}` : ''}`;
  const what = source.kind === 'event' ? `${who}'s effects gave` : `${who} gave`;
  return new EngineError(
    'E_NONFINITE',
    `${what} ${describe(culprit.value)} for state '${state}' ${when}`,
    err.run,
    err.date,
  );
}
