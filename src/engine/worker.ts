/**
 * Worker thread entry: runs blocks of runs for the pool (see simulate.ts), encodes each block's records
 * (records.ts) and hands the encoded segment, a shared buffer, to the main thread, which only hands out
 * blocks and keeps the segments. Once the runs are done, the same threads summarise the records' channels
 * between them (analysis/summarizeInParallel.ts), reading the segments where they are.
 */
import { parentPort } from 'node:worker_threads';
import { type ChannelSummary, type SummaryPlan, summarizeChannel } from '../analysis/summarize.js';
import type { Plan } from '../compile/plan.js';
import { EngineError } from '../errors.js';
import { channelKinds, Records, type SharedSegment } from './records.js';
import { type Design, makeBlockRunner } from './runBlock.js';

export type ToWorker =
  | {
      type: 'init';
      plan: Plan;
      seed: number | string;
      design?: Design;
    }
  | { type: 'run'; from: number; to: number }
  /** Summarise these channels of the records in `segments`. */
  | { type: 'summarize'; plan: SummaryPlan; segments: readonly SharedSegment[]; channels: readonly number[] }
  /** Test-only (see pool.ts): the next block throws outside any handler, so the thread dies. */
  | { type: 'crash' };
/** A failed block posts its error as data: an EngineError's fields, or the message of an internal error. */
export type FromWorker =
  /** A finished block: its records encoded (records.ts), in a buffer shared with the receiver. */
  | { type: 'done'; from: number; to: number; segment: SharedArrayBuffer }
  /** The summaries of the channels asked for, in their order. */
  | { type: 'summary'; parts: ChannelSummary[] }
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
    if (msg.type === 'summarize') {
      const points = msg.plan.axis.steps + 1;
      const records = Records.fromShared(channelKinds(msg.plan), points, msg.segments);
      const column = new Float64Array(records.runs);
      const parts = msg.channels.map((ci) => summarizeChannel(msg.plan, records, ci, column));
      const reply: FromWorker = { type: 'summary', parts };
      port.postMessage(reply);
      return;
    }
    if (!job) throw new Error('worker used before init');
    const block = job.run(msg.from, msg.to);
    const segment = Records.encodeBlock(job.kinds, job.points, block, msg.to - msg.from).buffer;
    const reply: FromWorker = {
      type: 'done',
      from: msg.from,
      to: msg.to,
      segment: segment as SharedArrayBuffer,
    };
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
