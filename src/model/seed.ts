/** The seed field of scenario files and API requests, by the one seed rule of src/random/parseSeed.ts. */
import { z } from 'zod';
import { readSeed, SEED_EXPECTED, type Seed } from '../random/parseSeed.js';
import { PROBLEM } from './issueWords.js';

/** The seed field of scenario files and API requests: a number or a text, read by `readSeed`. */
export const seedSchema = z.union([z.number(), z.string()]).transform((value, ctx): Seed => {
  const reading = readSeed(value);
  if ('seed' in reading) return reading.seed;
  ctx.addIssue({
    code: 'custom',
    message: `${reading.problem}; a seed is ${SEED_EXPECTED}`,
    params: { [PROBLEM]: true },
  });
  return z.NEVER;
});
