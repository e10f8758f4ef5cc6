/** Worker thread entry: runs blocks of runs for the pool (see pool.ts) and sends back their records. */
import { parentPort } from 'node:worker_threads';
import type { Plan } from '../compile/plan.js';
import { EngineError, makeBlockRunner } from './runBlock.js';

export type ToWorker = { type: 'init'; plan: Plan; seed: number | string } | { type: 'run'; from: number; to: number };
export type FromWorker =
  | { type: 'done'; from: number; to: number; data: Float64Array }
  | { type: 'error'; code: string; message: string; run?: number; date?: string };

let runner: ((from: number, to: number) => Float64Array) | undefined;
const port = parentPort;
port?.on('message', (msg: ToWorker) => {
  try {
    if (msg.type === 'init') {
      runner = makeBlockRunner(msg.plan, msg.seed);
      return;
    }
    if (!runner) throw new Error('worker used before init');
    const data = runner(msg.from, msg.to);
    const reply: FromWorker = { type: 'done', from: msg.from, to: msg.to, data };
    port.postMessage(reply, [data.buffer as ArrayBuffer]);
  } catch (err) {
    const reply: FromWorker =
      err instanceof EngineError
        ? { type: 'error', code: err.code, message: err.message, run: err.run, date: err.date }
        : { type: 'error', code: 'E_INTERNAL', message: err instanceof Error ? err.message : String(err) };
    port.postMessage(reply);
  }
});
