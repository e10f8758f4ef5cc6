/**
 * Turns a model (and optionally a scenario) into a Plan: checks every name, range, unit, expression and
 * dependency, collecting all problems in one pass, then generates the code the engine runs.
 */
import type { Scope } from '../expr/compile.js';
import { AGGREGATES, FUNCTIONS } from '../expr/functions.js';
import type { LoadedModel, LoadedScenario, Origin } from '../model/load.js';
import type { Problem } from '../model/problems.js';
import type { Distribution } from '../model/schema.js';
import { unitOf } from '../model/unitOf.js';
import type { Path } from '../model/yamlFile.js';
import { cholesky, spearmanToPearson } from '../random/copula.js';
import {
  alignedTo,
  decimalYear,
  indexOf,
  MONTHS_PER_STEP,
  parsePeriod,
  type TimeAxis,
} from '../time/period.js';
import { assemble } from './codegen.js';
import { BuildContext } from './context.js';
import { checkMemberUnits } from './memberUnits.js';
import {
  applyParamOverrides,
  buildParamSlots,
  checkDistribution,
  checkSlotValue,
  checkValue,
  freezeSlot,
  resolveParamName,
} from './params.js';
import type { Channel, InitialValue, Plan, StateSlot } from './plan.js';
import { RESERVED, Symbols } from './symbols.js';

export interface BuildResult {
  readonly plan?: Plan;
  readonly problems: readonly Problem[];
  /** Run count and seed named by the scenario (or the defaults). */
  readonly runs: number;
  readonly seed: number | string;
}

export const DEFAULT_RUNS = 1000;
export const DEFAULT_SEED = 1;
export const MAX_STEPS = 5000;

interface StateDraft {
  flag: boolean;
  name: string;
  min: number;
  max: number;
  initial: InitialValue;
  initCode?: string;
}

