/**
 * A process-wide pool of engine worker threads, kept between simulations: starting a worker and warming up
 * its compiled code costs about half a second, which a server running one scenario after another should
 * pay once. Idle workers are unref'd, so they never keep the process alive. A worker that dies, busy or
 * idle, leaves the pool; the next simulation starts a fresh one in its place.
 */
import { Worker } from 'node:worker_threads';
import type { ToWorker } from './worker.js';

const idle: Worker[] = [];

/** Set by `crashNextWorkerForTest`: how many of the next workers handed out crash on their first block. */
let crashes = 0;

function create(): Worker {
  const w = new Worker(new URL('./worker.js', import.meta.url));
  // An idle worker that fails or exits is dropped; a busy one reports through its job's own listeners too.
  w.on('error', () => discard(w));
  w.on('exit', () => discard(w));
  return w;
}

function discard(w: Worker): void {
  const i = idle.indexOf(w);
  if (i >= 0) idle.splice(i, 1);
  void w.terminate();
}

/** How many started workers wait idle in the pool. */
export function idleWorkers(): number {
  return idle.length;
}

/** Takes `count` workers, reusing idle ones first. */
export function acquireWorkers(count: number): Worker[] {
  const out = idle.splice(0, count);
  while (out.length < count) out.push(create());
  for (const w of out) w.ref();
  if (crashes > 0 && out[0]) {
    crashes--;
    const crash: ToWorker = { type: 'crash' };
    out[0].postMessage(crash);
  }
  return out;
}

/**
 * For tests only (no option, route or file reaches it): the next `count` simulations on the pool have one
 * worker throw an uncaught error at its first block, as a fault inside the thread would, so the tests can
 * show that the run fails with a clear error and the next one succeeds on a replaced thread.
 */
export function crashNextWorkerForTest(count = 1): void {
  crashes += count;
}

/** Returns workers whose jobs finished cleanly; keeps up to `keep` idle. */
export function releaseWorkers(workers: readonly Worker[], keep: number): void {
  for (const w of workers) {
    w.removeAllListeners('message');
    if (idle.length < keep) {
      w.unref();
      idle.push(w);
    } else void w.terminate();
  }
}

/** Ends workers whose job failed or was cancelled: they may still be busy with its blocks. */
export function discardWorkers(workers: readonly Worker[]): void {
  for (const w of workers) discard(w);
}
