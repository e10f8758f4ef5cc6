/**
 * The server's handle on the engine host thread (hostWorker.ts): sends it jobs and turns its messages into
 * promises. The thread starts on first use and again after a crash; it does not keep the process alive
 * while idle.
 */
import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { FullReport, ScoreFiles } from '../../forecast/report.js';
import type { Receipt, Result } from '../../pipeline.js';
import type { Description } from './describe.js';
import type {
  AnalysisJob,
  AnalysisResult,
  FromHost,
  JobFailure,
  JobSource,
  RunJob,
  ToHost,
} from './protocol.js';

/** A job that did not finish, with the reason the host gave. */
export class JobFailedError extends Error {
  constructor(readonly failure: JobFailure) {
    super(
      failure.kind === 'problems'
        ? failure.problems.map((p) => p.message).join('; ')
        : 'message' in failure
          ? failure.message
          : failure.kind,
    );
    this.name = 'JobFailedError';
  }
}

const SHUTTING_DOWN: JobFailure = { kind: 'stopped', message: 'the server is shutting down' };

export interface RunHandle {
  readonly id: string;
  /** Resolves once the scenario compiled, with the receipt the run will carry. */
  readonly prepared: Promise<Receipt>;
  readonly result: Promise<Result>;
  cancel(): void;
}

interface Pending {
  readonly onMessage: (msg: FromHost) => void;
  readonly onCrash: (failure: JobFailure) => void;
}

/** A promise with its settle functions, whose rejection is never reported as unhandled. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => {});
  return { promise, resolve, reject };
}

export class EngineHost {
  private worker: Worker | undefined;
  private readonly pending = new Map<string, Pending>();
  private closed = false;

  /**
   * Describes a scenario or model (parameters, outputs, dates); with `warmUpWorkers`, the host then warms
   * the engine on it (see hostWorker.ts).
   */
  describe(source: JobSource, warmUpWorkers?: number): Promise<Description> {
    return this.ask(
      (id) => ({ type: 'describe', id, source, ...(warmUpWorkers ? { warmUpWorkers } : {}) }),
      (msg) => (msg.type === 'described' ? msg.description : undefined),
    );
  }

  /** Compiles a scenario without running it; resolves with the receipt a run would carry. */
  check(job: RunJob): Promise<Receipt> {
    return this.ask(
      (id) => ({ type: 'check', id, ...job }),
      (msg) => (msg.type === 'checked' ? msg.receipt : undefined),
    );
  }

  /** Runs an analysis (compare, sensitivity, trace); `signal` cancels it (the client went away). */
  analyse(job: AnalysisJob, signal?: AbortSignal): Promise<AnalysisResult> {
    let sent: string | undefined;
    const cancel = () => {
      if (sent !== undefined) this.post({ type: 'cancel', id: sent });
    };
    signal?.addEventListener('abort', cancel, { once: true });
    const answer = this.ask(
      (id) => {
        sent = id;
        return { type: 'analyse', id, ...job };
      },
      (msg) => (msg.type === 'analysed' ? msg.result : undefined),
    );
    void answer.finally(() => signal?.removeEventListener('abort', cancel)).catch(() => {});
    return answer;
  }

  /** The forecasts' score report, computed on the host thread (it compiles and runs every claim's scenario). */
  score(files: ScoreFiles, timeoutMs: number): Promise<FullReport> {
    return this.ask(
      (id) => ({ type: 'score', id, files, timeoutMs }),
      (msg) => (msg.type === 'scored' ? msg.report : undefined),
    );
  }

  /**
   * The model map of the model file at `path`, as its JSON, built on the host thread: its layout and the
   * signs of its loop links (which run the model) take seconds of CPU for the Central Asia model.
   */
  map(path: string, timeoutMs: number): Promise<string> {
    return this.ask(
      (id) => ({ type: 'map', id, path, timeoutMs }),
      (msg) => (msg.type === 'mapped' ? msg.json : undefined),
    );
  }

  /** Sends one request and resolves with the answer `accept` picks out, or rejects with the host's failure. */
  private ask<T>(request: (id: string) => ToHost, accept: (msg: FromHost) => T | undefined): Promise<T> {
    const id = randomUUID();
    const done = deferred<T>();
    this.track(id, {
      onMessage: (msg) => {
        const answer = accept(msg);
        if (answer !== undefined) done.resolve(answer);
        else if (msg.type === 'failed') done.reject(new JobFailedError(msg.failure));
      },
      onCrash: (failure) => done.reject(new JobFailedError(failure)),
    });
    this.post(request(id));
    return done.promise;
  }

  /** Compiles and runs a scenario; `onProgress` sees the runs done so far. */
  run(
    job: RunJob,
    onProgress: (done: number, total: number) => void,
    onPartial?: (partial: Extract<FromHost, { type: 'partial' }>) => void,
  ): RunHandle {
    const id = randomUUID();
    const prepared = deferred<Receipt>();
    const result = deferred<Result>();
    const fail = (failure: JobFailure) => {
      const err = new JobFailedError(failure);
      prepared.reject(err);
      result.reject(err);
    };
    this.track(id, {
      onMessage: (msg) => {
        if (msg.type === 'prepared') prepared.resolve(msg.receipt);
        else if (msg.type === 'progress') onProgress(msg.done, msg.total);
        else if (msg.type === 'partial') onPartial?.(msg);
        else if (msg.type === 'result') result.resolve(msg.result);
        else if (msg.type === 'failed') fail(msg.failure);
      },
      onCrash: fail,
    });
    this.post({ type: 'run', id, ...job });
    return {
      id,
      prepared: prepared.promise,
      result: result.promise,
      cancel: () => this.post({ type: 'cancel', id }),
    };
  }

  /** Stops the host thread; jobs in progress fail. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.crashAll(SHUTTING_DOWN);
    await worker?.terminate();
  }

  /**
   * For tests only (no route reaches it): makes the host thread die now, or the next simulation's first
   * engine worker die at its first block, as a fault in either thread would.
   */
  injectCrashForTest(target: 'host' | 'worker'): void {
    this.thread().postMessage({ type: 'crash', target } satisfies ToHost);
  }

  private track(id: string, pending: Pending): void {
    if (this.closed) {
      pending.onCrash(SHUTTING_DOWN);
      return;
    }
    this.pending.set(id, pending);
    this.thread().ref();
  }

  private post(msg: ToHost): void {
    if (msg.type === 'cancel' && !this.pending.has(msg.id)) return;
    this.worker?.postMessage(msg);
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./hostWorker.js', import.meta.url));
    worker.on('message', (msg: FromHost) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      const last = msg.type !== 'prepared' && msg.type !== 'progress' && msg.type !== 'partial';
      if (last) this.pending.delete(msg.id);
      p.onMessage(msg);
      if (this.pending.size === 0) worker.unref();
    });
    const crashed = (message: string) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.crashAll({
        kind: 'crashed',
        message: `the engine host thread crashed (${message}); it was restarted: run it again`,
      });
    };
    worker.on('error', (err) => crashed(err.message));
    worker.on('exit', (code) => crashed(`exit code ${code}`));
    this.worker = worker;
    return worker;
  }

  private crashAll(failure: JobFailure): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.onCrash(failure);
  }
}