/** Checks and compiles a model under a scenario. Never throws for problems in the files. */
export function buildPlan(model: LoadedModel, scenario?: LoadedScenario): BuildResult {
  const file = model.file;
  const unit = file.time.step;
  const axis = timeAxis(model, scenario);
  const dt = MONTHS_PER_STEP[unit] / 12;
  const sym = new Symbols(dt);
  const ctx = new BuildContext(model.yaml, sym);
  if (axis.problems.length) ctx.problems.push(...axis.problems);

  declareNames(ctx, model);
  checkMemberUnits(ctx, file);

  // Parameters.
  const paramDrafts = buildParamSlots(ctx, file);
  if (scenario) applyParamOverrides(ctx, paramDrafts, scenario.parameters);
  const paramIndex = new Map(paramDrafts.map((s, i) => [s.name, i]));
  for (const [name, def] of Object.entries(file.parameters ?? {})) {
    if (def.for !== undefined && !sym.entities.has(def.for)) continue;
    sym.declare(name, 'param', def.for, (m) => paramIndex.get(m ? `${m}.${name}` : name)!);
  }

  // State variables, then one flag per event instance.
  const states: StateDraft[] = [];
  const stateIndex = new Map<string, number>();
  for (const [name, def] of Object.entries(file.state)) {
    if (def.for !== undefined && !sym.entities.has(def.for)) continue;
    const min = def.min ?? Number.NEGATIVE_INFINITY;
    const max = def.max ?? Number.POSITIVE_INFINITY;
    if (min > max)
      ctx.report(['state', name], 'E_RANGE', 'min must not exceed max', { found: `min ${min}, max ${max}` });
    for (const m of def.for !== undefined ? sym.entities.get(def.for)! : [undefined]) {
      const slotName = m ? `${m}.${name}` : name;
      stateIndex.set(slotName, states.length);
      states.push({ name: slotName, min, max, flag: false, initial: { kind: 'value', value: 0 } });
    }
    sym.declare(name, 'state', def.for, (m) => stateIndex.get(m ? `${m}.${name}` : name)!);
  }
  const events = Object.entries(file.events ?? {}).filter(
    ([, e]) => e.for === undefined || sym.entities.has(e.for),
  );
  for (const [name, def] of events) {
    for (const m of def.for !== undefined ? sym.entities.get(def.for)! : [undefined]) {
      const slotName = m ? `${m}.${name}` : name;
      stateIndex.set(slotName, states.length);
      states.push({ name: slotName, min: 0, max: 1, flag: true, initial: { kind: 'value', value: 0 } });
    }
    sym.declare(name, 'event', def.for, (m) => stateIndex.get(m ? `${m}.${name}` : name)!);
  }

  // Derived values: slots now, code after every symbol is known.
  const derivedNames: string[] = [];
  for (const [name, def] of Object.entries(file.derived ?? {})) {
    if (def.for !== undefined && !sym.entities.has(def.for)) continue;
    const first = derivedNames.length;
    for (const m of def.for !== undefined ? sym.entities.get(def.for)! : [undefined])
      derivedNames.push(m ? `${m}.${name}` : name);
    const members = def.for !== undefined ? sym.entities.get(def.for)! : [];
    sym.declare(name, 'derived', def.for, (m) => (m ? first + members.indexOf(m) : first));
  }

  initialValues(ctx, model, scenario, states, stateIndex);
  const correlations = copula(
    ctx,
    model,
    paramDrafts.map((s) => s.name),
    paramDrafts,
  );
  const derive = derivedCode(ctx, model, derivedNames);
  const step = stepCode(ctx, model, scenario, axis.axis);
  const { channels, code: record } = recordCode(ctx, model, axis.axis.steps + 1);
  const schedules = scheduleValues(ctx, scenario, paramDrafts, axis.axis);
  const snapshots = snapshotPoints(ctx, scenario, axis.axis);

  const code = assemble({
    t0: decimalYear(axis.axis.start),
    steps: axis.axis.steps,
    init: states.flatMap((s, i) => (s.initCode !== undefined ? [`x[${i}] = ${s.initCode};`] : [])),
    derive,
    record,
    step,
    state: states,
    scheduled: schedules.map((s) => s.slot),
  });

  const runs = scenario?.runs ?? DEFAULT_RUNS;
  const seed = scenario?.seed ?? DEFAULT_SEED;
  if (ctx.problems.length) return { problems: ctx.problems, runs, seed };
  const plan: Plan = {
    model: file.model,
    title: scenario?.title ?? file.title,
    ...(scenario ? { scenario: scenario.name } : {}),
    axis: axis.axis,
    dt,
    params: paramDrafts.map(freezeSlot),
    ...(correlations ? { copula: correlations } : {}),
    state: states.map(
      ({ name, min, max, initial, flag }): StateSlot => ({
        name,
        min,
        max,
        initial,
        ...(flag ? { flag } : {}),
      }),
    ),
    nDerived: derivedNames.length,
    schedules,
    channels,
    code,
    snapshots,
  };
  return { plan, problems: [], runs, seed };
}

function timeAxis(model: LoadedModel, scenario?: LoadedScenario): { axis: TimeAxis; problems: Problem[] } {
  const unit = model.file.time.step;
  const problems: Problem[] = [];
  const point = (value: string | number, at: Origin): number => {
    const m = parsePeriod(value)!;
    if (!alignedTo(m, unit)) {
      problems.push(
        at.yaml.problem(at.path, 'E_TIME', `date is not on a ${unit} boundary`, { found: String(value) }),
      );
    }
    return m;
  };
  const start = scenario?.start
    ? point(scenario.start.value, scenario.start.at)
    : point(model.file.time.start, { yaml: model.yaml, path: ['time', 'start'] });
  const end = scenario?.end
    ? point(scenario.end.value, scenario.end.at)
    : point(model.file.time.end, { yaml: model.yaml, path: ['time', 'end'] });
  const size = MONTHS_PER_STEP[unit];
  let steps = Math.floor((end - start) / size);
  if (steps < 1 || steps > MAX_STEPS) {
    const at = scenario?.end?.at ?? { yaml: model.yaml, path: ['time', 'end'] };
    problems.push(
      at.yaml.problem(at.path, 'E_TIME', `the time axis must have 1 to ${MAX_STEPS} steps`, {
        found: `${steps} steps`,
      }),
    );
    steps = Math.min(Math.max(steps, 1), MAX_STEPS);
  }
  return { axis: { start, steps, unit }, problems };
}

