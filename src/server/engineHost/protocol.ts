/** Messages between the server's thread and the engine host thread (see host.ts and hostWorker.ts). */

import type { AchRequest, AchResult } from '../../ach.js';
import type { AssumptionsRequest, AssumptionsResult } from '../../assumptions.js';
import type { CompareRequest, CompareResult } from '../../comparison.js';
import type { ConditionRequest, ConditionResult } from '../../conditioning.js';
import type { DiscoveryRequest, DiscoveryResult } from '../../discovery.js';
import type { ErrorKind } from '../../errors.js';
import type { FullReport, ScoreFiles } from '../../forecast/report.js';
import type { FuturesRequest, FuturesResult } from '../../futures.js';
import type { Receipt, Result } from '../../pipeline.js';
import type { TraceResult } from '../../runTrace.js';
import type { SensitivityRequest, SensitivityResult } from '../../sensitivity.js';
import type { SignpostsRequest, SignpostsResult } from '../../signposts.js';
import type { Description } from './describe.js';

/** A scenario or model file, or a text compiled as if it were the file at `path`. */
export interface JobSource {
  readonly path: string;
  readonly text?: string;
}

export interface RunJob {
  readonly source: JobSource;
  readonly runs?: number;
  readonly seed?: number | string;
  readonly maxRuns: number;
  /** Most memory the per-run records may take (8 bytes a series value, 1 a flag, 2 a leader). */
  readonly maxRunBytes: number;
  readonly workers: number;
  readonly timeoutMs: number;
}

/** What to do with the job's scenario (side A of a comparison): see engineHost/analyse.ts. */
export type Analysis =
  | { readonly kind: 'compare'; readonly b: JobSource; readonly request: CompareRequest }
  | { readonly kind: 'sensitivity'; readonly request: SensitivityRequest }
  | { readonly kind: 'trace'; readonly run: number }
  | { readonly kind: 'discover'; readonly request: DiscoveryRequest }
  | { readonly kind: 'assumptions'; readonly request: AssumptionsRequest }
  | { readonly kind: 'condition'; readonly request: ConditionRequest }
  | { readonly kind: 'futures'; readonly request: FuturesRequest }
  | { readonly kind: 'signposts'; readonly request: SignpostsRequest }
  | { readonly kind: 'ach'; readonly request: AchRequest };

export interface AnalysisJob extends RunJob {
  readonly analysis: Analysis;
  /** Most model evaluations a sensitivity design may make. */
  readonly maxEvaluations: number;
}

export type AnalysisResult =
  | CompareResult
  | SensitivityResult
  | TraceResult
  | DiscoveryResult
  | AssumptionsResult
  | ConditionResult
  | FuturesResult
  | SignpostsResult
  | AchResult;

export type ToHost =
  /**
   * Describe a scenario; with `warmUpWorkers`, also run a few runs of it on that many engine threads
   * afterwards and throw them away, so that the scenario's first real run starts with warm threads and code.
   */
  | {
      readonly type: 'describe';
      readonly id: string;
      readonly source: JobSource;
      readonly warmUpWorkers?: number;
    }
  | ({ readonly type: 'run'; readonly id: string } & RunJob)
  /** Compile only: checks a scenario and its edits, and computes the receipt a run would carry. */
  | ({ readonly type: 'check'; readonly id: string } & RunJob)
  | ({ readonly type: 'analyse'; readonly id: string } & AnalysisJob)
  /** The forecasts' score report: runs every claim's scenario (see forecast/report.ts). */
  | { readonly type: 'score'; readonly id: string; readonly files: ScoreFiles; readonly timeoutMs: number }
  /** The model map of a model file, as JSON (see teach/modelMap/modelMap.ts): layout and loop signs. */
  | { readonly type: 'map'; readonly id: string; readonly path: string; readonly timeoutMs: number }
  | { readonly type: 'cancel'; readonly id: string }
  /** Test-only (EngineHost.injectCrashForTest; no route sends it): the host thread or an engine worker dies. */
  | { readonly type: 'crash'; readonly target: 'host' | 'worker' };

/**
 * Why a job did not finish: the error's kind, a cancellation that came from the time limit, a thread that
 * died under it (`crashed`), or the server shutting down (`stopped`).
 */
export type JobFailure =
  | ErrorKind
  | { readonly kind: 'timeout' | 'crashed' | 'stopped'; readonly message: string };

export type FromHost =
  | { readonly type: 'described'; readonly id: string; readonly description: Description }
  | { readonly type: 'prepared'; readonly id: string; readonly receipt: Receipt }
  | { readonly type: 'checked'; readonly id: string; readonly receipt: Receipt }
  | { readonly type: 'progress'; readonly id: string; readonly done: number; readonly total: number }
  /** The result of the first `runs` runs (all finished, summarised exactly) while the rest still run. */
  | {
      readonly type: 'partial';
      readonly id: string;
      readonly runs: number;
      readonly total: number;
      readonly result: Result;
    }
  | { readonly type: 'result'; readonly id: string; readonly result: Result }
  | { readonly type: 'analysed'; readonly id: string; readonly result: AnalysisResult }
  | { readonly type: 'scored'; readonly id: string; readonly report: FullReport }
  | { readonly type: 'mapped'; readonly id: string; readonly json: string }
  | { readonly type: 'failed'; readonly id: string; readonly failure: JobFailure };
