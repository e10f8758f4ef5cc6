/** Bounds and defaults shared by the file format, the compiler, the engine, the CLI and the server. */
import { LimitError } from './errors.js';

export const MAX_RUNS = 10_000_000;

/** The one check of a run count: a whole number from 1 to MAX_RUNS, or a LimitError. */
export function checkRuns(runs: number): void {
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS)
    throw new LimitError(`runs must be an integer from 1 to ${MAX_RUNS}, found ${runs}`);
}
/** Longest time axis a model or scenario may ask for. */
export const MAX_STEPS = 5000;
/** Run count and seed when a scenario names none. */
export const DEFAULT_RUNS = 1000;
export const DEFAULT_SEED = 1;