function declareNames(ctx: BuildContext, model: LoadedModel): void {
  const file = model.file;
  const sym = ctx.sym;
  const seen = new Map<string, string>();
  const claim = (name: string, path: Path, what: string): void => {
    if (RESERVED.has(name) || FUNCTIONS.has(name) || AGGREGATES.has(name)) {
      ctx.report(path, 'E_RESERVED_NAME', `'${name}' is a built-in name`, { found: name });
    } else if (seen.has(name)) {
      ctx.report(path, 'E_DUPLICATE_NAME', `'${name}' is already used by ${seen.get(name)}`, { found: name });
    } else seen.set(name, what);
  };
  for (const [type, members] of Object.entries(file.entities ?? {})) {
    claim(type, ['entities', type], `entity type ${type}`);
    members.forEach((m, i) => {
      claim(m, ['entities', type, i], `member ${m} of ${type}`);
      sym.memberEntity.set(m, type);
    });
    sym.entities.set(type, [...new Set(members)]);
  }
  const sections = ['parameters', 'state', 'derived', 'events'] as const;
  for (const section of sections) {
    for (const [name, def] of Object.entries(file[section] ?? {})) {
      claim(name, [section, name], `${section} ${name}`);
      checkFor(ctx, def.for, [section, name]);
    }
  }
  for (const section of ['rules', 'outputs'] as const) {
    for (const [name, def] of Object.entries(file[section] ?? {})) checkFor(ctx, def.for, [section, name]);
  }
}

function checkFor(ctx: BuildContext, entity: string | undefined, at: Path): void {
  if (entity !== undefined && !ctx.sym.entities.has(entity)) {
    const types = [...ctx.sym.entities.keys()];
    ctx.report([...at, 'for'], 'E_UNKNOWN_ENTITY', `unknown entity type '${entity}'`, {
      expected: types.length ? `one of ${types.join(', ')}` : 'an entity type declared under `entities`',
      found: entity,
    });
  }
}

