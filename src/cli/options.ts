/** Parsers of the CLI's flag values: each rejects with a message that says what is allowed. */
import { InvalidArgumentError } from 'commander';
import { readSeed, SEED_EXPECTED, type Seed } from '../random/parseSeed.js';

/** Most worker threads `--workers` accepts: far above any machine's cores, low enough to stay sane. */
export const MAX_WORKERS = 256;

/** A whole number from `min` to `max`, written in digits; `note` explains a special value. */
export const wholeNumber =
  (what: string, min: number, max: number, note = '') =>
  (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(
        `${what} must be a whole number from ${min}${note} to ${max.toLocaleString('en-US')}, found ${value}.`,
      );
    }
    return n;
  };

/** A whole number from 1 to `max`. */
export const positiveInt = (what: string, max: number) => wholeNumber(what, 1, max);

/** `--workers`: 0 runs in the calling thread, as documented. */
export const workersArg = wholeNumber('--workers', 0, MAX_WORKERS, ' (run in this thread)');

/** `--seed`: the seed rule of src/random/parseSeed.ts, the same as in files, the API and the web UI. */
export const seedArg = (value: string): Seed => {
  const reading = readSeed(value);
  if ('seed' in reading) return reading.seed;
  throw new InvalidArgumentError(`${reading.problem}; a seed is ${SEED_EXPECTED}.`);
};
