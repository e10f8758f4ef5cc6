/**
 * The checks of a scenario against its model, and what they yield for the plan: events forced or
 * suppressed (each naming a real event instance at a step of the axis), parameter schedules, and snapshots.
 */

import { didYouMean, oneOf } from '../didYouMean.js';
import type { LoadedModel, LoadedScenario, Origin } from '../model/load.js';
import { type QualifiedName, qualify } from '../qualifiedName.js';
import { indexOf, MONTHS_PER_STEP, parsePeriod, type TimeAxis } from '../time/period.js';
import type { BuildContext } from './buildContext.js';
import { checkSlotValue, type ParamDraft, resolveParamName } from './params.js';
import type { Plan } from './plan.js';

/** Per event instance (qualified name): the steps a scenario forces it at, and the step it is suppressed from. */
export interface EventTimes {
  readonly forced: ReadonlyMap<QualifiedName, readonly number[]>;
  readonly suppressed: ReadonlyMap<QualifiedName, number>;
}

/** The scenario's `force` and `suppress` entries, each checked against the model's events and the axis. */
export function eventTimes(
  ctx: BuildContext,
  model: LoadedModel,
  scenario: LoadedScenario | undefined,
  axis: TimeAxis,
): EventTimes {
  const forced = new Map<QualifiedName, number[]>();
  const suppressed = new Map<QualifiedName, number>();
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
    const id = eventInstance(ctx, model, value, at);
    const k = stepOf(value.at, { yaml: at.yaml, path: [...at.path, 'at'] }, axis.steps - 1);
    if (id !== undefined && k !== undefined) forced.set(id, [...(forced.get(id) ?? []), k]);
  }
  for (const { value, at } of scenario?.suppress ?? []) {
    const id = eventInstance(ctx, model, value, at);
    const k =
      value.from === undefined
        ? 0
        : stepOf(value.from, { yaml: at.yaml, path: [...at.path, 'from'] }, axis.steps);
    if (id !== undefined && k !== undefined) suppressed.set(id, Math.min(k, suppressed.get(id) ?? k));
  }
  return { forced, suppressed };
}

/** The qualified name of the event instance a scenario names, or undefined (reported) when there is none. */
function eventInstance(
  ctx: BuildContext,
  model: LoadedModel,
  ref: { event: string; member?: string | undefined },
  at: Origin,
): QualifiedName | undefined {
  const def = model.file.events?.[ref.event];
  if (!def || !Object.hasOwn(model.file.events ?? {}, ref.event)) {
    const events = Object.keys(model.file.events ?? {});
    ctx.report(
      at,
      'E_UNKNOWN_EVENT',
      `the model has no event '${ref.event}'${didYouMean(ref.event, events)}`,
      {
        expected: oneOf(events, 'nothing: the model declares no events'),
        found: ref.event,
      },
    );
    return undefined;
  }
  if (def.for === undefined) {
    if (ref.member !== undefined)
      ctx.report(at, 'E_UNKNOWN_MEMBER', `event '${ref.event}' is global: it takes no member`, {
        found: ref.member,
      });
    return qualify(ref.event);
  }
  const members = ctx.sym.entities.get(def.for) ?? [];
  if (ref.member === undefined || !members.includes(ref.member)) {
    ctx.report(
      at,
      ref.member === undefined ? 'E_MISSING' : 'E_UNKNOWN_MEMBER',
      ref.member === undefined
        ? `event '${ref.event}' is per ${def.for}: name a member`
        : `'${ref.member}' is not a member of ${def.for} (event '${ref.event}' is per ${def.for})${didYouMean(ref.member, members)}`,
      { expected: oneOf(members), found: ref.member ?? 'nothing' },
    );
    return undefined;
  }
  return qualify(ref.event, ref.member);
}

/** Per scheduled parameter slot, its value at each point of the axis (null: the drawn value holds). */
export function scheduleValues(
  ctx: BuildContext,
  scenario: LoadedScenario | undefined,
  drafts: readonly ParamDraft[],
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
      const ends: [string, number][] = [['value', entry.value]];
      if (entry.to_value !== undefined) {
        ends.push(['to_value', entry.to_value]);
        if (entry.to === undefined)
          ctx.report(eat, 'E_MISSING', 'a ramp (`to_value`) needs `to`, the date it reaches `to_value`', {
            expected: 'to: a date of the axis',
            found: 'nothing',
          });
        const switches = targets.filter((slot) => slot.switch);
        if (switches.length)
          ctx.report(
            { yaml: eat.yaml, path: [...eat.path, 'to_value'] },
            'E_RANGE',
            'a switch cannot ramp: it is 0 or 1',
            {
              expected: 'windows of 0 or 1, without to_value',
              found: `a ramp of '${switches[0]!.name}'`,
            },
          );
      }
      for (const slot of targets)
        for (const [key, v] of ends)
          checkSlotValue(
            ctx,
            { yaml: eat.yaml, path: [...eat.path, key] },
            v,
            slot,
            `scheduled value of '${slot.name}'`,
          );
      // A ramp's value at a point: a straight line between its ends, in months (the ends inside the range
      // keep every point inside it).
      const valueAt = (m: number) =>
        entry.to_value === undefined || !(to > from)
          ? entry.value
          : entry.value + ((entry.to_value - entry.value) * (m - from)) / (to - from);
      const size = MONTHS_PER_STEP[axis.unit];
      for (let k = 0; k <= axis.steps; k++) {
        const m = axis.start + k * size;
        if (m >= from && m <= to) values[k] = valueAt(m);
      }
    });
    for (const slot of targets) out.push({ slot: drafts.indexOf(slot), values });
  }
  return out;
}

/** The points whose per-run values are exported (the last one when the scenario names none). */
export function snapshotPoints(
  ctx: BuildContext,
  scenario: LoadedScenario | undefined,
  axis: TimeAxis,
): number[] {
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