/** A scope that sees only parameters: initial expressions are evaluated before any state exists. */
function paramsOnly(scope: Scope): Scope {
  const keep = (l: ReturnType<Scope['lookup']>) =>
    l?.kind === 'value' && !/^(x|y|d)\[/.test(l.code) ? l : l?.kind === 'value' ? undefined : l;
  return {
    lookup: (n) => keep(scope.lookup(n)),
    lookupMember: (m, n) => keep(scope.lookupMember(m, n)),
    entityOf: (n) => scope.entityOf(n),
    members: (e) => scope.members(e),
    withMember: (e, m) => paramsOnly(scope.withMember(e, m)),
    names: () => scope.names(),
  };
}

function initialValues(
  ctx: BuildContext,
  model: LoadedModel,
  scenario: LoadedScenario | undefined,
  states: StateDraft[],
  stateIndex: Map<string, number>,
): void {
  const assign = (
    slot: number,
    spec: number | string | Distribution,
    at: Path | Origin,
    member: { entity: string; member: string } | undefined,
  ) => {
    const s = states[slot]!;
    if (typeof spec === 'number') {
      checkValue(ctx, at, spec, s.min, s.max, `initial value of '${s.name}'`);
      s.initial = { kind: 'value', value: spec };
      delete s.initCode;
    } else if (typeof spec === 'string') {
      const scope = paramsOnly(ctx.sym.scope('x', member));
      s.initial = { kind: 'expr' };
      s.initCode = ctx.expression(spec, at, scope, { allowRandom: false }).code;
    } else if (checkDistribution(ctx, at, spec, s.min, s.max)) {
      s.initial = { kind: 'dist', dist: spec, lo: s.min, hi: s.max };
      delete s.initCode;
    }
  };
  for (const [name, def] of Object.entries(model.file.state)) {
    if (def.for !== undefined && !ctx.sym.entities.has(def.for)) continue;
    const at: Path = ['state', name, 'initial'];
    const init = def.initial;
    if (def.for === undefined) {
      if (isMemberMap(init))
        ctx.report(at, 'E_SCHEMA', 'a per-member map of initial values needs `for: <entity type>`');
      else assign(stateIndex.get(name)!, init, at, undefined);
      continue;
    }
    const members = ctx.sym.entities.get(def.for)!;
    if (isMemberMap(init)) {
      for (const key of Object.keys(init)) {
        if (!members.includes(key))
          ctx.report(at, 'E_UNKNOWN_MEMBER', `'${key}' is not a member of ${def.for}`, {
            key,
            expected: `one of ${members.join(', ')}`,
            found: key,
          });
      }
      for (const m of members) {
        const v = (init as Record<string, number | string | Distribution>)[m];
        if (v === undefined)
          ctx.report(at, 'E_MISSING', `no initial value for ${m}`, {
            expected: `an entry for each of ${members.join(', ')}`,
          });
        else assign(stateIndex.get(`${m}.${name}`)!, v, [...at, m], { entity: def.for, member: m });
      }
    } else {
      for (const m of members)
        assign(stateIndex.get(`${m}.${name}`)!, init, at, { entity: def.for, member: m });
    }
  }
  for (const [key, { value, at }] of scenario?.initial ?? []) {
    const direct = stateIndex.get(key);
    // State variables, and event flags (a scenario starting after an event can mark it as already fired).
    const isState = (n: string) =>
      Object.hasOwn(model.file.state, n) || Object.hasOwn(model.file.events ?? {}, n);
    const targets =
      direct !== undefined && isState(key.split('.').pop()!)
        ? [direct]
        : isState(key)
          ? [...stateIndex.entries()].filter(([n]) => n === key || n.endsWith(`.${key}`)).map(([, i]) => i)
          : [];
    if (targets.length === 0) {
      ctx.report(at, 'E_UNKNOWN_STATE', `the model has no state variable '${key}'`, {
        expected: `one of ${Object.keys(model.file.state).join(', ')} (or Member.name)`,
        found: key,
      });
    }
    for (const slot of targets) {
      const name = states[slot]!.name;
      const dot = name.indexOf('.');
      const member = dot > 0 ? name.slice(0, dot) : undefined;
      const entity = member ? ctx.sym.memberEntity.get(member) : undefined;
      assign(slot, value, at, member && entity ? { entity, member } : undefined);
    }
  }
}

function isMemberMap(v: unknown): v is Record<string, number | string | Distribution> {
  return typeof v === 'object' && v !== null && !('dist' in v);
}

function copula(
  ctx: BuildContext,
  model: LoadedModel,
  names: readonly string[],
  drafts: ReturnType<typeof buildParamSlots>,
): Plan['copula'] | undefined {
  const list = model.file.correlations ?? [];
  if (list.length === 0) return undefined;
  const before = ctx.problems.length;
  const slots: number[] = [];
  const pairs: [number, number, number][] = [];
  list.forEach((c, i) => {
    const at: Path = ['correlations', i];
    const ids = c.between.map((name, j) => {
      const idx = names.indexOf(name);
      if (idx < 0) {
        ctx.report([...at, 'between', j], 'E_UNKNOWN_PARAMETER', `no parameter slot '${name}'`, {
          expected: 'a parameter, or Member.parameter for one entry of a table',
          found: name,
        });
      } else if (!drafts[idx]!.dist) {
        ctx.report([...at, 'between', j], 'E_CORRELATION', `'${name}' has no uncertainty to correlate`, {
          found: name,
        });
      }
      return idx;
    });
    if (!(c.rank > -1 && c.rank < 1))
      ctx.report([...at, 'rank'], 'E_CORRELATION', 'rank correlation must be in (-1, 1)', {
        found: String(c.rank),
      });
    if (ids[0] === ids[1] && ids[0]! >= 0)
      ctx.report([...at, 'between'], 'E_CORRELATION', 'a parameter cannot be correlated with itself');
    for (const id of ids) if (id >= 0 && !slots.includes(id)) slots.push(id);
    pairs.push([ids[0]!, ids[1]!, c.rank]);
  });
  if (ctx.problems.length > before) return undefined;
  const n = slots.length;
  const m = Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => (i === j ? 1 : 0) as number),
  );
  for (const [a, b, r] of pairs) {
    const i = slots.indexOf(a);
    const j = slots.indexOf(b);
    m[i]![j] = m[j]![i] = spearmanToPearson(r);
  }
  const L = cholesky(m);
  if (!L) {
    ctx.report(
      ['correlations'],
      'E_CORRELATION',
      'these correlations cannot hold together (the correlation matrix is not positive definite)',
    );
    return undefined;
  }
  return { slots, L };
}

