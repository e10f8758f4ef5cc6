/**
 * A process-wide pool of engine worker threads, kept between simulations: starting a worker and warming up
 * its compiled code costs about half a second, which a server running one scenario after another should
 * pay once. Idle workers are unref'd, so they never keep the process alive.
 */
import { Worker } from 'node:worker_threads';

const idle: Worker[] = [];

function create(): Worker {
  const w = new Worker(new URL('./worker.js', import.meta.url));
  // An idle worker that fails is dropped; a busy one reports through its job's own listener too.
  w.on('error', () => discard(w));
  return w;
}

function discard(w: Worker): void {
  const i = idle.indexOf(w);
  if (i >= 0) idle.splice(i, 1);
  void w.terminate();
}

/** Takes `count` workers, reusing idle ones first. */
export function acquireWorkers(count: number): Worker[] {
  const out = idle.splice(0, count);
  while (out.length < count) out.push(create());
  for (const w of out) w.ref();
  return out;
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
