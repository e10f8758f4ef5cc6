/**
 * Runs in progress and recently finished: starts them on the engine host within the server's limits,
 * follows their progress for server-sent events, cancels them, and writes finished ones to the history.
 */
import { RECEIPT_KEYS, type Receipt, type Result } from '../../pipeline.js';
import { httpErrorOf, type ProblemContext, shuttingDown } from '../apiProblems.js';
import type { Catalog } from '../catalog.js';
import { type EngineHost, JobFailedError, type RunHandle } from '../engineHost/host.js';
import type { JobSource, RunJob } from '../engineHost/protocol.js';
import { HttpError } from '../httpErrors.js';
import type { Settings } from '../options.js';
import type { Owned } from '../ownership/access.js';
import type { RunRequest } from '../requestSchemas.js';
import type { History, HistoryEntry } from '../store/history.js';
import { resolveSource } from './source.js';

export type RunStatus = 'running' | 'done' | 'failed' | 'cancelled';

export interface RunInfo extends Owned {
  readonly id: string;
  status: RunStatus;
  readonly createdAt: string;
  finishedAt: string | null;
  readonly title: string;
  /** The served file the run started from, as the catalog shows it (`mine/x.yaml`); null when read from the history. */
  readonly file: string | null;
  readonly request: RunRequest;
  readonly progress: { done: number; total: number };
  receipt: Receipt | null;
  error: { code: string; message: string; path: string } | null;
  /** YAML of the edited scenario (save it beside `file` to run it with the CLI), or null. */
  readonly scenarioText: string | null;
  /** The history entry this run reproduces, and whether it did, bit for bit. */
  readonly reproduces: string | null;
  reproduced: { receipt: boolean; summary: boolean } | null;
}

/** The exact summary of the first `runs` runs of a run still going (for progressive charts). */
export interface PartialSummary {
  readonly runs: number;
  readonly total: number;
  /** A result of those runs: its receipt says `runs`, the summary is theirs. */
  readonly result: Result;
}

export type RunEvent =
  | { type: 'progress'; done: number; total: number }
  | ({ type: 'partial' } & PartialSummary)
  | { type: 'end'; run: RunInfo };

interface Run {
  readonly info: RunInfo;
  readonly handle: RunHandle;
  readonly listeners: Set<(event: RunEvent) => void>;
  /** Settles when the run has finished and been stored, or was refused before it started. */
  readonly finished: Promise<void>;
  readonly settle: () => void;
  resultJson?: string;
  /** The latest partial summary while the run goes on. */
  partial?: PartialSummary;
}

/** Finished runs kept in memory (their results also live in the history). */
const KEEP_FINISHED = 10;

/** Checks of saved scenarios waiting for the engine thread at once. */
const MAX_CHECKS = 4;

export class RunManager {
  private readonly runs = new Map<string, Run>();
  private checking = 0;
  private closing = false;

  constructor(
    private readonly settings: Settings,
    private readonly catalog: Catalog,
    private readonly host: EngineHost,
    private readonly history: History,
    private readonly log: (err: unknown) => void,
  ) {}

  /** Compiles and starts a run; resolves once it compiled (a bad scenario or override rejects with a 400). */
  /**
   * Throws the 503 or 429 that `start` would, so a request can be refused before anything is done for it
   * (such as issuing and storing a token).
   */
  assertCanStart(): void {
    if (this.closing) throw shuttingDown();
    const active = [...this.runs.values()].filter((r) => r.info.status === 'running').length;
    if (active >= this.settings.maxConcurrentRuns) {
      throw new HttpError(
        429,
        'E_BUSY',
        `the server is already running ${active} simulations; try again shortly`,
        '',
        undefined,
        { 'Retry-After': '2' },
      );
    }
  }

