/**
 * The engine host: a worker thread that compiles scenarios and drives simulations, so neither blocks the
 * server's request thread. Compiling the Central Asia model takes about a second of CPU, and summarising
 * thousands of runs a little more; the simulation itself runs on the engine's own worker pool from here.
 */
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { summarize } from '../../analysis/summarize.js';
import { summarizeInParallel } from '../../analysis/summarizeInParallel.js';
import type { Plan } from '../../compile/plan.js';
import { crashNextWorkerForTest } from '../../engine/pool.js';
import { simulate } from '../../engine/simulate.js';
import { errorKind, WorkerCrashedError } from '../../errors.js';
import { type ScoreFiles, scoreReport } from '../../forecast/report.js';
import { loadModel } from '../../model/load.js';
import { aboutOf, assembleResult, execute, type Prepared, receiptOf } from '../../pipeline.js';
import { modelMap } from '../../teach/modelMap/modelMap.js';
import { analyse } from './analyse.js';
import { compileJob, prepareSource } from './compileJob.js';
import { describe } from './describe.js';
import type { AnalysisJob, FromHost, JobFailure, RunJob, ToHost } from './protocol.js';

const PROGRESS_EVERY_MS = 100;
/**
 * Partial summaries for the UI's progressive charts: the first as soon as the first block of runs is in,
 * then at most one per interval, and each of at least twice the runs of the one before. A summary costs
 * time in proportion to its runs and this thread shares the cores with the engine's workers: summarising
 * every prefix that arrives made a 10,000-run job spend more time summarising than simulating, while
 * doubling bounds all partial summaries together by about one summary of the whole job. None is made
 * once more than half of the runs are in: the whole result then comes in less time than the job has
 * taken so far, and such a summary costs nearly what the final one does, on the cores the runs need.
 */
const PARTIAL_EVERY_MS = 250;
const PARTIAL_GROWTH = 2;
/**
 * How much lower than the request thread this thread and the simulation workers it starts run (a nice
 * value). The engine's threads keep both cores busy during a run, and on two cores the request thread
 * then got about a third of one: a health check waited 100 ms for its turn (p99 621 ms under
 * `npm run loadtest`). At nice 10 the kernel gives the request thread about nine tenths of a core
 * whenever it has work, and the runs the rest; a run alone still has every core.
 *
 * Linux keeps a nice value per thread and `setPriority` without a pid sets the calling thread's, which
 * the workers this thread starts inherit. Elsewhere the same call would lower the whole process, so it
 * is made only on Linux.
 */
const ENGINE_NICE = 10;
if (process.platform === 'linux') {
  try {
    setPriority(ENGINE_NICE);
  } catch {
    // A sandbox may refuse it; the server works the same, only less promptly under load.
  }
}
/**
 * A scenario's warm-up: when it is first described (the web UI opens it), its plan is simulated on the
 * engine's threads in rounds of WARM_UP_RUNS runs, thrown away, and the first rounds' runs are summarised
 * both here (the partial summaries a job sends as its blocks end) and on the engine's threads (a large
 * job's final summary), also thrown away. A first run otherwise starts the threads and runs the scenario's
 * code and both summaries' code unoptimised. Measured at 10,000 runs of the Central Asia model, 3 s after
 * the page opened it: with one round of 64 runs and no summaries, the job's first block of 24 runs took
 * 151 ms on its worker (38 ms fully warm), its first partial summary 233 ms (29 ms), the first chart was
 * drawn 520-563 ms after the click and the job ended 2.9-3.2 s after it; with these rounds, 263-327 ms and
 * 2.4-2.7 s. The rounds cost about 1 s of the otherwise idle cores.
 *
 * A job that arrives meanwhile waits for the round under way only (the rounds left are dropped), rather than
 * compete with it for the threads.
 */
const WARM_UP_RUNS = 64;
const WARM_UP_ROUNDS = 4;
/** Rounds whose runs are summarised: two bring this thread's summaries to their warm speed. */
const WARM_UP_SUMMARIES = 2;
let warming: Promise<unknown> = Promise.resolve();
const warmed = new WeakSet<Plan>();
/** Jobs waiting for the warm-up: while there are any, it starts no more rounds. */
let waiting = 0;

function warmUp(prepared: Prepared, workers: number): void {
  if (warmed.has(prepared.plan)) return;
  warmed.add(prepared.plan);
  const runs = Math.min(WARM_UP_RUNS, prepared.runs);
  warming = warming
    .then(async () => {
      for (let round = 0; round < WARM_UP_ROUNDS && waiting === 0; round++) {
        const data = await simulate(prepared.plan, { runs, seed: prepared.seed, workers });
        if (round < WARM_UP_SUMMARIES) {
          summarize(data);
          if (workers >= 2) await summarizeInParallel(data, workers, 0);
        }
      }
    })
    .catch(() => {}); // a scenario that fails is reported when it is run
}

