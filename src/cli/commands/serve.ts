/**
 * `oxus serve [--models DIR…] [--scenarios DIR…] [--port N]`: the web UI and the HTTP API on the bundled
 * models and scenarios, or on an analyst's own folders. The folders are checked before anything starts: a
 * missing one, a file given as a folder, and two files of one kind with the same name (the name the UI and
 * API know a file by) are each reported, all at once, and nothing is served. Ctrl-C or SIGTERM stops the
 * server gracefully (src/server/serve.ts) and the command exits 0.
 */
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { counted } from '../../present/format.js';
import { Catalog, type EntryKind } from '../../server/catalog.js';
import { REPO_ROOT } from '../../server/options.js';
import { GRACE_MS, type Served, serve } from '../../server/serve.js';
import { StoreError } from '../../server/store/database.js';
import { folderProblem } from '../folders.js';
import { type CliIO, ExitError, shownPath } from '../io.js';
import { wholeNumber } from '../options.js';

interface ServeOptions {
  readonly models?: string[];
  readonly scenarios?: string[];
  readonly port: number;
  readonly host: string;
  readonly db?: string;
}

const portArg = wholeNumber('--port', 0, 65_535, ' (any free port)');

export function serveCommand(program: Command, io: CliIO): void {
  program
    .command('serve')
    .description(
      'serve the web UI and the HTTP API on the bundled models and scenarios, or on your own folders; Ctrl-C stops it',
    )
    .option('--models <dirs...>', 'folders of models, one or more (default: the bundled models/)')
    .option('--scenarios <dirs...>', 'folders of scenarios, one or more (default: the bundled scenarios/)')
    .option('--port <n>', 'port to listen on, 0 for any free one (default: PORT, else 3000)', portArg)
    .option('--host <name>', 'address to listen on (default: HOST, else 127.0.0.1)')
    .option(
      '--db <file>',
      'SQLite file of saved scenarios and run history (default: OXUS_DB, else data/oxus.sqlite)',
    )
    .action(async (opts: Partial<ServeOptions>) => {
      const port = opts.port ?? portFromEnvironment(process.env.PORT);
      const host = opts.host ?? process.env.HOST ?? '127.0.0.1';
      const served = await start(io, { ...opts, port, host });
      await stopped(io.signal);
      io.stderr(`oxus: stopping (at most ${GRACE_MS / 1000} s)\n`);
      await served.stop();
    });
}

/** `PORT` as `--port` reads it; a bad value is the user's to fix, named as such. */
function portFromEnvironment(value: string | undefined): number {
  if (value === undefined) return 3000;
  try {
    return portArg(value);
  } catch (err) {
    throw new ExitError(1, `error: the PORT variable: ${(err as Error).message.replace('--port', 'it')}`);
  }
}

/** Checks the folders, then serves them; every problem is reported before one ExitError. */
async function start(io: CliIO, opts: ServeOptions): Promise<Served> {
  const folders = {
    model: (opts.models ?? []).map((d) => resolve(io.cwd, d)),
    scenario: (opts.scenarios ?? []).map((d) => resolve(io.cwd, d)),
  };
  if (folders.model.length === 0) folders.model.push(resolve(REPO_ROOT, 'models'));
  if (folders.scenario.length === 0) folders.scenario.push(resolve(REPO_ROOT, 'scenarios'));
  const problems: string[] = [];
  for (const [kind, dirs] of Object.entries(folders)) {
    for (const dir of new Set(dirs)) {
      const problem = folderProblem(dir, `--${kind}s`);
      if (problem) problems.push(`error: --${kind}s ${shownPath(io, dir)}: ${problem}`);
    }
  }
  // Missing folders list nothing, so the clashes among the others are reported with them.
  const catalog = new Catalog(folders.model, folders.scenario);
  for (const clash of catalog.clashes()) {
    problems.push(
      `error: ${clash.paths.length} ${clash.kind} files are named '${clash.id}' (the web UI and the API know a ${clash.kind} by its file name): ${clash.paths.map((p) => shownPath(io, p)).join(' and ')}; rename all but one`,
    );
  }
  if (problems.length) {
    for (const line of problems) io.stderr(`${line}\n`);
    throw new ExitError(1, `${counted(problems.length, 'problem')} with the folders: nothing served`);
  }
  const dbPath = resolve(io.cwd, opts.db ?? process.env.OXUS_DB ?? resolve(REPO_ROOT, 'data', 'oxus.sqlite'));
  let served: Served;
  try {
    served = await serve({
      port: opts.port,
      host: opts.host,
      modelsDir: catalog.modelsDirs,
      scenariosDir: catalog.scenariosDirs,
      dbPath,
      allowedHosts: [opts.host, ...(process.env.OXUS_ALLOWED_HOSTS ?? '').split(',').filter(Boolean)],
      log: (err) => io.stderr(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`),
    });
  } catch (err) {
    if (err instanceof StoreError)
      throw new ExitError(1, `error: ${shownPath(io, err.path)}${err.message.slice(err.path.length)}`);
    if ((err as { syscall?: string }).syscall === 'listen')
      throw new ExitError(1, `error: cannot listen on ${opts.host}:${opts.port}: ${(err as Error).message}`);
    throw err;
  }
  io.stdout(`oxus: serving ${served.url}\n`);
  for (const kind of ['model', 'scenario'] as const) io.stdout(`${folderLine(io, catalog, kind)}\n`);
  for (const line of emptyFolders(io, catalog)) io.stderr(`${line}\n`);
  return served;
}

/** `  scenarios  scenarios/ (14), ../mine/ (2)`: each folder with the count of its files of that kind. */
function folderLine(io: CliIO, catalog: Catalog, kind: EntryKind): string {
  const dirs = kind === 'model' ? catalog.modelsDirs : catalog.scenariosDirs;
  const entries = catalog.list(kind).map((e) => dirname(catalog.pathOf(e)));
  const shown = dirs.map(
    (d) => `${shownPath(io, d).replace(/\/?$/, '/')} (${entries.filter((x) => x === d).length})`,
  );
  return `  ${`${kind}s`.padEnd(10)} ${shown.join(', ')}`;
}

/** A warning for each folder that holds no file of the kind it was given for (a slip a newcomer makes). */
function emptyFolders(io: CliIO, catalog: Catalog): string[] {
  const out: string[] = [];
  for (const kind of ['model', 'scenario'] as const) {
    const dirs = kind === 'model' ? catalog.modelsDirs : catalog.scenariosDirs;
    const used = new Set(catalog.list(kind).map((e) => dirname(catalog.pathOf(e))));
    for (const d of dirs)
      if (!used.has(d)) out.push(`warning: --${kind}s ${shownPath(io, d)}: no ${kind} files in this folder`);
  }
  return out;
}

/** Resolves when the signal aborts (Ctrl-C or SIGTERM in the `oxus` process; the test's own in tests). */
function stopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) resolve();
    signal?.addEventListener('abort', () => resolve(), { once: true });
  });
}
