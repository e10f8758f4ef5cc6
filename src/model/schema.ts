/**
 * The model and scenario file formats as zod schemas: the single source of truth for their shape.
 * Types are inferred from these; semantic checks (symbols, ranges, cycles) live in `src/compile/`.
 * Reference documentation: docs/model-format.md.
 */
import { z } from 'zod';
import { MAX_RUNS } from '../limits.js';
import { parsePeriod } from '../time/period.js';
import { seedSchema } from './seed.js';

/** A number that is neither NaN nor infinite. */
export const finite = z.number().refine(Number.isFinite, 'a finite number');

/** A name usable inside expressions: letters, digits and underscores, starting with a letter. */
export const identifier = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'an identifier (letters, digits, _; starting with a letter)');

/** A date of the time axis: `2016`, `2016Q2` or `2016-05`. */
const PERIOD_WORDS = 'a period such as 2016, 2016Q2 or 2016-05';
export const period = z
  .union([z.string(), z.number().int()], { error: PERIOD_WORDS })
  .refine((v) => parsePeriod(v) !== undefined, PERIOD_WORDS);

/**
 * How well a cited document supports what it is cited for, on the domain pack's scale: A a primary text,
 * B a reputable secondary source, C a Wikipedia-derived mirror or unpublished analysis, U unverified;
 * `judgment` where the document gives no grade (the citation then carries the modeller's reading).
 * A seed quote's grade is `seed` and a judgment's `judgment`, always: neither is written.
 */
export const gradeSchema = z.enum(['A', 'B', 'C', 'U', 'judgment']);

/** Where a number or mechanism comes from. Quotes from seed articles are checked verbatim in tests. */
export const sourceSchema = z.union([
  z.strictObject({ seed: z.string().min(1), quote: z.string().min(1) }),
  z.strictObject({ domain: z.string().min(1), entry: z.string().min(1), grade: gradeSchema.optional() }),
  z.strictObject({ judgment: z.string().min(1) }),
  z.strictObject({ ref: z.string().min(1), grade: gradeSchema.optional() }),
]);
export type Source = z.infer<typeof sourceSchema>;
const sources = z.array(sourceSchema).min(1, 'at least one source');

/** Uncertainty of a parameter or initial value: drawn once per run. */
export const distributionSchema = z.discriminatedUnion('dist', [
  z.strictObject({ dist: z.literal('uniform'), min: finite, max: finite }),
  z.strictObject({ dist: z.literal('triangular'), min: finite, mode: finite, max: finite }),
  z.strictObject({
    dist: z.literal('pert'),
    min: finite,
    mode: finite,
    max: finite,
    lambda: finite.optional(),
  }),
  z.strictObject({ dist: z.literal('normal'), mean: finite, sd: finite }),
  z.strictObject({ dist: z.literal('lognormal'), mu: finite, sigma: finite }),
  z.strictObject({ dist: z.literal('gamma'), shape: finite, rate: finite }),
  z.strictObject({
    dist: z.literal('beta'),
    alpha: finite,
    beta: finite,
    min: finite.optional(),
    max: finite.optional(),
  }),
  z.strictObject({
    dist: z.literal('choice'),
    values: z.array(finite).min(1),
    weights: z.array(finite).optional(),
  }),
]);
export type Distribution = z.infer<typeof distributionSchema>;

const expression = z.string().min(1, 'a non-empty expression');
/** Where a constant is natural, a plain number is accepted as well as an expression. */
const exprOrNumber = z.union([finite, expression]);
const range = z.tuple([finite, finite]);
/** Units of some members that differ from `unit` (needs `for`): `{ HT: members }`. */
const memberUnits = z.record(identifier, z.string().min(1)).optional();

const memberValue = z.union([
  finite,
  z.strictObject({
    value: finite,
    uncertainty: distributionSchema.optional(),
    sources: sources.optional(),
  }),
]);

export const parameterSchema = z.strictObject({
  for: identifier.optional(),
  value: finite.optional(),
  uncertainty: distributionSchema.optional(),
  members: z.record(identifier, memberValue).optional(),
  unit: z.string().min(1),
  units: memberUnits,
  range: range.optional(),
  /** A 0/1 switch: its values are 0 or 1, its uncertainty a `choice` of them; the UI shows a checkbox. */
  switch: z.boolean().optional(),
  /** A key driver: the UI lists key drivers first. */
  key: z.boolean().optional(),
  /** The driver family it belongs to, for sensitivity analysis grouped by family (default: its name's first word). */
  family: identifier.optional(),
  label: z.string().optional(),
  description: z.string().optional(),
  sources,
});
export type ParameterDef = z.infer<typeof parameterSchema>;

/** An initial value: a number, an expression over parameters, or a distribution drawn once per run. */
const initialValue = z.union([finite, expression, distributionSchema]);

export const stateSchema = z.strictObject({
  for: identifier.optional(),
  unit: z.string().min(1),
  units: memberUnits,
  initial: z.union([initialValue, z.record(identifier, initialValue)]),
  min: finite.optional(),
  max: finite.optional(),
  label: z.string().optional(),
  description: z.string().optional(),
  sources: sources.optional(),
});
export type StateDef = z.infer<typeof stateSchema>;

