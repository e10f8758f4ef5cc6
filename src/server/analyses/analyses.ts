/**
 * Analyses on the engine host: a paired comparison, a sensitivity analysis, the trace of one run. Each
 * names its scenario as a run request does (bundled file plus edits); it is resolved here, compiled and
 * simulated on the engine thread within the server's limits (analyses at once, runs, model evaluations,
 * memory, time), and answered whole. Nothing is stored: the same request gives the same numbers.
 */
import type { AchResult } from '../../ach.js';
import type { AssumptionsResult } from '../../assumptions.js';
import type { CompareResult } from '../../comparison.js';
import type { ConditionResult } from '../../conditioning.js';
import type { DiscoveryResult } from '../../discovery.js';
import type { FuturesResult } from '../../futures.js';
import type { TraceResult } from '../../runTrace.js';
import type { SensitivityResult } from '../../sensitivity.js';
import type { SignpostsResult } from '../../signposts.js';
import type { CompareBody, DiscoverBody, SensitivityBody, TraceBody } from '../analysisSchemas.js';
import { httpErrorOf } from '../apiProblems.js';
import type { Catalog } from '../catalog.js';
import { type EngineHost, JobFailedError } from '../engineHost/host.js';
import type { Analysis, AnalysisJob } from '../engineHost/protocol.js';
import { HttpError } from '../httpErrors.js';
import type { Settings } from '../options.js';
import { resolveSource } from '../runs/source.js';
import type { Edit } from '../scenarioText.js';
import type { AchBody, AssumptionsBody, ConditionBody, FuturesBody, SignpostsBody } from '../teachSchemas.js';

type Side = Edit & { scenario?: string | undefined; model?: string | undefined };

/** The keys of a body that name what to simulate (as a run request); the rest is the analysis' request. */
const SIDE_KEYS = ['scenario', 'model', 'overrides', 'schedules', 'events', 'runs', 'seed'] as const;

function splitSide<B extends object>(body: B) {
  const side: Record<string, unknown> = {};
  const request: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (v === undefined) continue;
    if ((SIDE_KEYS as readonly string[]).includes(k)) side[k] = v;
    else request[k] = v;
  }
  return { side: side as Side & { runs?: number; seed?: number | string }, request };
}

export class Analyses {
  private active = 0;

  constructor(
    private readonly settings: Settings,
    private readonly catalog: Catalog,
    private readonly host: EngineHost,
  ) {}

  compare(body: CompareBody, signal?: AbortSignal): Promise<CompareResult> {
    const { a, b, runs, seed, output, member, at } = body;
    const request = {
      ...(output !== undefined ? { output } : {}),
      ...(member !== undefined ? { member } : {}),
      ...(at !== undefined ? { at } : {}),
    };
    const sideB = resolveSource(this.catalog, b).source;
    return this.ask(
      { ...a, runs, seed },
      { kind: 'compare', b: sideB, request },
      signal,
    ) as Promise<CompareResult>;
  }

  sensitivity(body: SensitivityBody, signal?: AbortSignal): Promise<SensitivityResult> {
    const { output, member, at, method, samples, groupBy, measure, ...side } = body;
    const request = {
      method,
      output,
      at,
      ...(member !== undefined ? { member } : {}),
      ...(samples !== undefined ? { samples } : {}),
      ...(groupBy !== undefined ? { groupBy } : {}),
      ...(measure !== undefined ? { measure } : {}),
    };
    return this.ask(side, { kind: 'sensitivity', request }, signal) as Promise<SensitivityResult>;
  }

  trace(body: TraceBody, signal?: AbortSignal): Promise<TraceResult> {
    const { run, ...side } = body;
    return this.ask(side, { kind: 'trace', run }, signal) as Promise<TraceResult>;
  }

  discover(body: DiscoverBody, signal?: AbortSignal): Promise<DiscoveryResult> {
    const { output, member, at, when, alpha, minSupport, minDensity, paste, significance, ...side } = body;
    const settings = { when, alpha, minSupport, minDensity, paste, significance };
    const request = {
      output,
      at,
      ...(member !== undefined ? { member } : {}),
      ...Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)),
    };
    return this.ask(side, { kind: 'discover', request }, signal) as Promise<DiscoveryResult>;
  }

  /** A teaching technique: the body's question and settings are its request, the rest names the scenario. */
  teach(kind: 'assumptions', body: AssumptionsBody, signal?: AbortSignal): Promise<AssumptionsResult>;
  teach(kind: 'condition', body: ConditionBody, signal?: AbortSignal): Promise<ConditionResult>;
  teach(kind: 'futures', body: FuturesBody, signal?: AbortSignal): Promise<FuturesResult>;
  teach(kind: 'signposts', body: SignpostsBody, signal?: AbortSignal): Promise<SignpostsResult>;
  teach(kind: 'ach', body: AchBody, signal?: AbortSignal): Promise<AchResult>;
  teach(
    kind: 'assumptions' | 'condition' | 'futures' | 'signposts' | 'ach',
    body: AssumptionsBody | ConditionBody | FuturesBody | SignpostsBody | AchBody,
    signal?: AbortSignal,
  ) {
    const { side, request } = splitSide(body);
    return this.ask(side, { kind, request } as unknown as Analysis, signal);
  }

  private async ask(
    side: Side & { runs?: number | undefined; seed?: number | string | undefined },
    analysis: Analysis,
    signal: AbortSignal | undefined,
  ) {
    if (this.active >= this.settings.maxConcurrentAnalyses)
      throw new HttpError(
        429,
        'E_BUSY',
        `the server is already running ${this.active} analyses; try again shortly`,
        '',
        undefined,
        { 'Retry-After': '2' },
      );
    const { source } = resolveSource(this.catalog, side);
    const job: AnalysisJob = {
      source,
      ...(side.runs !== undefined ? { runs: side.runs } : {}),
      ...(side.seed !== undefined ? { seed: side.seed } : {}),
      maxRuns: this.settings.maxRuns,
      maxRunBytes: this.settings.maxRunBytes,
      workers: this.settings.workers,
      timeoutMs: this.settings.runTimeoutMs,
      analysis,
      maxEvaluations: this.settings.maxEvaluations,
    };
    this.active++;
    try {
      return await this.host.analyse(job, signal);
    } catch (err) {
      const edited = source.text !== undefined ? { editedPath: source.path } : {};
      if (err instanceof JobFailedError)
        throw httpErrorOf(err.failure, { shown: (f) => this.catalog.shownPath(f), ...edited }) ?? err;
      throw err;
    } finally {
      this.active--;
    }
  }
}
