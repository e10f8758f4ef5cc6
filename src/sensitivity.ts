/**
 * The pipeline behind `oxus sensitivity` and its endpoint: which uncertain parameters drive one output at
 * one date (and at every date, for the heat map). `rank` reads the scenario's own runs and the values they
 * drew; `tornado`, `sobol` and `morris` run a sampling design through the engine. Library code: it throws
 * typed errors, never prints.
 */

import { pointOfDate } from './analysis/datePoint.js';
import { morrisDesign, saltelliDesign } from './analysis/sensitivity/designs.js';
import {
  checkMeasure,
  type Factor,
  factorsOf,
  findChannel,
  type GroupBy,
  type Measure,
  outputColumns,
} from './analysis/sensitivity/factors.js';
import { morrisIndices } from './analysis/sensitivity/morris.js';
import { rankIndices } from './analysis/sensitivity/rank.js';
import { sobolEstimates, sobolIndices } from './analysis/sensitivity/sobol.js';
import { TORNADO_HIGH, TORNADO_LOW, tornadoBars, tornadoDesign } from './analysis/sensitivity/tornado.js';
import { parameterTable } from './engine/runBlock.js';
import { type SimulateOptions, simulate } from './engine/simulate.js';
import { AnalysisError } from './errors.js';
import { type Prepared, type Receipt, receiptOf } from './pipeline.js';
import { truncatedQuantile } from './random/distributions.js';
import { axisLabels } from './time/period.js';

export type SensitivityMethod = 'rank' | 'tornado' | 'sobol' | 'morris';

export interface SensitivityRequest {
  readonly method: SensitivityMethod;
  readonly output: string;
  readonly member?: string;
  readonly at: string;
  /** Sobol: base rows N; Morris: trajectories r; tornado: runs per setting R; rank: ignored (the scenario's runs). */
  readonly samples?: number;
  readonly groupBy?: GroupBy;
  /** Of a threshold or event: whether it has happened by the date (`value`), or the time until it does. */
  readonly measure?: Measure;
}

export const DEFAULT_SAMPLES: Record<SensitivityMethod, number> = {
  rank: 0,
  tornado: 200,
  sobol: 512,
  morris: 50,
};

/** What each method assumes about the inputs, said with every result. */
export const ASSUMPTIONS: Record<SensitivityMethod, string> = {
  rank: 'Rank correlation and rank regression on the runs as drawn, declared correlations included: ρ credits a parameter with what its correlated partners do; SRRC assumes a monotone, additive effect (see R²).',
  tornado:
    'One at a time, 5th to 95th percentile, the others at their medians: no interactions, declared correlations ignored.',
  sobol:
    "Variance-based (Saltelli 2010 first-order, Jansen total) with independent inputs: declared correlations are not honoured by the design. The model's own chance counts as one more input, so first-order indices sum to less than 1.",
  morris:
    'Elementary effects on a 4-level grid of each input’s quantiles, inputs independent: a screening ranking (μ*), not a share of variance.',
};

/** What the time-to-event measure is, said with every result that uses it. */
const TIME_TO_EVENT =
  'The output is the time to the first occurrence, in steps of the time axis from its start, restricted to the date: a run where it has not happened by then counts the whole span (censored).';

export interface SensitivityParameter {
  readonly name: string;
  /** The slots a group moves (absent for one parameter). */
  readonly members?: readonly string[];
  readonly [statistic: string]: unknown;
}

export interface SensitivityResult {
  readonly format: 'oxus-sensitivity/1';
  readonly receipt: Receipt;
  readonly method: SensitivityMethod;
  readonly output: string;
  readonly member?: string;
  readonly at: string;
  /** Model evaluations made (for rank: the scenario's runs). */
  readonly runs: number;
  readonly samples: number;
  readonly groupBy: GroupBy;
  readonly measure: Measure;
  readonly assumption: string;
  readonly parameters: SensitivityParameter[];
  readonly r2?: number | null;
  /** The method's main index per factor at every date: `values[i][k]` (S1 for Sobol, μ*, ρ, swing). */
  readonly horizons: { readonly statistic: string; readonly dates: string[]; readonly values: number[][] };
}

/** The factors the analysis varies: every uncertain parameter, or groups of them (rank: never grouped). */
export function factorsFor(p: Prepared, request: Pick<SensitivityRequest, 'method' | 'groupBy'>): Factor[] {
  const groupBy = request.method === 'rank' ? 'none' : (request.groupBy ?? 'none');
  return factorsOf(p.plan, groupBy, (name) => p.model.file.parameters?.[name]?.family);
}

/** Model evaluations the analysis makes with k factors (rank reads the scenario's `runs`). */
export function evaluationsOf(
  request: Pick<SensitivityRequest, 'method' | 'samples'>,
  k: number,
  runs: number,
): number {
  const n = request.samples ?? DEFAULT_SAMPLES[request.method];
  switch (request.method) {
    case 'rank':
      return runs;
    case 'sobol':
      return n * (k + 2);
    case 'morris':
      return n * (k + 1);
    case 'tornado':
      return n * (1 + 2 * k);
  }
}