function instances(
  ctx: BuildContext,
  entity: string | undefined,
): ({ entity: string; member: string } | undefined)[] {
  return entity === undefined
    ? [undefined]
    : (ctx.sym.entities.get(entity) ?? []).map((member) => ({ entity, member }));
}

function derivedCode(ctx: BuildContext, model: LoadedModel, names: readonly string[]): string[] {
  const code = new Map<string, string>();
  const deps = new Map<string, Set<string>>();
  const where = new Map<string, Path>();
  for (const [name, def] of Object.entries(model.file.derived ?? {})) {
    if (def.for !== undefined && !ctx.sym.entities.has(def.for)) continue;
    for (const inst of instances(ctx, def.for)) {
      const id = inst ? `${inst.member}.${name}` : name;
      const c = ctx.expression(def.expr, ['derived', name, 'expr'], ctx.sym.scope('x', inst), {
        allowRandom: false,
      });
      code.set(id, c.code);
      deps.set(id, c.derived);
      where.set(id, ['derived', name, 'expr']);
    }
  }
  // Topological order (depth-first); a back edge is a cycle, reported with its members.
  const order: string[] = [];
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (id: string): void => {
    const s = state.get(id);
    if (s === 2) return;
    if (s === 1) {
      const cycle = [...stack.slice(stack.indexOf(id)), id];
      const key = [...cycle].sort().join();
      if (!reported.has(key)) {
        reported.add(key);
        ctx.report(
          where.get(id)!,
          'E_CYCLE',
          `derived values depend on each other in a cycle: ${cycle.join(' → ')}`,
        );
      }
      return;
    }
    state.set(id, 1);
    stack.push(id);
    for (const dep of deps.get(id) ?? []) visit(dep);
    stack.pop();
    state.set(id, 2);
    order.push(id);
  };
  for (const id of code.keys()) visit(id);
  return order.map((id) => `d[${names.indexOf(id)}] = ${code.get(id)};`);
}

