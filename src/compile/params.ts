/**
 * Parameter slots: one per global parameter and one per member of a parameter table, with the scenario's
 * overrides applied, and every value and distribution checked against its range and unit.
 */

import { didYouMean, oneOf } from '../didYouMean.js';
import type { Origin } from '../model/load.js';
import type { Distribution, ModelFile, ParameterDef } from '../model/schema.js';
import { unitOf } from '../model/unitOf.js';
import type { Path } from '../model/yamlFile.js';
import { type QualifiedName, qualify, splitQualified } from '../qualifiedName.js';
import { distributionProblems, support } from '../random/distributions.js';
import type { BuildContext } from './buildContext.js';
import { checkMemberKeys } from './memberKeys.js';
import type { ParamSlot } from './plan.js';

const UNIT_BOUNDED = new Set(['probability', 'fraction']);

/** The allowed interval of a quantity, from its range and unit; reports inconsistent ones. */
export function allowedRange(
  ctx: BuildContext,
  at: Path,
  unit: string,
  range: readonly [number, number] | undefined,
): [number, number] {
  const bounded = UNIT_BOUNDED.has(unit.trim().toLowerCase());
  if (range) {
    if (!(range[0] < range[1])) {
      ctx.report([...at, 'range'], 'E_RANGE', 'range must be [min, max] with min < max', {
        found: `[${range[0]}, ${range[1]}]`,
      });
    }
    if (bounded && (range[0] < 0 || range[1] > 1)) {
      ctx.report([...at, 'range'], 'E_UNIT', `a ${unit} must lie in [0, 1]`, {
        expected: 'a range inside [0, 1]',
        found: `[${range[0]}, ${range[1]}]`,
      });
    }
    return [range[0], range[1]];
  }
  return bounded ? [0, 1] : [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY];
}

/** Reports a value outside [lo, hi]. */
export function checkValue(
  ctx: BuildContext,
  at: Path | Origin,
  value: number,
  lo: number,
  hi: number,
  what: string,
): void {
  if (value < lo || value > hi) {
    ctx.report(at, 'E_RANGE', `${what} is outside its allowed range`, {
      expected: `a value in [${lo}, ${hi}]`,
      found: String(value),
    });
  }
}

/** Reports impossible distribution parameters and supports that leave [lo, hi]; normal, lognormal and gamma are truncated instead. */
export function checkDistribution(
  ctx: BuildContext,
  at: Path | Origin,
  dist: Distribution,
  lo: number,
  hi: number,
): boolean {
  const problems = distributionProblems(dist);
  for (const message of problems) ctx.report(at, 'E_DIST_PARAMS', `${dist.dist}: ${message}`);
  if (problems.length) return false;
  const [a, b] = support(dist);
  const truncatable = dist.dist === 'normal' || dist.dist === 'lognormal' || dist.dist === 'gamma';
  if (truncatable) {
    if (b <= lo || a >= hi) {
      ctx.report(at, 'E_RANGE', 'the distribution has no mass inside the allowed range', {
        expected: `[${lo}, ${hi}]`,
      });
      return false;
    }
    return true;
  }
  if (a < lo || b > hi) {
    ctx.report(at, 'E_RANGE', 'the distribution reaches outside the allowed range', {
      expected: `support inside [${lo}, ${hi}]`,
      found: `[${a}, ${b}]`,
    });
    return false;
  }
  return true;
}

export interface ParamDraft {
  name: QualifiedName;
  parameter: string;
  member?: string;
  value: number;
  dist?: Distribution;
  lo: number;
  hi: number;
  /** A 0/1 switch: only 0 and 1 are allowed values. */
  switch?: true;
}

/** Reports a value outside the slot's range, or a switch's value that is neither 0 nor 1. */
export function checkSlotValue(
  ctx: BuildContext,
  at: Path | Origin,
  value: number,
  slot: { lo: number; hi: number; switch?: true },
  what: string,
): void {
  if (slot.switch && value !== 0 && value !== 1) {
    ctx.report(at, 'E_RANGE', `${what} must be 0 or 1 (it is a switch)`, {
      expected: '0 (off) or 1 (on)',
      found: String(value),
    });
  } else checkValue(ctx, at, value, slot.lo, slot.hi, what);
}