export const derivedSchema = z.strictObject({
  for: identifier.optional(),
  expr: exprOrNumber,
  unit: z.string().min(1),
  units: memberUnits,
  label: z.string().optional(),
  description: z.string().optional(),
  sources: sources.optional(),
});
export type DerivedDef = z.infer<typeof derivedSchema>;

export const ruleSchema = z
  .strictObject({
    for: identifier.optional(),
    target: identifier,
    add: exprOrNumber.optional(),
    set: exprOrNumber.optional(),
    when: expression.optional(),
    description: z.string().optional(),
    sources,
  })
  .refine((r) => (r.add === undefined) !== (r.set === undefined), {
    message: 'exactly one of `add` or `set`',
  });
export type RuleDef = z.infer<typeof ruleSchema>;

export const eventSchema = z.strictObject({
  for: identifier.optional(),
  probability: exprOrNumber,
  when: expression.optional(),
  once: z.boolean().optional(),
  effects: z.record(identifier, exprOrNumber).optional(),
  label: z.string().optional(),
  description: z.string().optional(),
  sources,
});
export type EventDef = z.infer<typeof eventSchema>;

export const outputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('series'),
    for: identifier.optional(),
    expr: expression,
    unit: z.string().min(1),
    units: memberUnits,
    label: z.string().optional(),
    description: z.string().optional(),
  }),
  z.strictObject({
    kind: z.literal('threshold'),
    for: identifier.optional(),
    when: expression,
    label: z.string().optional(),
    description: z.string().optional(),
  }),
  z.strictObject({
    kind: z.literal('leader'),
    for: identifier,
    by: expression,
    among: expression.optional(),
    label: z.string().optional(),
    description: z.string().optional(),
  }),
]);
export type OutputDef = z.infer<typeof outputSchema>;

export const timeSchema = z.strictObject({
  start: period,
  end: period,
  step: z.enum(['year', 'quarter', 'month']),
});

export const modelSchema = z.strictObject({
  oxus: z.literal(1),
  model: identifier,
  title: z.string().min(1),
  description: z.string().optional(),
  time: timeSchema,
  entities: z.record(identifier, z.array(identifier).min(1)).optional(),
  parameters: z.record(identifier, parameterSchema).optional(),
  correlations: z
    .array(z.strictObject({ between: z.tuple([z.string(), z.string()]), rank: finite }))
    .optional(),
  state: z.record(identifier, stateSchema),
  derived: z.record(identifier, derivedSchema).optional(),
  rules: z.record(identifier, ruleSchema).optional(),
  events: z.record(identifier, eventSchema).optional(),
  outputs: z.record(identifier, outputSchema).optional(),
});
export type ModelFile = z.infer<typeof modelSchema>;

/**
 * A window of a schedule: `value` from `from` to `to` (both included; without `to`, to the end), or, with
 * `to_value`, a ramp: a straight line from `value` at `from` to `to_value` at `to`.
 */
const scheduleEntry = z.strictObject({
  from: period,
  to: period.optional(),
  value: finite,
  to_value: finite.optional(),
});

/** An override of a parameter in a scenario: a fixed value, or a new value and/or uncertainty. */
const parameterOverride = z.union([
  finite,
  z.strictObject({
    value: finite.optional(),
    uncertainty: z.union([distributionSchema, z.literal('none')]).optional(),
  }),
]);

const eventRef = z.strictObject({ event: identifier, member: identifier.optional() });

/**
 * Something seen, that a scenario's runs can be conditioned on (`oxus condition`): an output (of a member)
 * at a date. Exactly one of: `happened` (a threshold or event has, or has not, happened by the date),
 * `between` (a series' value lies in [min, max]; both hard: runs outside are rejected), `about` (a soft
 * observation: the value measured with Gaussian error of standard deviation `sd`; runs are weighted by
 * that likelihood).
 */
export const observationSchema = z
  .strictObject({
    output: identifier,
    member: identifier.optional(),
    at: period,
    happened: z.boolean().optional(),
    between: range.optional(),
    about: z.strictObject({ value: finite, sd: finite.refine((x) => x > 0, 'a positive number') }).optional(),
    label: z.string().min(1).optional(),
    sources: sources.optional(),
  })
  .refine((o) => [o.happened, o.between, o.about].filter((x) => x !== undefined).length === 1, {
    message: 'exactly one of `happened`, `between` or `about`',
  });
export type Observation = z.infer<typeof observationSchema>;

export const scenarioSchema = z.strictObject({
  oxus: z.literal(1),
  scenario: identifier,
  title: z.string().min(1),
  question: z.string().min(1),
  description: z.string().optional(),
  model: z.string().min(1).optional(),
  extends: z.string().min(1).optional(),
  time: z.strictObject({ start: period.optional(), end: period.optional() }).optional(),
  runs: z.number().int().min(1).max(MAX_RUNS).optional(),
  seed: seedSchema.optional(),
  parameters: z.record(z.string(), parameterOverride).optional(),
  initial: z.record(z.string(), z.union([initialValue])).optional(),
  schedules: z.record(z.string(), z.array(scheduleEntry).min(1)).optional(),
  events: z
    .strictObject({
      force: z.array(eventRef.extend({ at: period })).optional(),
      suppress: z.array(eventRef.extend({ from: period.optional() })).optional(),
    })
    .optional(),
  snapshots: z.array(period).optional(),
  observations: z.array(observationSchema).optional(),
  sources: sources.optional(),
});
export type ScenarioFile = z.infer<typeof scenarioSchema>;
