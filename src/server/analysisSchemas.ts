/**
 * The request bodies of the analysis endpoints (`/api/compare`, `/api/sensitivity`, `/api/trace`,
 * `/api/discover`) as zod
 * schemas. Each names what to simulate exactly as `POST /api/runs` does (a bundled scenario or model plus
 * the user's edits, runs, seed) and adds what to analyse. Sizes are bounded here; the cost of a design
 * (runs × factors) is bounded on the engine thread, where the factors are known.
 */
import { z } from 'zod';
import { MAX_RUNS, MAX_STEPS } from '../limits.js';
import { identifier } from '../model/schema.js';
import { editShape, oneSource, oneSourceMessage } from './requestSchemas.js';

/** A date of the time axis as the results write it: `2016Q4` (a year may come as a number). */
const dateLabel = z.union([z.string().min(1).max(16), z.number().int()]).transform((v) => String(v));

/** The largest design size asked for directly (Sobol base rows, Morris trajectories, tornado runs). */
export const MAX_SAMPLES = 100_000;

/** One side of a comparison: a scenario or model and its edits (runs and seed are the comparison's). */
function sideSchema(maxRuns: number) {
  const { runs: _runs, seed: _seed, ...edit } = editShape(maxRuns);
  return z.strictObject(edit).refine(oneSource, oneSourceMessage);
}

const outputChoice = { output: identifier, member: identifier.optional() };

export function compareRequestSchema(maxRuns: number) {
  const { runs, seed } = editShape(maxRuns);
  return z.strictObject({
    a: sideSchema(maxRuns),
    b: sideSchema(maxRuns),
    runs,
    seed,
    output: outputChoice.output.optional(),
    member: outputChoice.member,
    at: z.array(dateLabel).min(1).max(MAX_STEPS).optional(),
  });
}
export type CompareBody = z.infer<ReturnType<typeof compareRequestSchema>>;

export function sensitivityRequestSchema(maxRuns: number) {
  return z
    .strictObject({
      ...editShape(maxRuns),
      ...outputChoice,
      at: dateLabel,
      method: z.enum(['rank', 'tornado', 'sobol', 'morris']),
      samples: z.number().int().min(2).max(MAX_SAMPLES).optional(),
      groupBy: z.enum(['none', 'parameter', 'family']).optional(),
      measure: z.enum(['value', 'time']).optional(),
    })
    .refine(oneSource, oneSourceMessage);
}
export type SensitivityBody = z.infer<ReturnType<typeof sensitivityRequestSchema>>;

export function traceRequestSchema(maxRuns: number) {
  return z
    .strictObject({
      ...editShape(maxRuns),
      run: z
        .number()
        .int()
        .min(0)
        .max(MAX_RUNS - 1),
    })
    .refine(oneSource, oneSourceMessage);
}
export type TraceBody = z.infer<ReturnType<typeof traceRequestSchema>>;

/** PRIM's settings, bounded so that a box takes at most a few hundred peels (see analysis/discovery/prim.ts). */
const share = (lo: number, hi: number) => z.number().min(lo).max(hi).optional();

export function discoverRequestSchema(maxRuns: number) {
  return z
    .strictObject({
      ...editShape(maxRuns),
      ...outputChoice,
      at: dateLabel,
      when: z.string().min(1).max(40).optional(),
      alpha: share(0.02, 0.5),
      minSupport: share(0.02, 0.5),
      minDensity: share(0.01, 1),
      paste: z.boolean().optional(),
      significance: share(0, 1),
    })
    .refine(oneSource, oneSourceMessage);
}
export type DiscoverBody = z.infer<ReturnType<typeof discoverRequestSchema>>;