function stepCode(
  ctx: BuildContext,
  model: LoadedModel,
  scenario: LoadedScenario | undefined,
  axis: TimeAxis,
): string[] {
  const lines: string[] = [];
  const sym = ctx.sym;
  const setTargets = new Map<string, string>();
  const addTargets = new Map<string, string>();
  const rules = Object.entries(model.file.rules ?? {});
  for (const [id, rule] of rules) {
    const at: Path = ['rules', id];
    const targetEntity = sym.perMember.get(rule.target)?.entity;
    const target = sym.globals.get(rule.target) ?? sym.perMember.get(rule.target);
    if (target?.category !== 'state') {
      ctx.report(
        [...at, 'target'],
        'E_UNKNOWN_STATE',
        `rule target '${rule.target}' is not a state variable`,
        {
          expected: `one of ${Object.keys(model.file.state).join(', ')}`,
          found: rule.target,
        },
      );
      continue;
    }
    if (targetEntity !== undefined && targetEntity !== rule.for) {
      ctx.report(
        [...at, 'target'],
        'E_SCOPE',
        `'${rule.target}' is per ${targetEntity}: the rule needs \`for: ${targetEntity}\``,
        { found: rule.for ?? 'a global rule' },
      );
      continue;
    }
    const mode = rule.set !== undefined ? 'set' : 'add';
    const other =
      mode === 'set'
        ? (setTargets.get(rule.target) ?? addTargets.get(rule.target))
        : setTargets.get(rule.target);
    if (other !== undefined) {
      ctx.report(
        [...at, mode],
        'E_RULE_CONFLICT',
        `'${rule.target}' is also updated by rule '${other}': a target with a \`set\` rule can have no other rule`,
      );
    }
    (mode === 'set' ? setTargets : addTargets).set(rule.target, id);
    for (const inst of instances(ctx, rule.for)) {
      const scope = sym.scope('x', inst);
      const slot = sym.slot(rule.target, inst?.member)!.slot;
      const when =
        rule.when !== undefined
          ? ctx.expression(rule.when, [...at, 'when'], scope, { allowRandom: false }).code
          : undefined;
      const expr = ctx.expression((mode === 'set' ? rule.set : rule.add)!, [...at, mode], scope, {
        allowRandom: true,
      }).code;
      if (mode === 'add') lines.push(when ? `if (${when}) y[${slot}] += ${expr};` : `y[${slot}] += ${expr};`);
      else lines.push(when ? `y[${slot}] = ${when} ? ${expr} : x[${slot}];` : `y[${slot}] = ${expr};`);
    }
  }

  // Events: one uniform per instance per step, keyed by the instance's name and the step (common random
  // numbers across scenarios and model versions).
  const forced = new Map<string, number[]>();
  const suppressed = new Map<string, number>();
  const eventInstance = (
    ref: { event: string; member?: string | undefined },
    at: Origin,
  ): string | undefined => {
    const def = model.file.events?.[ref.event];
    if (!def || !Object.hasOwn(model.file.events ?? {}, ref.event)) {
      ctx.report(at, 'E_UNKNOWN_EVENT', `the model has no event '${ref.event}'`, {
        expected: `one of ${Object.keys(model.file.events ?? {}).join(', ') || '(none)'}`,
        found: ref.event,
      });
      return undefined;
    }
    if (def.for === undefined) {
      if (ref.member !== undefined)
        ctx.report(at, 'E_UNKNOWN_MEMBER', `event '${ref.event}' is global: it takes no member`, {
          found: ref.member,
        });
      return ref.event;
    }
    const members = sym.entities.get(def.for) ?? [];
    if (ref.member === undefined || !members.includes(ref.member)) {
      ctx.report(
        at,
        ref.member === undefined ? 'E_MISSING' : 'E_UNKNOWN_MEMBER',
        `event '${ref.event}' is per ${def.for}: name a member`,
        { expected: `one of ${members.join(', ')}`, found: ref.member ?? 'nothing' },
      );
      return undefined;
    }
    return `${ref.member}.${ref.event}`;
  };
  const stepOf = (value: string | number, at: Origin, lastAllowed: number): number | undefined => {
    const k = indexOf(axis, parsePeriod(value)!);
    if (k === undefined || k > lastAllowed) {
      ctx.report(at, 'E_TIME', 'date is not a step of the time axis', {
        expected: `a date from the axis (step ${axis.unit})`,
        found: String(value),
      });
      return undefined;
    }
    return k;
  };
  for (const { value, at } of scenario?.force ?? []) {
    const id = eventInstance(value, at);
    const k = stepOf(value.at, { yaml: at.yaml, path: [...at.path, 'at'] }, axis.steps - 1);
    if (id !== undefined && k !== undefined) forced.set(id, [...(forced.get(id) ?? []), k]);
  }
  for (const { value, at } of scenario?.suppress ?? []) {
    const id = eventInstance(value, at);
    const k =
      value.from === undefined
        ? 0
        : stepOf(value.from, { yaml: at.yaml, path: [...at.path, 'from'] }, axis.steps);
    if (id !== undefined && k !== undefined) suppressed.set(id, Math.min(k, suppressed.get(id) ?? k));
  }

  let eventNumber = 0;
  for (const [id, ev] of Object.entries(model.file.events ?? {})) {
    if (ev.for !== undefined && !sym.entities.has(ev.for)) continue;
    const at: Path = ['events', id];
    for (const inst of instances(ctx, ev.for)) {
      eventNumber++;
      const scope = sym.scope('x', inst);
      const flag = sym.slot(id, inst?.member)!.slot;
      const prob = ctx.expression(ev.probability, [...at, 'probability'], scope, { allowRandom: false }).code;
      const when =
        ev.when !== undefined
          ? ctx.expression(ev.when, [...at, 'when'], scope, { allowRandom: false }).code
          : '1';
      const effects = Object.entries(ev.effects ?? {}).map(([name, expr]) => {
        const target = sym.slot(name, inst?.member);
        if (target?.category !== 'state') {
          ctx.report(
            [...at, 'effects'],
            'E_UNKNOWN_STATE',
            `effect target '${name}' is not a state variable here`,
            { key: name, expected: 'a state variable of the same member, or a global one', found: name },
          );
          return undefined;
        }
        return {
          slot: target.slot,
          code: ctx.expression(expr, [...at, 'effects', name], sym.scope('y', inst), { allowRandom: true })
            .code,
        };
      });
      const key = inst ? `${inst.member}.${id}` : id;
      const force = (forced.get(key) ?? []).map((k) => `k === ${k}`).join(' || ') || '0';
      const sup = suppressed.has(key) ? `k >= ${suppressed.get(key)}` : '0';
      const applied = effects.filter((e) => e !== undefined);
      const temps = applied.map((e, i) => `const v${i} = ${e.code};`).join(' ');
      const sets = applied.map((e, i) => `y[${e.slot}] = v${i};`).join(' ');
      const notFired = ev.once === false ? '1' : `x[${flag}] === 0`;
      lines.push(`{ const u = R.keyed(ek[${2 * flag}], ek[${2 * flag + 1}], k);
    if (${notFired}) {
      let fire = ${force};
      if (!fire && !(${sup}) && (${when})) { const q = F.prob(${prob}); if (q !== q) { info[0] = k; return ${eventNumber}; } fire = u < q; }
      if (fire) { ${temps} ${sets} y[${flag}] = 1; }
    } }`);
    }
  }
  return lines;
}