/** A switch's uncertainty is a `choice` between 0 and 1 (a Bernoulli draw with its weights). */
function checkSwitchDistribution(ctx: BuildContext, at: Path | Origin, dist: Distribution): boolean {
  if (dist.dist === 'choice' && dist.values.every((v) => v === 0 || v === 1)) return true;
  ctx.report(at, 'E_RANGE', 'the uncertainty of a switch is a choice between 0 and 1', {
    expected: '{ dist: choice, values: [0, 1], weights: [...] }',
    found: dist.dist === 'choice' ? `choice of ${dist.values.join(', ')}` : dist.dist,
  });
  return false;
}

/** The allowed interval of a parameter (or one member's entry), from its range, unit and switch. */
function parameterRange(ctx: BuildContext, at: Path, def: ParameterDef, member?: string): [number, number] {
  if (def.switch) {
    if (def.range && (def.range[0] !== 0 || def.range[1] !== 1)) {
      ctx.report([...at, 'range'], 'E_RANGE', 'a switch takes the values 0 and 1', {
        expected: 'no range, or [0, 1]',
        found: `[${def.range[0]}, ${def.range[1]}]`,
      });
    }
    return [0, 1];
  }
  return allowedRange(ctx, at, unitOf(def, member), def.range);
}

/** Builds the parameter slots of the model file, in declaration order (members in entity order). */
export function buildParamSlots(ctx: BuildContext, file: ModelFile): ParamDraft[] {
  const slots: ParamDraft[] = [];
  for (const [name, def] of Object.entries(file.parameters ?? {})) {
    const at: Path = ['parameters', name];
    const [lo, hi] = parameterRange(ctx, at, def);
    const sw = def.switch ? ({ switch: true } as const) : {};
    const members = def.for !== undefined ? ctx.sym.entities.get(def.for) : undefined;
    if (def.for === undefined) {
      if (def.members !== undefined)
        ctx.report([...at, 'members'], 'E_SCHEMA', '`members` needs `for: <entity type>`');
      slots.push(makeSlot(ctx, at, name, undefined, def.value, def.uncertainty, { lo, hi, ...sw }));
      continue;
    }
    if (!members) continue; // unknown entity type: reported with the names
    checkMemberKeys(ctx, [...at, 'members'], def.for, members, Object.keys(def.members ?? {}));
    for (const m of members) {
      const entry = def.members?.[m];
      const mat: Path = entry === undefined ? at : [...at, 'members', m];
      const value = entry === undefined ? def.value : typeof entry === 'number' ? entry : entry.value;
      const dist =
        entry === undefined ? def.uncertainty : typeof entry === 'number' ? undefined : entry.uncertainty;
      // A member with a unit of its own may be bounded by it (a `fraction` among counts).
      const [mlo, mhi] = def.units?.[m] !== undefined ? parameterRange(ctx, at, def, m) : [lo, hi];
      const range = { lo: mlo, hi: mhi, ...sw };
      slots.push(makeSlot(ctx, mat, name, m, value, dist, range));
    }
  }
  return slots;
}

function makeSlot(
  ctx: BuildContext,
  at: Path,
  parameter: string,
  member: string | undefined,
  value: number | undefined,
  dist: Distribution | undefined,
  range: { lo: number; hi: number; switch?: true },
): ParamDraft {
  const name = qualify(parameter, member);
  const names = { name, parameter, ...(member !== undefined ? { member } : {}) };
  if (value === undefined) {
    ctx.report(at, 'E_MISSING', `parameter '${name}' has no value`, {
      expected: '`value`, or a `members` entry for every member',
    });
    return { ...names, value: Number.NaN, ...range };
  }
  checkSlotValue(ctx, [...at, 'value'], value, range, `value of '${name}'`);
  const ok = dist === undefined || checkSlotDistribution(ctx, [...at, 'uncertainty'], dist, range);
  return { ...names, value, ...(dist && ok ? { dist } : {}), ...range };
}