  async start(request: RunRequest, owner: Owned, reproduce?: HistoryEntry): Promise<RunInfo> {
    this.assertCanStart();
    const resolved = resolveSource(this.catalog, request);
    const ctx = this.contextOf(resolved.source.text !== undefined ? resolved.source.path : undefined);
    let run: Run | undefined;
    const handle = this.host.run(
      this.jobOf(request, resolved.source),
      (done, total) => {
        if (run) this.progress(run, done, total);
      },
      ({ runs, total, result }) => {
        if (!run) return;
        run.partial = { runs, total, result };
        for (const listener of run.listeners) listener({ type: 'partial', runs, total, result });
      },
    );
    const info: RunInfo = {
      id: handle.id,
      status: 'running',
      createdAt: new Date().toISOString(),
      finishedAt: null,
      title: `${resolved.entry.title ?? resolved.entry.id}${resolved.text !== null ? ' (edited)' : ''}`,
      file: resolved.entry.file,
      request,
      progress: { done: 0, total: request.runs ?? 0 },
      receipt: null,
      error: null,
      scenarioText: resolved.text,
      reproduces: reproduce?.id ?? null,
      reproduced: null,
      owner: owner.owner,
      classId: owner.classId,
    };
    let settle!: () => void;
    const finished = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const started: Run = { info, handle, listeners: new Set(), finished, settle };
    run = started;
    this.runs.set(handle.id, started);
    try {
      info.receipt = await handle.prepared;
      if (reproduce) this.checkReceipt(started, reproduce.receipt);
    } catch (err) {
      this.runs.delete(handle.id);
      settle();
      throw this.toHttp(err, ctx);
    }
    info.progress.total = info.receipt.runs;
    handle.result
      .then(
        (result) => this.succeed(started, result, reproduce),
        (err: unknown) => this.fail(started, err),
      )
      .catch((err: unknown) => this.fail(started, err));
    return info;
  }

  /** Checks a scenario and its edits without running it; resolves with the receipt a run would carry. */
  async check(request: RunRequest): Promise<Receipt> {
    // Compiling takes the engine thread for about a second: bound how many checks may wait for it.
    if (this.checking >= MAX_CHECKS) {
      throw new HttpError(
        429,
        'E_BUSY',
        'the server is checking other scenarios; try again shortly',
        '',
        undefined,
        {
          'Retry-After': '2',
        },
      );
    }
    const resolved = resolveSource(this.catalog, request);
    this.checking++;
    try {
      return await this.host.check(this.jobOf(request, resolved.source));
    } catch (err) {
      throw this.toHttp(
        err,
        this.contextOf(resolved.source.text !== undefined ? resolved.source.path : undefined),
      );
    } finally {
      this.checking--;
    }
  }

  /** One class's runs in memory: in progress, and the last few finished. */
  list(classId: string): RunInfo[] {
    return [...this.runs.values()]
      .map((r) => r.info)
      .filter((info) => info.classId === classId)
      .reverse();
  }

  /** A run in memory, or a finished one from the history. */
  info(id: string): RunInfo | undefined {
    const run = this.runs.get(id);
    if (run) return run.info;
    const entry = this.history.get(id);
    return entry ? infoOfHistory(entry) : undefined;
  }

  /** The finished run's Result as JSON text; undefined when it is unknown or not finished. */
  async resultJson(id: string): Promise<string | undefined> {
    const run = this.runs.get(id);
    if (run) return run.resultJson;
    return this.history.resultJson(id);
  }

  /** Waits until the run has finished (and was stored). */
  async settled(id: string): Promise<RunInfo | undefined> {
    await this.runs.get(id)?.finished;
    return this.info(id);
  }

  /** Asks the engine to stop a run; resolves once it stopped. */
  async cancel(id: string): Promise<RunInfo> {
    const run = this.runs.get(id);
    if (!run) {
      if (this.history.get(id)) throw new HttpError(409, 'E_NOT_RUNNING', 'the run has already finished');
      throw new HttpError(404, 'E_NOT_FOUND', `no run '${id}'`);
    }
    if (run.info.status !== 'running')
      throw new HttpError(
        409,
        'E_NOT_RUNNING',
        `the run has already ${run.info.status === 'done' ? 'finished' : run.info.status}`,
      );
    run.handle.cancel();
    await run.finished;
    return run.info;
  }

  /** The latest partial summary of a run still going, if one has arrived. */
  partialOf(id: string): PartialSummary | undefined {
    const run = this.runs.get(id);
    return run?.info.status === 'running' ? run.partial : undefined;
  }

  /** Follows a run's progress until it ends; returns the function that stops following. */
  subscribe(id: string, listener: (event: RunEvent) => void): () => void {
    const run = this.runs.get(id);
    run?.listeners.add(listener);
    return () => run?.listeners.delete(listener);
  }

  /**
   * At shutdown: refuses new runs and cancels those in progress, whose waiting requests and event streams
   * are then told that the server is shutting down.
   */
  shutDown(): void {
    this.closing = true;
    for (const run of this.runs.values()) if (run.info.status === 'running') run.handle.cancel();
  }

  /** Settles once every run has ended and been stored (or failed to be). */
  async drain(): Promise<void> {
    await Promise.all([...this.runs.values()].map((r) => r.finished));
  }

