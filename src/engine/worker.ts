/**
 * Worker thread entry: runs blocks of runs for the pool (see simulate.ts), encodes each block's records
 * (records.ts) and transfers the encoded segment to the main thread, which only hands out blocks and keeps
 * the segments.
 */
import { parentPort } from 'node:worker_threads';
import type { Plan } from '../compile/plan.js';
import { EngineError } from '../errors.js';
import { channelKinds, Records } from './records.js';
import { type Design, makeBlockRunner } from './runBlock.js';

export type ToWorker =
  | {
      type: 'init';
      plan: Plan;
      seed: number | string;
      design?: Design;
    }
  | { type: 'run'; from: number; to: number }
  /** Test-only (see pool.ts): the next block throws outside any handler, so the thread dies. */
  | { type: 'crash' };
/** A failed block posts its error as data: an EngineError's fields, or the message of an internal error. */
export type FromWorker =
  /** A finished block: its records encoded (records.ts), transferred with the message. */
  | { type: 'done'; from: number; to: number; segment: ArrayBuffer }
  | { type: 'error'; failure: 'engine'; code: string; reason: string; run: number; date: string }
  | { type: 'error'; failure: 'internal'; message: string };

let crashAtNextBlock = false;
let job:
  | {
      run: (from: number, to: number) => Float64Array;
      kinds: Uint8Array;
      points: number;
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
        kinds: channelKinds(msg.plan),
        points: msg.plan.axis.steps + 1,
      };
      return;
    }
    if (!job) throw new Error('worker used before init');
    const block = job.run(msg.from, msg.to);
    const segment = Records.encodeBlock(job.kinds, job.points, block, msg.to - msg.from).buffer;
    const reply: FromWorker = { type: 'done', from: msg.from, to: msg.to, segment };
    port.postMessage(reply, [segment]);
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
