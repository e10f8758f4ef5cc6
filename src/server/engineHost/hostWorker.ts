/**
 * The engine host: a worker thread that compiles scenarios and drives simulations, so neither blocks the
 * server's request thread. Compiling the Central Asia model takes about a second of CPU, and summarising
 * thousands of runs a little more; the simulation itself runs on the engine's own worker pool from here.
 */
import { parentPort } from 'node:worker_threads';
import { recordBytes } from '../../engine/channelValues.js';
import { errorKind, LimitError } from '../../errors.js';
import {
  aboutOf,
  assembleResult,
  execute,
  type Prepared,
  prepare,
  prepareText,
  receiptOf,
} from '../../pipeline.js';
import { describe } from './describe.js';
import type { FromHost, JobFailure, JobSource, RunJob, ToHost } from './protocol.js';

const PROGRESS_EVERY_MS = 100;
/**
 * Partial summaries for the UI's progressive charts: the first as soon as the first block of runs is in,
 * then at most one per interval (a summary of thousands of runs costs tens of milliseconds here).
 */
const PARTIAL_EVERY_MS = 250;
const port = parentPort!;
const jobs = new Map<string, AbortController>();
const send = (msg: FromHost): void => port.postMessage(msg);

function prepareSource(source: JobSource, overrides: { runs?: number; seed?: number | string }): Prepared {
  return source.text !== undefined
    ? prepareText(source.text, source.path, overrides)
    : prepare(source.path, overrides);
}

function failureOf(err: unknown, timedOut: boolean, timeoutMs: number): JobFailure {
  const kind = errorKind(err);
  if (kind.kind === 'cancelled' && timedOut)
    return { kind: 'timeout', message: `the run took longer than the limit of ${timeoutMs / 1000} s` };
  return kind;
}

/** Compiles the job's scenario within the server's run limit. */
function compileJob(job: RunJob): Prepared {
  const prepared = prepareSource(job.source, {
    ...(job.runs !== undefined ? { runs: job.runs } : {}),
    ...(job.seed !== undefined ? { seed: job.seed } : {}),
  });
  if (prepared.runs > job.maxRuns) {
    throw new LimitError(
      `the scenario asks for ${prepared.runs} runs; this server runs at most ${job.maxRuns}: pass runs`,
    );
  }
  // The engine keeps every run's value of every channel at every date until it summarises them.
  const { plan, runs } = prepared;
  const bytes = recordBytes(plan, runs);
  if (bytes > job.maxRunBytes) {
    const mib = (b: number) => Math.ceil(b / 2 ** 20);
    throw new LimitError(
      `${runs} runs of this scenario would need ${mib(bytes)} MiB; this server allows ${mib(job.maxRunBytes)} MiB, that is at most ${Math.floor((job.maxRunBytes * runs) / bytes)} runs`,
    );
  }
  return prepared;
}

async function run(id: string, job: RunJob): Promise<void> {
  const cancel = new AbortController();
  jobs.set(id, cancel);
  const timeout = AbortSignal.timeout(job.timeoutMs);
  try {
    const prepared = compileJob(job);
    send({ type: 'prepared', id, receipt: receiptOf(prepared) });
    let last = 0;
    let lastPartial = 0;
    const result = await execute(prepared, {
      workers: job.workers,
      signal: AbortSignal.any([cancel.signal, timeout]),
      onProgress: (done, total) => {
        const now = Date.now();
        if (done < total && now - last < PROGRESS_EVERY_MS) return;
        last = now;
        send({ type: 'progress', id, done, total });
      },
      onRunsDone: (view) => {
        const now = Date.now();
        if (view.runs >= prepared.runs || now - lastPartial < PARTIAL_EVERY_MS) return;
        lastPartial = now;
        const receipt = { ...receiptOf(prepared), runs: view.runs };
        const result = assembleResult(receipt, aboutOf(prepared), view);
        send({ type: 'partial', id, runs: view.runs, total: prepared.runs, result });
      },
    });
    send({ type: 'result', id, result });
  } catch (err) {
    send({
      type: 'failed',
      id,
      failure: failureOf(err, timeout.aborted && !cancel.signal.aborted, job.timeoutMs),
    });
  } finally {
    jobs.delete(id);
  }
}

port.on('message', (msg: ToHost) => {
  if (msg.type === 'cancel') {
    jobs.get(msg.id)?.abort();
  } else if (msg.type === 'describe' || msg.type === 'check') {
    try {
      if (msg.type === 'describe')
        send({ type: 'described', id: msg.id, description: describe(prepareSource(msg.source, {})) });
      else send({ type: 'checked', id: msg.id, receipt: receiptOf(compileJob(msg)) });
    } catch (err) {
      send({ type: 'failed', id: msg.id, failure: failureOf(err, false, 0) });
    }
  } else {
    void run(msg.id, msg);
  }
});