/** Runs the analysis. */
export async function executeSensitivity(
  p: Prepared,
  request: SensitivityRequest,
  options: Omit<SimulateOptions, 'runs' | 'seed' | 'design'> = {},
): Promise<SensitivityResult> {
  const channel = findChannel(p.plan, request.output, request.member);
  const point = pointOfDate(p.plan.axis, request.at);
  const dates = axisLabels(p.plan.axis);
  const groupBy = request.groupBy ?? 'none';
  const measure = request.measure ?? 'value';
  checkMeasure(p.plan, channel, measure);
  const factors = factorsFor(p, request);
  if (factors.length === 0)
    throw new AnalysisError('E_NO_UNCERTAINTY', 'the scenario has no uncertain parameter to analyse');
  const samples = request.samples ?? DEFAULT_SAMPLES[request.method];
  const run = async (design?: ReturnType<typeof saltelliDesign>, runs = p.runs) => {
    const data = await simulate(p.plan, { ...options, runs, seed: p.seed, ...(design ? { design } : {}) });
    return outputColumns(data, channel, measure);
  };
  const c = p.plan.channels[channel]!;
  const common = {
    format: 'oxus-sensitivity/1' as const,
    receipt: receiptOf(p),
    method: request.method,
    output: request.output,
    ...(c.member !== undefined ? { member: c.member } : {}),
    at: request.at,
    samples,
    groupBy,
    measure,
    assumption: `${ASSUMPTIONS[request.method]}${measure === 'time' ? ` ${TIME_TO_EVENT}` : ''}`,
  };
  const described = (f: Factor) => ({
    name: f.name,
    ...(f.slots.length > 1 || f.name !== p.plan.params[f.slots[0]!]!.name
      ? { members: f.slots.map((s) => p.plan.params[s]!.name) }
      : {}),
  });

  if (request.method === 'rank') {
    const cols = await run();
    const table = parameterTable(p.plan, p.seed, 0, p.runs);
    const { indices, r2 } = rankIndices(table.values, cols[point]!);
    return {
      ...common,
      runs: p.runs,
      parameters: factors.map((f, i) => ({ ...described(f), rho: indices[i]!.rho, srrc: indices[i]!.srrc })),
      r2,
      horizons: byDate('rho', dates, cols, (y) => rankIndices(table.values, y).indices.map((x) => x.rho)),
    };
  }
  if (request.method === 'sobol') {
    const N = samples;
    const cols = await run(saltelliDesign(factors, N, p.seed), evaluationsOf(request, factors.length, 0));
    const split = (y: Float64Array) => ({
      fA: y.subarray(0, N),
      fB: y.subarray(N, 2 * N),
      fAB: factors.map((_, i) => y.subarray((2 + i) * N, (3 + i) * N)),
    });
    const at = split(cols[point]!);
    const indices = sobolIndices(at.fA, at.fB, at.fAB, { seed: p.seed });
    return {
      ...common,
      runs: evaluationsOf(request, factors.length, 0),
      parameters: factors.map((f, i) => ({ ...described(f), ...indices[i]! })),
      horizons: byDate('S1', dates, cols, (y) => {
        const s = split(y);
        return sobolEstimates(s.fA, s.fB, s.fAB).S1;
      }),
    };
  }
  if (request.method === 'morris') {
    const { design, order, sign } = morrisDesign(factors, samples, p.seed);
    const cols = await run(design, evaluationsOf(request, factors.length, 0));
    const indices = morrisIndices(cols[point]!, factors.length, order, sign);
    return {
      ...common,
      runs: evaluationsOf(request, factors.length, 0),
      parameters: factors.map((f, i) => ({ ...described(f), ...indices[i]! })),
      horizons: byDate('mu_star', dates, cols, (y) =>
        morrisIndices(y, factors.length, order, sign).map((x) => x.mu_star),
      ),
    };
  }
  const R = samples;
  const cols = await run(tornadoDesign(factors, R), evaluationsOf(request, factors.length, 0));
  const bars = tornadoBars(cols[point]!, factors.length, R);
  return {
    ...common,
    runs: evaluationsOf(request, factors.length, 0),
    parameters: factors.map((f, i) => ({
      ...described(f),
      ...bars[i]!,
      ...(f.slots.length === 1 ? swungValues(p, f.slots[0]!) : {}),
    })),
    horizons: byDate('swing', dates, cols, (y) => tornadoBars(y, factors.length, R).map((b) => b.swing)),
  };
}

/** The parameter's values at the tornado's two settings. */
function swungValues(p: Prepared, slot: number) {
  const s = p.plan.params[slot]!;
  const q = (u: number) => truncatedQuantile(s.dist!, u, s.lo, s.hi);
  return { lowValue: q(TORNADO_LOW), highValue: q(TORNADO_HIGH) };
}

/** A statistic per factor at every date, transposed to `values[factor][date]`. */
function byDate(
  statistic: string,
  dates: string[],
  cols: readonly Float64Array[],
  per: (y: Float64Array) => number[],
): SensitivityResult['horizons'] {
  const byPoint = cols.map((y) => per(y));
  const k = byPoint[0]?.length ?? 0;
  return { statistic, dates, values: Array.from({ length: k }, (_, i) => byPoint.map((row) => row[i]!)) };
}