/** Waits for the warm-up under way, if any, and tells it to stop after its current round. */
async function warmedUp(): Promise<void> {
  waiting++;
  try {
    await warming;
  } finally {
    waiting--;
  }
}

const port = parentPort!;
const jobs = new Map<string, AbortController>();
const send = (msg: FromHost): void => port.postMessage(msg);

function failureOf(err: unknown, timedOut: boolean, timeoutMs: number): JobFailure {
  if (err instanceof WorkerCrashedError) return { kind: 'crashed', message: err.message };
  const kind = errorKind(err);
  if (kind.kind === 'cancelled' && timedOut)
    return { kind: 'timeout', message: `the run took longer than the limit of ${timeoutMs / 1000} s` };
  return kind;
}

/** Runs a job's body under its cancel and time limit; a failure is sent as the job's answer. */
async function guarded(
  id: string,
  timeoutMs: number,
  body: (signal: AbortSignal) => Promise<void>,
): Promise<void> {
  const cancel = new AbortController();
  jobs.set(id, cancel);
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    await body(AbortSignal.any([cancel.signal, timeout]));
  } catch (err) {
    send({
      type: 'failed',
      id,
      failure: failureOf(err, timeout.aborted && !cancel.signal.aborted, timeoutMs),
    });
  } finally {
    jobs.delete(id);
  }
}

const run = (id: string, job: RunJob) =>
  guarded(id, job.timeoutMs, async (signal) => {
    const prepared = compileJob(job);
    await warmedUp();
    send({ type: 'prepared', id, receipt: receiptOf(prepared) });
    let last = 0;
    let lastPartial = 0;
    let nextPartialRuns = 0;
    const result = await execute(prepared, {
      workers: job.workers,
      signal,
      onProgress: (done, total) => {
        const now = Date.now();
        if (done < total && now - last < PROGRESS_EVERY_MS) return;
        last = now;
        send({ type: 'progress', id, done, total });
      },
      onRunsDone: (view) => {
        const now = Date.now();
        if (
          2 * view.runs > prepared.runs ||
          view.runs < nextPartialRuns ||
          now - lastPartial < PARTIAL_EVERY_MS
        )
          return;
        lastPartial = now;
        nextPartialRuns = PARTIAL_GROWTH * view.runs;
        const receipt = { ...receiptOf(prepared), runs: view.runs };
        const result = assembleResult(receipt, aboutOf(prepared), view);
        send({ type: 'partial', id, runs: view.runs, total: prepared.runs, result });
      },
    });
    send({ type: 'result', id, result });
  });

const analysis = (id: string, job: AnalysisJob) =>
  guarded(id, job.timeoutMs, async (signal) => {
    await warmedUp();
    send({ type: 'analysed', id, result: await analyse(job, signal) });
  });

const score = (id: string, files: ScoreFiles, timeoutMs: number) =>
  guarded(id, timeoutMs, async () => {
    send({ type: 'scored', id, report: await scoreReport(files) });
  });

const map = (id: string, path: string, timeoutMs: number) =>
  guarded(id, timeoutMs, async () => {
    send({ type: 'mapped', id, json: JSON.stringify(await modelMap(loadModel(path))) });
  });

port.on('message', (msg: ToHost) => {
  if (msg.type === 'cancel') {
    jobs.get(msg.id)?.abort();
  } else if (msg.type === 'crash') {
    if (msg.target === 'worker') crashNextWorkerForTest();
    else throw new Error('injected crash of the engine host');
  } else if (msg.type === 'describe' || msg.type === 'check') {
    try {
      if (msg.type === 'describe') {
        const prepared = prepareSource(msg.source, {});
        send({ type: 'described', id: msg.id, description: describe(prepared) });
        if (msg.warmUpWorkers) warmUp(prepared, msg.warmUpWorkers);
      } else send({ type: 'checked', id: msg.id, receipt: receiptOf(compileJob(msg)) });
    } catch (err) {
      send({ type: 'failed', id: msg.id, failure: failureOf(err, false, 0) });
    }
  } else if (msg.type === 'analyse') {
    void analysis(msg.id, msg);
  } else if (msg.type === 'score') {
    void score(msg.id, msg.files, msg.timeoutMs);
  } else if (msg.type === 'map') {
    void map(msg.id, msg.path, msg.timeoutMs);
  } else {
    void run(msg.id, msg);
  }
});
