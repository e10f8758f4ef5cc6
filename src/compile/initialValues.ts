/**
 * Initial values of state variables and event flags: numbers and distributions checked against the state's
 * range, expressions compiled over the parameters only; then the scenario's `initial:` entries.
 */

import { didYouMean, oneOf } from '../didYouMean.js';
import type { Scope } from '../expr/compileExpression.js';
import type { LoadedModel, LoadedScenario, Origin } from '../model/load.js';
import type { Distribution } from '../model/schema.js';
import type { Path } from '../model/yamlFile.js';
import { qualify, splitQualified } from '../qualifiedName.js';
import type { Slots } from './allocateSlots.js';
import type { BuildContext } from './buildContext.js';
import { checkMemberKeys } from './memberKeys.js';
import { checkDistribution, checkValue } from './params.js';
import type { Binding } from './symbols.js';

/** A scope that sees only parameters and built-ins: initial expressions run before any state exists. */
function paramsOnly(scope: Scope): Scope {
  const keep = (l: ReturnType<Scope['lookup']>) =>
    l?.kind === 'value' && l.source === 'state' ? undefined : l;
  return {
    lookup: (n) => keep(scope.lookup(n)),
    lookupMember: (m, n) => keep(scope.lookupMember(m, n)),
    entityOf: (n) => scope.entityOf(n),
    members: (e) => scope.members(e),
    withMember: (e, m) => paramsOnly(scope.withMember(e, m)),
    names: () => scope.names(),
  };
}

/** Sets each state slot's initial value from the model, then from the scenario. */
export function initialValues(
  ctx: BuildContext,
  model: LoadedModel,
  scenario: LoadedScenario | undefined,
  { states, stateIndex }: Slots,
): void {
  const assign = (
    slot: number,
    spec: number | string | Distribution,
    at: Path | Origin,
    member?: Binding,
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
      else assign(stateIndex.get(qualify(name))!, init, at, undefined);
      continue;
    }
    const members = ctx.sym.entities.get(def.for)!;
    if (isMemberMap(init)) {
      checkMemberKeys(ctx, at, def.for, members, Object.keys(init));
      for (const m of members) {
        const v = (init as Record<string, number | string | Distribution>)[m];
        if (v === undefined)
          ctx.report(at, 'E_MISSING', `no initial value for ${m}`, {
            expected: `an entry for each of ${members.join(', ')}`,
          });
        else assign(stateIndex.get(qualify(name, m))!, v, [...at, m], { entity: def.for, member: m });
      }
    } else {
      for (const m of members)
        assign(stateIndex.get(qualify(name, m))!, init, at, { entity: def.for, member: m });
    }
  }
  for (const [key, { value, at }] of scenario?.initial ?? []) {
    const { member, name } = splitQualified(key);
    const direct = stateIndex.get(qualify(name, member));
    // State variables, and event flags (a scenario starting after an event can mark it as already fired).
    const isState = (n: string) =>
      Object.hasOwn(model.file.state, n) || Object.hasOwn(model.file.events ?? {}, n);
    const targets =
      direct !== undefined && isState(name)
        ? [direct]
        : isState(key)
          ? states.flatMap((s, i) => (s.variable === key ? [i] : []))
          : [];
    if (targets.length === 0) reportUnknownState(ctx, model, states, key, at);
    for (const slot of targets) {
      const { member } = states[slot]!;
      const entity = member !== undefined ? ctx.sym.memberEntity.get(member) : undefined;
      assign(slot, value, at, member !== undefined && entity ? { entity, member } : undefined);
    }
  }
}

/** Why a scenario's `initial` key names no slot: an unknown member of a known variable, or an unknown name. */
function reportUnknownState(
  ctx: BuildContext,
  model: LoadedModel,
  states: Slots['states'],
  key: string,
  at: Origin,
): void {
  const known = [...Object.keys(model.file.state), ...Object.keys(model.file.events ?? {})];
  const { member, name } = splitQualified(key);
  const members = states.flatMap((s) => (s.variable === name && s.member !== undefined ? [s.member] : []));
  if (member !== undefined && known.includes(name)) {
    const entity = ctx.sym.memberEntity.get(members[0] ?? '') ?? 'its entity type';
    ctx.report(
      at,
      'E_UNKNOWN_MEMBER',
      members.length
        ? `'${member}' is not a member of ${entity} ('${name}' is per ${entity})${didYouMean(member, members)}`
        : `'${name}' is global: it takes no member`,
      { expected: members.length ? oneOf(members) : name, found: key },
    );
    return;
  }
  ctx.report(
    at,
    'E_UNKNOWN_STATE',
    `the model has no state variable or event '${name}'${didYouMean(name, known, member)}`,
    { expected: `${oneOf(known)} (or Member.name for one member)`, found: key },
  );
}

function isMemberMap(v: unknown): v is Record<string, number | string | Distribution> {
  return typeof v === 'object' && v !== null && !('dist' in v);
}
