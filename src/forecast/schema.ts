/**
 * The claims catalogue and the outcomes file as zod schemas: the single source of truth for their shape
 * (reference: docs/forecasts.md). Checks across entries (ids, windows, outcomes against claims) live in
 * `load.ts`; checks against the model (outputs, dates) in `modelForecast.ts`.
 */
import { z } from 'zod';
import { period, sourceSchema } from '../model/schema.js';
import { SCALE_IDS } from './scales.js';

/** A calendar date of a statement: `2004-01-23`, or `2003` / `2003-06` when only that much is known. */
export const claimDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'a date');
/** A month or year bounding a question's window: `2004-02`, `2008-12`, `2016`. */
const month = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'a month such as 2004-02, or a year');
const probability = z.number().min(0).max(1);
const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'an id in lower case with hyphens');

/** How a statement without a number was read as a probability: a term of a scale, or a range, and why. */
export const readingSchema = z.union([
  z.strictObject({
    words: z.string().min(1),
    scale: z.enum(SCALE_IDS),
    term: z.string().min(1),
    why: z.string().min(1),
  }),
  z.strictObject({
    words: z.string().min(1),
    range: z.tuple([probability, probability]),
    why: z.string().min(1),
  }),
]);

/** What would resolve the claim: observable, threshold, place and a window of months. */
export const questionSchema = z.strictObject({
  text: z.string().min(1),
  observable: z.string().min(1),
  threshold: z.string().min(1),
  place: z.string().min(1),
  from: month,
  to: month,
});

/** A condition on one run's values at a snapshot date: the sum of the named series against a threshold. */
const runCondition = z
  .strictObject({
    of: z.array(z.string().min(1)).min(1),
    atLeast: z.number().optional(),
    below: z.number().optional(),
  })
  .refine((c) => (c.atLeast === undefined) !== (c.below === undefined), 'exactly one of atLeast, below');

const modelCommon = {
  /** Scenario file, relative to the claims file. */
  scenario: z.string().min(1),
  /** Why this output answers the question, and what it leaves out. */
  note: z.string().min(1),
  /** Set when the model was calibrated on the data that resolve this claim: its score is in-sample. */
  inSample: z.string().min(1).optional(),
  /** Ask for the complement of the output's probability. */
  not: z.boolean().optional(),
};

/** The model output, date and scenario that answer a claim; the probability is computed by running it. */
export const modelAnswerSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...modelCommon,
    kind: z.literal('event'),
    event: z.string(),
    member: z.string(),
    by: period,
  }),
  z.strictObject({
    ...modelCommon,
    kind: z.literal('threshold'),
    output: z.string(),
    member: z.string(),
    at: period,
  }),
  z.strictObject({
    ...modelCommon,
    kind: z.literal('leader'),
    output: z.string(),
    members: z.array(z.string()).min(1),
    at: period,
  }),
  z.strictObject({ ...modelCommon, kind: z.literal('runs'), at: period, all: z.array(runCondition).min(1) }),
]);
export type ModelAnswer = z.infer<typeof modelAnswerSchema>;

/** The base-rate forecaster's answer, computed from a sourced reference class. */
export const baseRateSchema = z.discriminatedUnion('kind', [
  /** Poisson rate from a count before the claim (Jeffreys: (count + ½) / years); P(at least one in window). */
  z.strictObject({
    kind: z.literal('poisson'),
    count: z.number().int().min(0),
    years: z.number().positive(),
    window: z.number().positive(),
    counted: z.string().min(1),
    source: sourceSchema,
  }),
  /** Constant hazard with a median lifespan: P(each of `groups` groups survives `years`) = 2^(−years/median·groups). */
  z.strictObject({
    kind: z.literal('survival'),
    medianYears: z.number().positive(),
    years: z.number().positive(),
    groups: z.number().int().min(1),
    why: z.string().min(1),
    source: sourceSchema,
  }),
]);
export type BaseRate = z.infer<typeof baseRateSchema>;

export const claimSchema = z.strictObject({
  id,
  who: z.string().min(1),
  role: z.string().min(1),
  /** Short key naming the expert in scores, e.g. `rashid`. */
  expert: id,
  date: claimDate,
  seed: z.string().min(1),
  quote: z.string().min(1),
  reading: readingSchema,
  question: questionSchema.optional(),
  unresolvable: z.string().min(1).optional(),
  model: modelAnswerSchema.optional(),
  baseRate: baseRateSchema.optional(),
  /** What the answer would be if the situation at the claim's date went on unchanged. */
  noChange: z.strictObject({ answer: z.enum(['yes', 'no']), why: z.string().min(1) }).optional(),
});
export type Claim = z.infer<typeof claimSchema>;

export const catalogueSchema = z.strictObject({
  oxus: z.literal(1),
  title: z.string().min(1),
  description: z.string().optional(),
  claims: z.array(claimSchema).min(1),
});
export type Catalogue = z.infer<typeof catalogueSchema>;

export const gradeSchema = z.enum(['seed', 'A', 'B', 'C', 'U', 'derived']);

export const outcomeSchema = z.strictObject({
  claim: id,
  outcome: z.enum(['yes', 'no']),
  /** When it happened (yes) or when the window closed without it (no). */
  date: month,
  source: sourceSchema,
  grade: gradeSchema,
  note: z.string().min(1).optional(),
});
export type Outcome = z.infer<typeof outcomeSchema>;

export const outcomesSchema = z.strictObject({
  oxus: z.literal(1),
  title: z.string().min(1),
  description: z.string().optional(),
  outcomes: z.array(outcomeSchema),
});
export type OutcomesFile = z.infer<typeof outcomesSchema>;