function checkSlotDistribution(
  ctx: BuildContext,
  at: Path | Origin,
  dist: Distribution,
  slot: { lo: number; hi: number; switch?: true },
): boolean {
  if (slot.switch) return checkSwitchDistribution(ctx, at, dist);
  return checkDistribution(ctx, at, dist, slot.lo, slot.hi);
}

/** Applies a scenario's parameter overrides to the slots. */
export function applyParamOverrides(
  ctx: BuildContext,
  slots: ParamDraft[],
  overrides: ReadonlyMap<
    string,
    {
      value: number | { value?: number | undefined; uncertainty?: Distribution | 'none' | undefined };
      at: Origin;
    }
  >,
): void {
  for (const [key, { value: o, at }] of overrides) {
    const targets = resolveParamName(ctx, slots, key, at);
    for (const slot of targets) {
      const value = typeof o === 'number' ? o : o.value;
      if (value !== undefined) {
        checkSlotValue(ctx, at, value, slot, `value of '${slot.name}'`);
        slot.value = value;
      }
      const dist = typeof o === 'number' ? 'none' : o.uncertainty;
      if (dist === 'none') delete slot.dist;
      else if (dist !== undefined) {
        if (checkSlotDistribution(ctx, { yaml: at.yaml, path: [...at.path, 'uncertainty'] }, dist, slot))
          slot.dist = dist;
      }
    }
  }
}

/** The slots a scenario key names: `haven`, `recruit` (every member) or `IMU.recruit`. */
export function resolveParamName(
  ctx: BuildContext,
  slots: readonly ParamDraft[],
  key: string,
  at: Origin,
): ParamDraft[] {
  const found = slots.filter((s) => s.name === key || (s.member !== undefined && s.parameter === key));
  if (found.length === 0) reportUnknownParam(ctx, slots, key, at);
  return found;
}

/** Why a scenario key names no slot: an unknown member of a known parameter, or an unknown parameter. */
function reportUnknownParam(ctx: BuildContext, slots: readonly ParamDraft[], key: string, at: Origin): void {
  const parameters = [...new Set(slots.map((s) => s.parameter))];
  const { member, name } = splitQualified(key);
  const known = slots.filter((s) => s.parameter === name);
  if (member !== undefined && known.length) {
    const members = known.flatMap((s) => (s.member !== undefined ? [s.member] : []));
    if (members.length === 0) {
      ctx.report(at, 'E_UNKNOWN_MEMBER', `parameter '${name}' is global: it takes no member`, {
        expected: name,
        found: key,
      });
      return;
    }
    const entity = ctx.sym.memberEntity.get(members[0]!) ?? 'its entity type';
    ctx.report(
      at,
      'E_UNKNOWN_MEMBER',
      `'${member}' is not a member of ${entity} (parameter '${name}' is per ${entity})${didYouMean(member, members)}`,
      { expected: `${oneOf(members)}, as in ${members[0]}.${name}`, found: member },
    );
    return;
  }
  const hint = didYouMean(name, parameters, member);
  ctx.report(at, 'E_UNKNOWN_PARAMETER', `the model has no parameter '${name}'${hint}`, {
    expected: parameters.length
      ? `${oneOf(parameters)} (or Member.name for one member)`
      : 'nothing: the model declares no parameters',
    found: key,
  });
}

export function freezeSlot(s: ParamDraft): ParamSlot {
  return {
    name: s.name,
    parameter: s.parameter,
    ...(s.member !== undefined ? { member: s.member } : {}),
    value: s.value,
    ...(s.dist ? { dist: s.dist } : {}),
    lo: s.lo,
    hi: s.hi,
    ...(s.switch ? { switch: true } : {}),
  };
}
