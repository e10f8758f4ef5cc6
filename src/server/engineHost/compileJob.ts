/**
 * Compiling a job's scenario on the engine host thread within the server's limits: runs, and the memory
 * the per-run records of a simulation take.
 */
import type { Plan } from '../../compile/plan.js';
import { recordBytes } from '../../engine/channelValues.js';
import { LimitError } from '../../errors.js';
import type { Prepared } from '../../pipeline.js';
import { PlanCache } from './planCache.js';
import type { JobSource, RunJob } from './protocol.js';

/** This thread's compiled jobs (see planCache.ts). */
export const plans = new PlanCache();

/** The job's source compiled (or taken from the cache of compiled jobs) with the given runs and seed. */
export function prepareSource(
  source: JobSource,
  overrides: { runs?: number; seed?: number | string },
): Prepared {
  return plans.prepare(source, overrides);
}

/**
 * Refuses a simulation whose records would exceed `maxRunBytes`: the engine keeps every run's value of
 * every channel at every date until it summarises them. `copies` plans are simulated side by side.
 */
export function checkRecords(plans: readonly Plan[], runs: number, maxRunBytes: number, noun = 'runs'): void {
  const bytes = plans.reduce((sum, plan) => sum + recordBytes(plan, runs), 0);
  if (bytes <= maxRunBytes) return;
  const mib = (b: number) => Math.ceil(b / 2 ** 20);
  throw new LimitError(
    `${runs} ${noun} of this scenario would need ${mib(bytes)} MiB; this server allows ${mib(maxRunBytes)} MiB, that is at most ${Math.floor((maxRunBytes * runs) / bytes)} ${noun}`,
  );
}

/** The job's own runs and seed, where it gives them. */
export const runsAndSeed = (job: RunJob) => ({
  ...(job.runs !== undefined ? { runs: job.runs } : {}),
  ...(job.seed !== undefined ? { seed: job.seed } : {}),
});

/** Compiles the job's scenario with its runs and seed; refuses more runs, or memory, than the server allows. */
export function compileJob(job: RunJob): Prepared {
  const prepared = prepareSource(job.source, runsAndSeed(job));
  if (prepared.runs > job.maxRuns) {
    throw new LimitError(
      `the scenario asks for ${prepared.runs} runs; this server runs at most ${job.maxRuns}: pass runs`,
    );
  }
  checkRecords([prepared.plan], prepared.runs, job.maxRunBytes);
  return prepared;
}
