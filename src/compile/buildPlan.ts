/**
 * Turns a model (and optionally a scenario) into a Plan: checks every name, range, unit, expression and
 * dependency, collecting all problems in one pass, then generates the code the engine runs. Each stage
 * lives in its own file; this one only runs them in order (later stages need the symbols of earlier ones).
 */

import type { Problem } from '../errors.js';
import { DEFAULT_RUNS, DEFAULT_SEED } from '../limits.js';
import type { LoadedModel, LoadedScenario } from '../model/load.js';
import { decimalYear, MONTHS_PER_STEP } from '../time/period.js';
import { allocateSlots } from './allocateSlots.js';
import { BuildContext } from './buildContext.js';
import { assemble, initStatement } from './codegen.js';
import { correlations } from './correlations.js';
import { declareNames } from './declareNames.js';
import { derivedCode } from './derivedValues.js';
import { eventCode } from './events.js';
import { Hoister } from './hoister.js';
import { initialValues } from './initialValues.js';
import { checkMemberUnits } from './memberUnits.js';
import { outputCode } from './outputs.js';
import { freezeSlot } from './params.js';
import type { Plan, StateSlot } from './plan.js';
import { ruleCode } from './rules.js';
import { eventTimes, scheduleValues, snapshotPoints } from './scenarioChecks.js';
import { Symbols } from './symbols.js';
import { timeAxis } from './timeAxis.js';

export interface BuildResult {
  readonly plan?: Plan;
  readonly problems: readonly Problem[];
  /** Run count and seed named by the scenario (or the defaults). */
  readonly runs: number;
  readonly seed: number | string;
}

/** Checks and compiles a model under a scenario. Never throws for problems in the files. */
export function buildPlan(
  model: LoadedModel,
  scenario?: LoadedScenario,
  /**
   * `hoist: false` keeps every expression where it stands (the plain code moving parts out must equal);
   * `reads` is told every name each expression reads (the model map).
   */
  options: {
    readonly trace?: boolean;
    readonly hoist?: boolean;
    readonly reads?: BuildContext['onRead'];
  } = {},
): BuildResult {
  const file = model.file;
  const { axis, problems: axisProblems } = timeAxis(model, scenario);
  const dt = MONTHS_PER_STEP[file.time.step] / 12;
  const ctx = new BuildContext(model.yaml, new Symbols(dt));
  ctx.problems.push(...axisProblems);
  if (options.reads) ctx.onRead = options.reads;

  declareNames(ctx, model);
  checkMemberUnits(ctx, file);
  const slots = allocateSlots(ctx, model, scenario);
  initialValues(ctx, model, scenario, slots);
  const copula = correlations(ctx, model, slots.params);
  // Initial values are computed before the step loop; everything compiled from here on may move parts out.
  const hoister = new Hoister(slots.derived.length);
  if (options.hoist !== false) ctx.hoister = hoister;
  const derive = derivedCode(ctx, model, slots.derived);
  const rules = ruleCode(ctx, model);
  const events = eventCode(ctx, model, eventTimes(ctx, model, scenario, axis));
  const { channels, code: record } = outputCode(ctx, model, axis.steps + 1);
  const schedules = scheduleValues(ctx, scenario, slots.params, axis);
  const snapshots = snapshotPoints(ctx, scenario, axis);
  const { states } = slots;

  const code = assemble({
    t0: decimalYear(axis.start),
    steps: axis.steps,
    init: states.flatMap((s, i) => (s.initCode !== undefined ? [initStatement(i, s.initCode)] : [])),
    derive,
    record,
    step: [...rules, ...events],
    state: states,
    scheduled: schedules.map((s) => s.slot),
    ...hoister.statements(schedules.map((s) => s.slot)),
    ...(options.trace ? { trace: true } : {}),
  });

  const runs = scenario?.runs ?? DEFAULT_RUNS;
  const seed = scenario?.seed ?? DEFAULT_SEED;
  if (ctx.problems.length) return { problems: ctx.problems, runs, seed };
  const plan: Plan = {
    model: file.model,
    title: scenario?.title ?? file.title,
    ...(scenario ? { scenario: scenario.name } : {}),
    axis,
    dt,
    params: slots.params.map(freezeSlot),
    ...(copula ? { copula } : {}),
    state: states.map(
      ({ name, variable, member, min, max, initial, flag }): StateSlot => ({
        name,
        variable,
        ...(member !== undefined ? { member } : {}),
        min,
        max,
        initial,
        ...(flag ? { flag } : {}),
      }),
    ),
    nDerived: hoister.size,
    schedules,
    channels,
    code,
    snapshots,
  };
  return { plan, problems: [], runs, seed };
}