  private progress(run: Run, done: number, total: number): void {
    run.info.progress.done = done;
    run.info.progress.total = total;
    for (const listener of run.listeners) listener({ type: 'progress', done, total });
  }

  private checkReceipt(run: Run, stored: Receipt): void {
    const now = run.info.receipt!;
    const differ = RECEIPT_KEYS.filter((k) => now[k] !== stored[k]);
    if (differ.length === 0) return;
    run.handle.cancel();
    throw new HttpError(
      409,
      'E_RECEIPT_MISMATCH',
      `the inputs changed since this run (${differ.join(', ')} differ), so it cannot be reproduced bit for bit`,
      '',
      differ.map((k) => ({
        code: 'E_RECEIPT_MISMATCH',
        path: `receipt.${k}`,
        message: `was ${String(stored[k])}, now ${String(now[k])}`,
      })),
    );
  }

  private async succeed(run: Run, result: Result, reproduce: HistoryEntry | undefined): Promise<void> {
    const json = JSON.stringify(result);
    run.resultJson = json;
    if (reproduce) {
      const stored = await this.history.resultJson(reproduce.id);
      const storedSummary =
        stored === undefined ? undefined : JSON.stringify((JSON.parse(stored) as Result).summary);
      run.info.reproduced = {
        receipt: JSON.stringify(result.receipt) === JSON.stringify(reproduce.receipt),
        summary: storedSummary === JSON.stringify(result.summary),
      };
    }
    const finishedAt = new Date().toISOString();
    try {
      const { id, createdAt, title, request, scenarioText, owner, classId } = run.info;
      await this.history.add(
        { id, createdAt, finishedAt, title, request, receipt: result.receipt, scenarioText, owner, classId },
        json,
      );
    } catch (err) {
      this.log(err);
    }
    this.end(run, 'done', finishedAt);
  }

  private fail(run: Run, err: unknown): void {
    const failure = err instanceof JobFailedError ? err.failure : undefined;
    const http = failure ? httpErrorOf(failure, this.contextOf(undefined)) : undefined;
    if (!http || failure?.kind === 'crashed') this.log(err);
    const stopped = this.closing && (failure?.kind === 'cancelled' || failure?.kind === 'stopped');
    run.info.error = stopped
      ? { code: 'E_SHUTTING_DOWN', message: 'the server is shutting down: the run was cancelled', path: '' }
      : http
        ? { code: http.code, message: http.message, path: http.path }
        : { code: 'E_INTERNAL', message: 'internal error', path: '' };
    const status = failure?.kind === 'cancelled' || stopped ? 'cancelled' : 'failed';
    this.end(run, status, new Date().toISOString());
  }

  private end(run: Run, status: RunStatus, finishedAt: string): void {
    run.info.status = status;
    run.info.finishedAt = finishedAt;
    for (const listener of run.listeners) listener({ type: 'end', run: run.info });
    run.listeners.clear();
    run.settle();
    const finished = [...this.runs.values()].filter((r) => r.info.status !== 'running');
    for (const old of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED)))
      this.runs.delete(old.info.id);
  }

  private jobOf(request: RunRequest, source: JobSource): RunJob {
    return {
      source,
      ...(request.runs !== undefined ? { runs: request.runs } : {}),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      maxRuns: this.settings.maxRuns,
      maxRunBytes: this.settings.maxRunBytes,
      workers: this.settings.workers,
      timeoutMs: this.settings.runTimeoutMs,
    };
  }

  private contextOf(editedPath: string | undefined): ProblemContext {
    const shown = (file: string) => this.catalog.shownPath(file);
    return { shown, ...(editedPath !== undefined ? { editedPath } : {}) };
  }

  private toHttp(err: unknown, ctx: ProblemContext): Error {
    if (err instanceof JobFailedError) return httpErrorOf(err.failure, ctx) ?? err;
    return err instanceof Error ? err : new Error(String(err));
  }
}

function infoOfHistory(entry: HistoryEntry): RunInfo {
  return {
    id: entry.id,
    status: 'done',
    createdAt: entry.createdAt,
    finishedAt: entry.finishedAt,
    title: entry.title,
    file: null,
    request: entry.request,
    progress: { done: entry.receipt.runs, total: entry.receipt.runs },
    receipt: entry.receipt,
    error: null,
    scenarioText: entry.scenarioText,
    reproduces: null,
    reproduced: null,
    owner: entry.owner,
    classId: entry.classId,
  };
}
