/**
 * Settings of the HTTP app, with defaults sized for a class on one small machine. Requests are untrusted,
 * so every resource a request can claim (runs, threads, time, body size, stored history) has a bound here.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AppOptions {
  /** Folder of models (`*.yaml`), or several (`oxus serve --models A --models B`). */
  readonly modelsDir: string | readonly string[];
  /**
   * Folder of scenarios, or several. An edited scenario is compiled as if it lay in its base's folder, an
   * edited model as if it lay in the first scenarios folder.
   */
  readonly scenariosDir: string | readonly string[];
  /** SQLite database file for saved scenarios and run history (created when missing). */
  readonly dbPath: string;
  /** Most runs one request may ask for. Default 20,000. */
  readonly maxRuns?: number;
  /** Simulations in progress at once; more are refused with 429. Default 2. */
  readonly maxConcurrentRuns?: number;
  /** Analyses (compare, sensitivity, trace) in progress at once; more are refused with 429. Default 2. */
  readonly maxConcurrentAnalyses?: number;
  /** Most model evaluations one sensitivity design (Sobol, Morris, tornado) may make. Default 100,000. */
  readonly maxEvaluations?: number;
  /** A simulation still going after this long is aborted. Default 120 s. */
  readonly runTimeoutMs?: number;
  /** API requests served at once (health aside); more are refused with 429 and Retry-After. Default 64. */
  readonly maxActiveRequests?: number;
  /** Progress streams open at once; more are refused with 429 and Retry-After. Default 100. */
  readonly maxStreams?: number;
  /** Largest accepted JSON body, in bytes. Default 64 KiB. */
  readonly maxBodyBytes?: number;
  /** Engine worker threads per run. Default: every core. */
  readonly workers?: number;
  /** Memory one simulation may take for its per-run records (runs × channels × dates × 8 bytes). Default 512 MiB. */
  readonly maxRunBytes?: number;
  /** Runs kept in the history; the oldest are dropped beyond this. Default 200. */
  readonly historyLimit?: number;
  /** Stored (gzipped) results kept in the history, in bytes; the oldest are dropped beyond this. Default 100 MiB. */
  readonly historyMaxBytes?: number;
  /** Folder of the claims catalogue, outcomes and backtest estimates. Default: `forecasts/` of this repository. */
  readonly forecastsDir?: string;
  /** Host names the API answers to besides loopback, this machine's name and addresses (DNS rebinding). */
  readonly allowedHosts?: readonly string[];
  /** Folder of the web UI's static files. Default: `web/` of this repository. */
  readonly webDir?: string;
  /** Aborting it cancels every run and stops the engine host (for shutdown and tests). */
  readonly signal?: AbortSignal;
}

export type Settings = Required<Omit<AppOptions, 'signal' | 'modelsDir' | 'scenariosDir'>> & {
  /** The folders, absolute, each once, in the order given. */
  readonly modelsDirs: readonly string[];
  readonly scenariosDirs: readonly string[];
  readonly signal?: AbortSignal;
};

const folderList = (dirs: string | readonly string[]): readonly string[] => [
  ...new Set((typeof dirs === 'string' ? [dirs] : dirs).map((d) => resolve(d))),
];

/** The repository root: this file is dist/src/server/options.js once compiled. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../../../', import.meta.url)));

/** Fills in the defaults. */
export function settingsOf(options: AppOptions): Settings {
  return {
    modelsDirs: folderList(options.modelsDir),
    scenariosDirs: folderList(options.scenariosDir),
    dbPath: resolve(options.dbPath),
    maxRuns: options.maxRuns ?? 20_000,
    maxConcurrentRuns: options.maxConcurrentRuns ?? 2,
    maxConcurrentAnalyses: options.maxConcurrentAnalyses ?? 2,
    maxEvaluations: options.maxEvaluations ?? 100_000,
    runTimeoutMs: options.runTimeoutMs ?? 120_000,
    maxActiveRequests: options.maxActiveRequests ?? 64,
    maxStreams: options.maxStreams ?? 100,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
    workers: options.workers ?? availableParallelism(),
    maxRunBytes: options.maxRunBytes ?? 512 * 1024 * 1024,
    historyLimit: options.historyLimit ?? 200,
    historyMaxBytes: options.historyMaxBytes ?? 100 * 1024 * 1024,
    forecastsDir: resolve(options.forecastsDir ?? resolve(REPO_ROOT, 'forecasts')),
    allowedHosts: options.allowedHosts ?? [],
    webDir: resolve(options.webDir ?? resolve(REPO_ROOT, 'web')),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}
