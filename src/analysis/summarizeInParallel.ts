/**
 * The summary of a large simulation computed by the engine's worker threads, each summarising some of the
 * channels straight from the shared segments of the records (no copy), while the calling thread only puts
 * the channels' summaries together. Each channel's summary is computed by the same code on the same
 * records as in `summarize`, so the result is the same bit for bit; only the thread differs.
 *
 * Summarising 100,000 runs of the Central Asia model took about 3.7 s of the calling thread while the
 * simulation's threads waited; shared between two, the whole job went from 21.8 to 18.2 s
 * (docs/performance.md).
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { acquireWorkers, discardWorkers, idleWorkers, releaseWorkers } from '../engine/pool.js';
import type { RunData } from '../engine/simulate.js';
import type { FromWorker, ToWorker } from '../engine/worker.js';
import { type ChannelSummary, type Summary, type SummaryPlan, summarize, summaryOf } from './summarize.js';

/**
 * Below this many recorded series values (runs × series channels × points) the summary stays in the calling
 * thread: at the Central Asia model's 2,501 series columns it is about 2,000 runs, whose summary takes some
 * 80 ms, against the few milliseconds of handing work to idle threads (and more when they must be started).
 */
const PARALLEL_FROM = 5_000_000;

/**
 * Unless told how many threads to use, the summary starts threads of its own only from this many values
 * (some 16,000 runs of the Central Asia model, whose summary takes about 0.3 s in one thread), and below it
 * uses threads only when the pool has them idle (a simulation on the pool just ended): starting two costs
 * about 0.2 s, more than they would save.
 */
const START_FROM = 40_000_000;

/** How much a channel's summary costs, roughly: a series sorts a column per point, the others count. */
const cost = (kind: string): number => (kind === 'series' ? 10 : kind === 'leader' ? 2 : 1);

/** Channels dealt to `n` threads, heaviest first, each to the least loaded one (deterministic). */
export function dealChannels(plan: SummaryPlan, n: number): number[][] {
  const order = plan.channels.map((c, i) => ({ i, w: cost(c.kind) })).sort((a, b) => b.w - a.w || a.i - b.i);
  const shares = Array.from({ length: n }, () => ({ load: 0, channels: [] as number[] }));
  for (const { i, w } of order) {
    const least = shares.reduce((a, b) => (b.load < a.load ? b : a));
    least.load += w;
    least.channels.push(i);
  }
  return shares.map((s) => s.channels.sort((a, b) => a - b)).filter((c) => c.length > 0);
}

/**
 * Summarises per-run values on `threads` threads when the job is large enough; by default on every core,
 * if they are idle in the pool or the job is large enough to repay starting them. `from` lowers or raises
 * the size from which threads are used (the server's warm-up sets 0, to run the threads' summary code on
 * a few runs).
 */
export async function summarizeInParallel(
  data: RunData,
  threads?: number,
  from: number = PARALLEL_FROM,
): Promise<Summary> {
  const { plan, records } = data;
  const seriesColumns = plan.channels.filter((c) => c.kind === 'series').length * data.points;
  const segments = records.shared();
  const values = data.runs * seriesColumns;
  const workers = threads ?? (idleWorkers() >= 2 || values >= START_FROM ? availableParallelism() : 0);
  if (workers < 2 || !segments || values < from) return summarize(data);
  const view: SummaryPlan = { channels: plan.channels, axis: plan.axis, snapshots: plan.snapshots };
  const deals = dealChannels(view, workers);
  const pool = acquireWorkers(deals.length);
  try {
    const replies = await Promise.all(
      deals.map((channels, j) => ask(pool[j]!, { type: 'summarize', plan: view, segments, channels })),
    );
    const parts: ChannelSummary[] = [];
    deals.forEach((channels, j) => {
      channels.forEach((ci, n) => {
        parts[ci] = replies[j]![n]!;
      });
    });
    releaseWorkers(pool, availableParallelism());
    return summaryOf(view, data.runs, data.firstRun, parts);
  } catch (err) {
    discardWorkers(pool);
    throw err;
  }
}

/** Sends one summarize message and waits for its answer; a thread that fails or dies rejects. */
function ask(w: Worker, msg: ToWorker): Promise<ChannelSummary[]> {
  return new Promise((resolve, reject) => {
    const done = (): void => {
      w.off('message', onMessage).off('error', onError).off('exit', onExit);
    };
    const onMessage = (reply: FromWorker): void => {
      done();
      if (reply.type === 'summary') resolve(reply.parts);
      else
        reject(
          new Error(
            reply.type === 'error' && reply.failure === 'internal' ? reply.message : 'summary failed',
          ),
        );
    };
    const onError = (err: Error): void => {
      done();
      reject(err);
    };
    const onExit = (code: number): void => {
      done();
      reject(new Error(`a summary thread exited with code ${code}`));
    };
    w.on('message', onMessage).on('error', onError).on('exit', onExit);
    w.postMessage(msg);
  });
}
