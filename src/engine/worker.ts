/**
 * Worker thread entry: runs blocks of runs for the pool (see simulate.ts) and writes their records straight
 * into the shared per-channel arrays, so the main thread only hands out blocks.
 */
import { parentPort } from 'node:worker_threads';
import type { Plan } from '../compile/plan.js';
import { EngineError } from '../errors.js';
import { type ChannelValues, scatter, viewChannels } from './channelValues.js';
import { type Design, makeBlockRunner } from './runBlock.js';

export type ToWorker =
  | {
      type: 'init';
      plan: Plan;
      seed: number | string;
      firstRun: number;
      buffers: SharedArrayBuffer[];
      design?: Design;
    }
  | { type: 'run'; from: number; to: number }
  /** Test-only (see pool.ts): the next block throws outside any handler, so the thread dies. */
  | { type: 'crash' };
/** A failed block posts its error as data: an EngineError's fields, or the message of an internal error. */
export type FromWorker =
  | { type: 'done'; from: number; to: number }
  | { type: 'error'; failure: 'engine'; code: string; reason: string; run: number; date: string }
  | { type: 'error'; failure: 'internal'; message: string };

let crashAtNextBlock = false;
let job:
  | {
      run: (from: number, to: number) => Float64Array;
      firstRun: number;
      points: number;
      values: ChannelValues[];
    }
  | undefined;
const port = parentPort;
port?.on('message', (msg: ToWorker) => {
  if (msg.type === 'crash') {
    crashAtNextBlock = true;
    return;
  }
  // Thrown outside the try below, so nothing catches it: the thread dies as it would of a real fault.
  if (msg.type === 'run' && crashAtNextBlock) throw new Error('injected crash');
  try {
    if (msg.type === 'init') {
      job = {
        run: makeBlockRunner(msg.plan, msg.seed, msg.design),
        firstRun: msg.firstRun,
        points: msg.plan.axis.steps + 1,
        values: viewChannels(msg.plan.channels, msg.buffers),
      };
      return;
    }
    if (!job) throw new Error('worker used before init');
    scatter(job.run(msg.from, msg.to), msg.from, msg.to, job.firstRun, job.points, job.values);
    const reply: FromWorker = { type: 'done', from: msg.from, to: msg.to };
    port.postMessage(reply);
  } catch (err) {
    const reply: FromWorker =
      err instanceof EngineError
        ? {
            type: 'error',
            failure: 'engine',
            code: err.code,
            reason: err.reason,
            run: err.run,
            date: err.date,
          }
        : { type: 'error', failure: 'internal', message: err instanceof Error ? err.message : String(err) };
    port.postMessage(reply);
  }
});
