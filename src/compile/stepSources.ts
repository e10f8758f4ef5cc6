/**
 * What each statement of the generated step is, in the order the plan builder emits them: rules, then
 * events, each per member. `oxus trace` and the blame of a NaN read replayed steps through it.
 */
import type { ModelFile } from '../model/schema.js';
import { qualify } from '../qualifiedName.js';
import type { Plan } from './plan.js';

/** What a step statement is: one rule or event, for one member or global. */
export interface StepSource {
  readonly kind: 'rule' | 'event';
  readonly name: string;
  readonly member?: string;
  readonly label?: string;
}

/** The step statements in the order the plan builder emits them: rules, then events, each per member. */
export function stepSources(file: ModelFile, plan: Plan): StepSource[] {
  const members = (entity: string | undefined) =>
    entity === undefined ? [undefined] : (file.entities?.[entity] ?? []);
  const labels = new Map(
    plan.channels.filter((c) => c.kind === 'event').map((c) => [qualify(c.output, c.member), c.label]),
  );
  return [
    ...Object.entries(file.rules ?? {}).flatMap(([name, r]) =>
      members(r.for).map((m) => ({ kind: 'rule' as const, name, ...(m !== undefined ? { member: m } : {}) })),
    ),
    ...Object.entries(file.events ?? {}).flatMap(([name, e]) =>
      members(e.for).map((m) => ({
        kind: 'event' as const,
        name,
        ...(m !== undefined ? { member: m } : {}),
        label: labels.get(qualify(name, m)) ?? name,
      })),
    ),
  ];
}