function recordCode(
  ctx: BuildContext,
  model: LoadedModel,
  points: number,
): { channels: Channel[]; code: string[] } {
  const channels: Channel[] = [];
  const lines: string[] = [];
  const sym = ctx.sym;
  const put = (channel: Channel, code: string) => {
    lines.push(`out[o + ${channels.length * points} + k] = ${code};`);
    channels.push(channel);
  };
  for (const [id, out] of Object.entries(model.file.outputs ?? {})) {
    if (out.for !== undefined && !sym.entities.has(out.for)) continue;
    const at: Path = ['outputs', id];
    const label = out.label ?? id;
    if (out.kind === 'leader') {
      const members = sym.entities.get(out.for)!;
      const parts = members.map((m, i) => {
        const scope = sym.scope('x', { entity: out.for, member: m });
        const by = ctx.expression(out.by, [...at, 'by'], scope, { allowRandom: false }).code;
        const among =
          out.among !== undefined
            ? ctx.expression(out.among, [...at, 'among'], scope, { allowRandom: false }).code
            : '1';
        return `if (${among}) { const w = ${by}; if (w > bv) { bv = w; b = ${i}; } }`;
      });
      lines.push(
        `{ let b = -1, bv = -Infinity; ${parts.join(' ')} out[o + ${channels.length * points} + k] = b; }`,
      );
      channels.push({ output: id, kind: 'leader', label, members });
      continue;
    }
    for (const inst of instances(ctx, out.for)) {
      const scope = sym.scope('x', inst);
      const member = inst ? { member: inst.member } : {};
      if (out.kind === 'series') {
        put(
          { output: id, ...member, kind: 'series', label, unit: unitOf(out, inst?.member) },
          ctx.expression(out.expr, [...at, 'expr'], scope, { allowRandom: false }).code,
        );
      } else {
        put(
          { output: id, ...member, kind: 'threshold', label },
          `(${ctx.expression(out.when, [...at, 'when'], scope, { allowRandom: false }).code} ? 1 : 0)`,
        );
      }
    }
  }
  for (const [id, ev] of Object.entries(model.file.events ?? {})) {
    if (ev.for !== undefined && !sym.entities.has(ev.for)) continue;
    for (const inst of instances(ctx, ev.for)) {
      put(
        { output: id, ...(inst ? { member: inst.member } : {}), kind: 'event', label: ev.label ?? id },
        `x[${sym.slot(id, inst?.member)!.slot}]`,
      );
    }
  }
  return { channels, code: lines };
}

