/**
 * The analysis jobs of the engine host thread: a paired comparison, a sensitivity analysis, the trace of
 * one run, a scenario discovery or a teaching technique (key assumptions, conditioning, futures, signposts, competing hypotheses), each compiled and simulated here (off the server's request thread, the simulations on the
 * engine's worker pool) within the server's limits on runs, model evaluations, memory and time.
 */
import { executeAch } from '../../ach.js';
import { executeAssumptions } from '../../assumptions.js';
import { executeCompare } from '../../comparison.js';
import { executeCondition } from '../../conditioning.js';
import { executeDiscovery } from '../../discovery.js';
import { LimitError } from '../../errors.js';
import { executeFutures } from '../../futures.js';
import { executeTrace } from '../../runTrace.js';
import { evaluationsOf, executeSensitivity, factorsFor } from '../../sensitivity.js';
import { executeSignposts } from '../../signposts.js';
import { checkRecords, compileJob, prepareSource, runsAndSeed } from './compileJob.js';
import type { AnalysisJob, AnalysisResult } from './protocol.js';

export async function analyse(job: AnalysisJob, signal: AbortSignal): Promise<AnalysisResult> {
  const { analysis } = job;
  const options = { workers: job.workers, signal };
  if (analysis.kind === 'trace') {
    // One run: the scenario's run count only goes into the receipt, so its records are not bounded here.
    return executeTrace(prepareSource(job.source, runsAndSeed(job)), analysis.run);
  }
  // Discovery reads the scenario's own runs, bounded as a run's.
  if (analysis.kind === 'discover') return executeDiscovery(compileJob(job), analysis.request, options);
  // The teaching techniques simulate the scenario (and its variants) one after another, each bounded as a run.
  if (analysis.kind === 'assumptions') return executeAssumptions(compileJob(job), analysis.request, options);
  if (analysis.kind === 'condition') return executeCondition(compileJob(job), analysis.request, options);
  if (analysis.kind === 'futures') return executeFutures(compileJob(job), analysis.request, options);
  if (analysis.kind === 'signposts') return executeSignposts(compileJob(job), analysis.request, options);
  if (analysis.kind === 'ach') return executeAch(compileJob(job), analysis.request, options);
  if (analysis.kind === 'compare') {
    const a = compileJob({ ...job, maxRunBytes: Number.POSITIVE_INFINITY });
    const b = prepareSource(analysis.b, {});
    // Both sides' records are alive at once.
    checkRecords([a.plan, b.plan], a.runs, job.maxRunBytes, 'runs of each side');
    return executeCompare(a, b, analysis.request, options);
  }
  const { request } = analysis;
  const p = request.method === 'rank' ? compileJob(job) : prepareSource(job.source, runsAndSeed(job));
  const evaluations = evaluationsOf(request, factorsFor(p, request).length, p.runs);
  if (request.method !== 'rank') {
    if (evaluations > job.maxEvaluations)
      throw new LimitError(
        `this ${request.method} design makes ${evaluations} model evaluations; this server makes at most ${job.maxEvaluations}: ask for fewer samples or group the parameters (groupBy "family" or "parameter")`,
      );
    checkRecords([p.plan], evaluations, job.maxRunBytes, 'model evaluations');
  }
  return executeSensitivity(p, request, options);
}
