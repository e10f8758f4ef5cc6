/**
 * A server in a process of its own, for the tests that kill it (`kill -9`, SIGTERM): `spawnServer` starts
 * this file as a child on a fixture's folders; the child serves on a free loopback port with the same
 * `serve` and signal handling as `npm start`, and prints its address. The test runner loads this file too:
 * without the environment variable it does nothing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serve, stopOnSignals } from '../../src/server/serve.js';
import type { Fixture } from './serverApp.js';

const ENV = 'OXUS_TEST_SERVER_FOLDERS';

export interface ServerProcess {
  readonly child: ChildProcess;
  /** `http://127.0.0.1:port` (no trailing slash). */
  readonly origin: string;
  /** Settles when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** What it wrote to stderr so far. */
  stderr(): string;
}

/** Starts a server process on the fixture's folders; resolves once it listens. */
export function spawnServer(
  f: Pick<Fixture, 'modelsDir' | 'scenariosDir' | 'dbPath'>,
): Promise<ServerProcess> {
  const { modelsDir, scenariosDir, dbPath } = f;
  const child = spawn(process.execPath, ['--enable-source-maps', fileURLToPath(import.meta.url)], {
    env: { ...process.env, [ENV]: JSON.stringify({ modelsDir, scenariosDir, dbPath }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const m = /listening (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve({ child, origin: m[1]!, exited, stderr: () => err });
    });
    void exited.then(({ code }) => reject(new Error(`the server exited (${code}) before listening: ${err}`)));
  });
}

const folders = process.env[ENV];
if (folders !== undefined) {
  const { modelsDir, scenariosDir, dbPath } = JSON.parse(folders) as Record<string, string>;
  const served = await serve({
    port: 0,
    host: '127.0.0.1',
    modelsDir: modelsDir!,
    scenariosDir: scenariosDir!,
    dbPath: dbPath!,
    workers: 1,
    log: (e) => process.stderr.write(`${String(e)}\n`),
  });
  stopOnSignals(served, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`listening ${served.url}\n`);
}