function scheduleValues(
  ctx: BuildContext,
  scenario: LoadedScenario | undefined,
  drafts: ReturnType<typeof buildParamSlots>,
  axis: TimeAxis,
): Plan['schedules'] {
  const out: { slot: number; values: (number | null)[] }[] = [];
  for (const [key, { value: entries, at }] of scenario?.schedules ?? []) {
    const targets = resolveParamName(ctx, drafts, key, at);
    const values: (number | null)[] = Array.from({ length: axis.steps + 1 }, () => null);
    entries.forEach((entry, i) => {
      const eat: Origin = { yaml: at.yaml, path: [...at.path, i] };
      const from = parsePeriod(entry.from)!;
      const to = entry.to !== undefined ? parsePeriod(entry.to)! : Number.POSITIVE_INFINITY;
      if (to < from)
        ctx.report(eat, 'E_TIME', '`to` is before `from`', { found: `${entry.from} to ${entry.to}` });
      for (const slot of targets)
        checkSlotValue(
          ctx,
          { yaml: eat.yaml, path: [...eat.path, 'value'] },
          entry.value,
          slot,
          `scheduled value of '${slot.name}'`,
        );
      const size = MONTHS_PER_STEP[axis.unit];
      for (let k = 0; k <= axis.steps; k++) {
        const m = axis.start + k * size;
        if (m >= from && m <= to) values[k] = entry.value;
      }
    });
    for (const slot of targets) out.push({ slot: drafts.indexOf(slot), values });
  }
  return out;
}

function snapshotPoints(ctx: BuildContext, scenario: LoadedScenario | undefined, axis: TimeAxis): number[] {
  const points = new Set<number>();
  for (const { value, at } of scenario?.snapshots ?? []) {
    const k = indexOf(axis, parsePeriod(value)!);
    if (k === undefined)
      ctx.report(at, 'E_TIME', 'snapshot date is not a point of the time axis', { found: String(value) });
    else points.add(k);
  }
  if (points.size === 0) points.add(axis.steps);
  return [...points].sort((a, b) => a - b);
}
