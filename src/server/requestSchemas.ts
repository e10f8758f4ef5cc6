/**
 * The request bodies of the API as zod schemas: the single source of truth for their shape, and the types
 * the handlers use. Unknown keys are rejected. Values are checked here only for their form; whether an
 * override is inside its parameter's range is the engine's own check (see compile/params.ts).
 */
import { z } from 'zod';
import { distributionSchema, finite, period } from '../model/schema.js';
import { seedSchema } from '../model/seed.js';

/** A file of models/ or scenarios/, named without `.yaml`: `baseline-2016`. */
export const fileId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, 'a file name without .yaml, e.g. baseline-2016');

/** A parameter, or one member's entry of a parameter table: `taliban_haven`, `IMU.recruit`. */
export const parameterName = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_]{0,63}(\.[A-Za-z][A-Za-z0-9_]{0,63})?$/,
    'a parameter name such as haven or IMU.recruit',
  );

const MAX_OVERRIDES = 500;
const MAX_SCHEDULED = 50;

/** A fixed value, or (without fixing it) a new uncertainty of the parameter, as in a scenario file. */
const override = z.union([
  finite,
  z.strictObject({ value: finite.optional(), uncertainty: z.union([distributionSchema, z.literal('none')]) }),
]);
const overrides = z
  .record(parameterName, override)
  .refine((o) => Object.keys(o).length <= MAX_OVERRIDES, `at most ${MAX_OVERRIDES} overrides`);
const MAX_EVENT_EDITS = 100;
const eventRef = {
  event: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'an event name'),
  member: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'a member name')
    .optional(),
};
/** Events forced to fire at a date, or suppressed (from a date), as in a scenario's `events`. */
const events = z.strictObject({
  force: z
    .array(z.strictObject({ ...eventRef, at: period }))
    .max(MAX_EVENT_EDITS)
    .optional(),
  suppress: z
    .array(z.strictObject({ ...eventRef, from: period.optional() }))
    .max(MAX_EVENT_EDITS)
    .optional(),
});
const schedules = z
  .record(
    parameterName,
    z
      .array(
        z.strictObject({ from: period, to: period.optional(), value: finite, to_value: finite.optional() }),
      )
      .min(1)
      .max(100),
  )
  .refine((o) => Object.keys(o).length <= MAX_SCHEDULED, `at most ${MAX_SCHEDULED} scheduled parameters`);

/** What to simulate: a bundled scenario (or model) plus the user's changes. */
export function editShape(maxRuns: number) {
  return {
    scenario: fileId.optional(),
    model: fileId.optional(),
    overrides: overrides.optional(),
    schedules: schedules.optional(),
    events: events.optional(),
    runs: z.number().int().min(1).max(maxRuns).optional(),
    seed: seedSchema.optional(),
  };
}

export const oneSource = (v: { scenario?: string | undefined; model?: string | undefined }) =>
  (v.scenario === undefined) !== (v.model === undefined);
export const oneSourceMessage = { message: 'give exactly one of `scenario` or `model`', path: ['scenario'] };

/**
 * The two runs of a comparison carry one id (the client's) and their side, so the history keeps them as one
 * pair; the engine never reads it.
 */
const comparison = z.strictObject({ id: z.string().uuid(), side: z.enum(['A', 'B']) });

function buildRunRequestSchema(maxRuns: number) {
  return z
    .strictObject({ ...editShape(maxRuns), comparison: comparison.optional() })
    .refine(oneSource, oneSourceMessage);
}
/** Built once per limit, not per request: building it cost more than parsing a body with it. */
const runRequestSchemas = new Map<number, ReturnType<typeof buildRunRequestSchema>>();
export function runRequestSchema(maxRuns: number) {
  let schema = runRequestSchemas.get(maxRuns);
  if (!schema) {
    schema = buildRunRequestSchema(maxRuns);
    runRequestSchemas.set(maxRuns, schema);
  }
  return schema;
}
export type RunRequest = z.infer<ReturnType<typeof runRequestSchema>>;

export function savedScenarioSchema(maxRuns: number) {
  return z
    .strictObject({
      name: z
        .string()
        .trim()
        .min(1)
        .max(80)
        .regex(/^[^\p{Cc}]*$/u, 'no control characters'),
      description: z.string().max(2000).optional(),
      ...editShape(maxRuns),
    })
    .refine(oneSource, oneSourceMessage);
}
export type SavedScenarioInput = z.infer<ReturnType<typeof savedScenarioSchema>>;

/** `?limit=&offset=` of list endpoints. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** `?wait=true` on endpoints that start a run. */
export const waitQuery = z.object({ wait: z.enum(['true', 'false', '1', '0']).optional() });

/** An id the server made (a UUID). */
export const idParam = z.string().uuid();
