/**
 * The request bodies of the teaching endpoints (`/api/assumptions`, `/api/condition`, `/api/futures`, `/api/signposts`, `/api/ach`) as
 * zod schemas. Each names what to simulate exactly as `POST /api/runs` does (a bundled scenario or model
 * plus the user's edits, runs, seed) and adds its question: one output (of one member) at one date, and
 * what the technique needs. Sizes are bounded here; nothing in a body is evaluated as an expression.
 */
import { z } from 'zod';
import { MAX_EVIDENCE, MAX_HYPOTHESES } from '../ach.js';
import { identifier, observationSchema } from '../model/schema.js';
import { MAX_TOP } from '../signposts.js';
import { editShape, oneSource, oneSourceMessage } from './requestSchemas.js';

/** A date of the time axis as the results write it: `2016Q4` (a year may come as a number). */
const dateLabel = z.union([z.string().min(1).max(16), z.number().int()]).transform((v) => String(v));

/** Most observations one request may condition on, signposts it may score, hypotheses it may weigh. */
export const MAX_OBSERVATIONS = 50;
export const MAX_SIGNPOSTS = 200;

const question = { output: identifier, member: identifier.optional(), at: dateLabel };

/** A parameter, or one member's entry of a table (`IMU.recruit`). */
const parameterName = z
  .string()
  .min(1)
  .max(130)
  .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)?$/, 'a parameter name, or MEMBER.parameter');

const finite = z.number().refine(Number.isFinite, 'a finite number');

const driver = z.strictObject({ name: parameterName, low: finite.optional(), high: finite.optional() });

export const assumptionsRequestSchema = (maxRuns: number) =>
  z.strictObject({ ...editShape(maxRuns), ...question }).refine(oneSource, oneSourceMessage);
export type AssumptionsBody = z.infer<ReturnType<typeof assumptionsRequestSchema>>;

export const conditionRequestSchema = (maxRuns: number) =>
  z
    .strictObject({
      ...editShape(maxRuns),
      ...question,
      observations: z.array(observationSchema).min(1).max(MAX_OBSERVATIONS).optional(),
    })
    .refine(oneSource, oneSourceMessage);
export type ConditionBody = z.infer<ReturnType<typeof conditionRequestSchema>>;

const observations = (max: number) => z.array(observationSchema).min(1).max(max);

export const signpostsRequestSchema = (maxRuns: number) =>
  z
    .strictObject({
      ...editShape(maxRuns),
      ...question,
      when: z.string().min(1).max(40).optional(),
      by: dateLabel.optional(),
      signposts: observations(MAX_SIGNPOSTS).optional(),
      top: z.number().int().min(1).max(MAX_TOP).optional(),
    })
    .refine(oneSource, oneSourceMessage);
export type SignpostsBody = z.infer<ReturnType<typeof signpostsRequestSchema>>;

const hypothesis = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .regex(/^[^\p{Cc}]*$/u, 'no control characters'),
  ...question,
  when: z.string().min(1).max(40).optional(),
});

export const achRequestSchema = (maxRuns: number) =>
  z
    .strictObject({
      ...editShape(maxRuns),
      hypotheses: z.array(hypothesis).min(2).max(MAX_HYPOTHESES),
      evidence: observations(MAX_EVIDENCE).optional(),
      seen: z.array(z.number().int().min(1).max(MAX_EVIDENCE)).max(MAX_EVIDENCE).optional(),
    })
    .refine(oneSource, oneSourceMessage);
export type AchBody = z.infer<ReturnType<typeof achRequestSchema>>;

export const futuresRequestSchema = (maxRuns: number) =>
  z
    .strictObject({ ...editShape(maxRuns), ...question, drivers: z.array(driver).length(2) })
    .refine(oneSource, oneSourceMessage);
export type FuturesBody = z.infer<ReturnType<typeof futuresRequestSchema>>;
