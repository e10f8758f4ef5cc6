/**
 * The engine's entry point: runs a Plan `runs` times, in this thread or on a pool of worker threads,
 * reporting progress and honouring cancellation. Results are identical for any number of workers.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Plan } from '../compile/plan.js';
import { CancelledError, EngineError, WorkerCrashedError } from '../errors.js';
import { checkRuns } from '../limits.js';
import { acquireWorkers, discardWorkers, releaseWorkers } from './pool.js';
import type { Segment } from './recordCodec.js';
import { channelKinds, Records } from './records.js';
import { type Design, makeBlockRunner, valuesPerRun } from './runBlock.js';
import type { FromWorker, ToWorker } from './worker.js';

export interface SimulateOptions {
  readonly runs: number;
  readonly seed: number | string;
  /** Index of the first run (for shards); run i draws from streams of index firstRun + i. */
  readonly firstRun?: number;
  /** Worker threads; 0 runs in this thread. Default: every core, or 0 for small jobs. */
  readonly workers?: number;
  /** Runs per block handed to a worker. */
  readonly chunk?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
  /** A sampling design: `runs` evaluations, each with designed parameters and another run's other numbers. */
  readonly design?: Design;
  /**
   * Called whenever the first runs finished in run order grow: a view (no copy) of the records of runs
   * firstRun … firstRun + view.runs − 1, final and complete, so a summary of it is the exact summary of those
   * runs; and of all runs at the end, where it equals the result. Use it within the call.
   */
  readonly onRunsDone?: (view: RunData) => void;
}

/** Per-run records of every channel: `records.at(c, run - firstRun, k)`, or a column over all runs. */
export interface RunData {
  readonly plan: Plan;
  readonly runs: number;
  readonly seed: number | string;
  readonly firstRun: number;
  readonly points: number;
  /** Series as numbers, flags as 0 or 1, leaders as member indices (-1 for none). */
  readonly records: Records;
}

/**
 * The size a block's record buffer aims at: each block becomes one segment of the records, whose header
 * (about 9 bytes a channel and point) is shared by more runs in larger blocks.
 */
const BLOCK_BYTES = 8 * 1024 * 1024;

/**
 * Below this much work (runs × steps × characters of generated code, a fair measure of a run's cost across
 * models) a job runs faster in the calling thread than on freshly started threads: starting two, and their
 * code running slowly until V8 has optimised it (their compilers compete with them for the cores), costs
 * about half a second on a 2-core machine. Measured whole `oxus run`, in this thread against two workers:
 * the Central Asia model (85,000 characters, 40 steps) 1.75 s against 2.07 s at 2,000 runs and 2.45 s
 * against 2.36 s at 4,000; the reference workload (1,400 characters) 0.85 against 0.83 s at 100,000 runs
 * and 1.15 against 1.08 s at 200,000. The threshold sits between the two models' break-even points.
 */
const THREADS_FROM = 8e9;

/** Default worker count: all cores for jobs big enough to repay starting threads. */
export function defaultWorkers(plan: Plan, runs: number): number {
  const work = runs * plan.axis.steps * plan.code.length;
  return work < THREADS_FROM ? 0 : availableParallelism();
}

