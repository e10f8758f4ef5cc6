/**
 * Serving the app on a port, and stopping it gracefully on SIGTERM or SIGINT: the listening socket closes
 * at once, the app stops in order (see shutdown.ts), idle connections are closed as they become idle, and
 * whatever is still open after the grace period is cut. `npm start` (main.ts) runs this.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CreateAppOptions, closeApp, createApp } from './app.js';

/** How long a stop waits for runs to end, answers to go out and streams to close before cutting them. */
export const GRACE_MS = 10_000;

export interface ServeOptions extends Omit<CreateAppOptions, 'signal'> {
  readonly port: number;
  readonly host: string;
  /** Default GRACE_MS. */
  readonly graceMs?: number;
}

export interface Served {
  readonly server: Server;
  /** `http://host:port/` as bound (port 0 asks for a free one). */
  readonly url: string;
  /** Stops serving; resolves once every connection is closed and the database with it. */
  stop(): Promise<void>;
}

export async function serve(options: ServeOptions): Promise<Served> {
  const { port, host, graceMs = GRACE_MS, ...appOptions } = options;
  const app = await createApp(appOptions);
  const server = await new Promise<Server>((resolve, reject) => {
    // Express 5 hands a listening error to the callback as well as emitting it.
    const s = app.listen(port, host, (err?: Error) => (err ? reject(err) : resolve(s)));
    s.once('error', reject);
  }).catch(async (err: unknown) => {
    // The port is taken (or not allowed): close the database and engine host opened for nothing.
    await closeApp(app);
    throw err;
  });
  const { port: bound } = server.address() as AddressInfo;
  const url = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${bound}/`;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= stopServer(server, () => closeApp(app), graceMs);
    return stopping;
  };
  return { server, url, stop };
}

async function stopServer(server: Server, closeApp: () => Promise<void>, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const deadline = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
  // Connections left idle by an answer or an ended stream are closed as soon as they are idle.
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  try {
    await Promise.race([closeApp().then(() => closed), deadline]);
  } finally {
    clearInterval(sweep);
    server.closeAllConnections();
  }
}

/**
 * Stops on the first SIGTERM or SIGINT and exits with 0 (1 if the stop fails); a second signal, or a stop
 * that overruns the grace period by a second, exits at once with 1.
 */
export function stopOnSignals(served: Served, log: (line: string) => void, graceMs = GRACE_MS): void {
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (stopping) process.exit(1);
      stopping = true;
      log(`oxus: ${sig}: stopping (at most ${graceMs / 1000} s)`);
      setTimeout(() => process.exit(1), graceMs + 1000).unref();
      served.stop().then(
        () => process.exit(0),
        (err: unknown) => {
          log(`oxus: the stop failed: ${err instanceof Error ? err.message : String(err)}`);
          process.exit(1);
        },
      );
    });
  }
}
