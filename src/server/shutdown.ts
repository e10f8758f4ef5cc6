/**
 * The app's orderly stop: once it begins, new requests are refused with a JSON 503 (and their connection
 * closed), requests in flight finish and close their connection after answering, runs are cancelled (so
 * their waiting requests get a JSON error and their event streams an `end` event), the engine host stops,
 * and the database is checkpointed and closed last, after every finished run has been stored.
 */
import type { Express, RequestHandler, Response } from 'express';
import { shuttingDown } from './apiProblems.js';

export class Shutdown {
  private started: Promise<void> | undefined;
  private readonly inFlight = new Set<Response>();

  constructor(private readonly steps: () => Promise<void>) {}

  get closing(): boolean {
    return this.started !== undefined;
  }

  /** First in the chain: refuses requests once the stop has begun, and keeps track of those in flight. */
  readonly gate: RequestHandler = (_req, res, next) => {
    if (this.closing) {
      res.set('Connection', 'close');
      throw shuttingDown();
    }
    this.inFlight.add(res);
    res.on('close', () => this.inFlight.delete(res));
    next();
  };

  /** Begins the stop (once); resolves when the database is closed. */
  begin(): Promise<void> {
    if (!this.started) {
      // Answers not yet sent close their connection, so clients do not send more on it.
      for (const res of this.inFlight) if (!res.headersSent) res.set('Connection', 'close');
      this.started = this.steps();
    }
    return this.started;
  }
}

const stops = new WeakMap<Express, Shutdown>();

export function registerShutdown(app: Express, shutdown: Shutdown): void {
  stops.set(app, shutdown);
}

/** Stops an app made by createApp (as aborting its `signal` does); resolves when it is fully stopped. */
export function closeApp(app: Express): Promise<void> {
  return stops.get(app)?.begin() ?? Promise.resolve();
}