/** Runs the plan. */
export async function simulate(plan: Plan, options: SimulateOptions): Promise<RunData> {
  const { runs, seed } = options;
  checkRuns(runs);
  const firstRun = options.firstRun ?? 0;
  const points = plan.axis.steps + 1;
  const workers = Math.min(options.workers ?? defaultWorkers(plan, runs), Math.ceil(runs / 16));
  // Blocks small enough that a worker's block buffer stays near BLOCK_BYTES (large models record thousands
  // of values a run) and that progress arrives often, large enough to repay a message.
  const fits = Math.floor(BLOCK_BYTES / (valuesPerRun(plan) * 8));
  const chunk =
    options.chunk ?? Math.max(16, Math.min(2048, fits, Math.ceil(runs / Math.max(1, workers * 8))));
  const kinds = channelKinds(plan);
  let done = 0;
  // Runs firstRun … prefix − 1 are all finished, their segments in `ordered`; blocks finished beyond that
  // wait in `ahead`.
  let prefix = firstRun;
  const ordered: Segment[] = [];
  const ahead = new Map<number, [number, Segment]>();
  const progress = (from: number, to: number, segment: Segment): void => {
    done += to - from;
    ahead.set(from, [to, segment]);
    const before = prefix;
    for (let next = ahead.get(prefix); next !== undefined; next = ahead.get(prefix)) {
      ahead.delete(prefix);
      prefix = next[0];
      ordered.push(next[1]);
    }
    options.onProgress?.(done, runs);
    if (prefix > before && options.onRunsDone) {
      const records = new Records(kinds, points, ordered.slice());
      options.onRunsDone({ plan, runs: records.runs, seed, firstRun, points, records });
    }
  };
  // The first block of each thread is an eighth of the others, so the first finished runs (and a first
  // progressive picture) arrive early; block sizes never change the numbers.
  const blocks: [number, number][] = [];
  const small = options.chunk ?? Math.max(16, Math.ceil(chunk / 8));
  for (let a = firstRun, i = 0; a < firstRun + runs; i++) {
    const size = i < Math.max(1, workers) ? small : chunk;
    blocks.push([a, Math.min(a + size, firstRun + runs)]);
    a += size;
  }

  if (workers <= 0) {
    const runner = makeBlockRunner(plan, seed, options.design);
    for (const [a, b] of blocks) {
      if (options.signal?.aborted) throw new CancelledError();
      progress(a, b, Records.encodeBlock(kinds, points, runner(a, b), b - a));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } else {
    await runOnPool(
      { type: 'init', plan, seed, ...(options.design ? { design: options.design } : {}) },
      blocks,
      workers,
      (from, to, buffer) => progress(from, to, Records.segment(kinds, points, buffer, to - from)),
      options.signal,
    );
  }
  return { plan, runs, seed, firstRun, points, records: new Records(kinds, points, ordered) };
}

function runOnPool(
  init: ToWorker,
  blocks: [number, number][],
  count: number,
  progress: (from: number, to: number, segment: SharedArrayBuffer) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const pool = acquireWorkers(count);
    let next = 0;
    let finished = 0;
    let settled = false;
    // A worker that dies mid-job (an uncaught error, or the thread exiting) abandons the job: its blocks are
    // lost, so the run cannot finish with the same numbers; the pool starts a fresh thread next time.
    const onError = (err: Error): void => stop(new WorkerCrashedError(err.message));
    const onExit = (code: number): void => stop(new WorkerCrashedError(`exit code ${code}`));
    const stop = (err?: Error): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      for (const w of pool) w.off('error', onError).off('exit', onExit);
      if (err) {
        discardWorkers(pool);
        reject(err);
      } else {
        releaseWorkers(pool, availableParallelism());
        resolve();
      }
    };
    const onAbort = () => stop(new CancelledError());
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    let inFlight = 0;
    // A run that fails stops the job, but blocks already handed out finish first: of their failures the one
    // with the lowest run index is reported, which is the first failing run overall (blocks go out in order
    // and none is handed out after a failure), so the error does not depend on the threads' timing.
    let failure: EngineError | Error | undefined;
    const feed = (w: Worker): void => {
      if (failure) return;
      const block = blocks[next++];
      if (!block) return;
      inFlight++;
      const msg: ToWorker = { type: 'run', from: block[0], to: block[1] };
      w.postMessage(msg);
    };
    for (const w of pool) {
      w.on('message', (msg: FromWorker) => {
        if (settled) return;
        inFlight--;
        if (msg.type === 'error') {
          const err =
            msg.failure === 'engine'
              ? new EngineError(msg.code, msg.reason, msg.run, msg.date)
              : new Error(msg.message);
          const runOf = (e: Error) => (e instanceof EngineError ? e.run : Number.POSITIVE_INFINITY);
          if (!failure || runOf(err) < runOf(failure)) failure = err;
        } else if (msg.type === 'done') {
          progress(msg.from, msg.to, msg.segment);
          finished++;
        }
        if (failure) {
          if (inFlight === 0) stop(failure);
        } else if (finished === blocks.length) stop();
        else feed(w);
      });
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage(init);
      // Two blocks in flight per worker, so it never waits for the main thread to store a result.
      feed(w);
      feed(w);
    }
  });
}
