/**
 * The pipeline behind `oxus sensitivity` and its endpoint: which uncertain parameters drive one output at
 * one date (and at every date, for the heat map). `rank` reads the scenario's own runs and the values they
 * drew; `tornado`, `sobol` and `morris` run a sampling design through the engine. Library code: it throws
 * typed errors, never prints.
 */

import { copulaBlocks, morrisDesign, saltelliDesign } from './analysis/sensitivity/designs.js';
import {
  checkMeasure,
  correlatedGroups,
  type Factor,
  factorsOf,
  type GroupBy,
  type Measure,
} from './analysis/sensitivity/factors.js';
import { morrisIndices } from './analysis/sensitivity/morris.js';
import { rankIndices, rhoInterval } from './analysis/sensitivity/rank.js';
import { sobolIndices } from './analysis/sensitivity/sobol.js';
import { TORNADO_HIGH, TORNADO_LOW, tornadoBars, tornadoDesign } from './analysis/sensitivity/tornado.js';
import { type AnalysisRunOptions, targetColumns, targetOf } from './analysisTarget.js';
import type { Design } from './engine/runBlock.js';
import { parameterTable } from './engine/runBlock.js';
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
    "Variance-based (Saltelli 2010 first-order, Jansen total), which assumes independent inputs; the model declares no correlations. The model's own chance counts as one more input, so first-order indices sum to less than 1.",
  morris:
    'Elementary effects on a 4-level grid of each input’s quantiles, inputs independent: a screening ranking (μ*), not a share of variance.',
};

/** Sobol's assumption when the model declares correlations: they are honoured by grouping. */
const SOBOL_CORRELATED =
  "Variance-based (Saltelli 2010 first-order, Jansen total), which assumes independent factors: so the parameters the model correlates are varied as one group (marked correlated), drawn together through the model's copula, and get the indices of the group (indices of correlated groups, Jacques et al. 2006); the groups are independent of each other. The model's own chance counts as one more input, so first-order indices sum to less than 1.";

/** The level of every interval a sensitivity result gives. */
export const INTERVAL_LEVEL = 0.95;

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
  /**
   * The method's main index per factor at every date, `values[i][k]` (ST for Sobol, μ*, ρ, swing), with
   * its interval at `level` at every date: `low[i][k]` to `high[i][k]`.
   */
  readonly horizons: Horizons;
}

export interface Horizons {
  readonly statistic: string;
  readonly dates: string[];
  readonly values: number[][];
  readonly low: number[][];
  readonly high: number[][];
  readonly level: number;
}

/**
 * The factors the analysis varies: every uncertain parameter, or groups of them (rank: never grouped);
 * for Sobol, the factors the model's correlations link are merged into one group.
 */
export function factorsFor(p: Prepared, request: Pick<SensitivityRequest, 'method' | 'groupBy'>): Factor[] {
  const groupBy = request.method === 'rank' ? 'none' : (request.groupBy ?? 'none');
  const factors = factorsOf(p.plan, groupBy, (name) => p.model.file.parameters?.[name]?.family);
  if (request.method !== 'sobol') return factors;
  return correlatedGroups(
    factors,
    copulaBlocks(p.plan.copula).map((b) => b.slots),
  );
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
  options: AnalysisRunOptions = {},
): Promise<SensitivityResult> {
  const target = targetOf(p, request);
  const { point, c } = target;
  const dates = axisLabels(p.plan.axis);
  const groupBy = request.groupBy ?? 'none';
  const measure = request.measure ?? 'value';
  checkMeasure(p.plan, target.channel, measure);
  const factors = factorsFor(p, request);
  if (factors.length === 0)
    throw new AnalysisError('E_NO_UNCERTAINTY', 'the scenario has no uncertain parameter to analyse');
  const samples = request.samples ?? DEFAULT_SAMPLES[request.method];
  const evaluations = evaluationsOf(request, factors.length, p.runs);
  const run = (design?: Design) =>
    targetColumns(p, target, options, design ? { runs: evaluations, design, measure } : { measure });
  const assumption =
    request.method === 'sobol' && factors.some((f) => f.correlated)
      ? SOBOL_CORRELATED
      : ASSUMPTIONS[request.method];
  const common = {
    format: 'oxus-sensitivity/1' as const,
    receipt: receiptOf(p),
    method: request.method,
    output: request.output,
    ...(c.member !== undefined ? { member: c.member } : {}),
    at: request.at,
    runs: evaluations,
    samples,
    groupBy,
    measure,
    assumption: `${assumption}${measure === 'time' ? ` ${TIME_TO_EVENT}` : ''}`,
  };
  const described = (f: Factor) => ({
    name: f.name,
    ...(f.slots.length > 1 || f.name !== p.plan.params[f.slots[0]!]!.name
      ? { members: f.slots.map((s) => p.plan.params[s]!.name) }
      : {}),
    ...(f.correlated ? { correlated: true } : {}),
  });
  const level = INTERVAL_LEVEL;
  const bootstrap = { seed: p.seed, level };

  if (request.method === 'rank') {
    const cols = await run();
    const table = parameterTable(p.plan, p.seed, 0, p.runs);
    const perDate = cols.map((y) => rankIndices(table.values, y));
    const withCi = perDate.map((d) =>
      d.indices.map((x) => ({ ...x, rho_ci: rhoInterval(x.rho, p.runs, level) })),
    );
    return {
      ...common,
      parameters: factors.map((f, i) => ({ ...described(f), ...withCi[point]![i]! })),
      r2: perDate[point]!.r2,
      horizons: byDate('rho', dates, withCi, (x) => [x.rho, x.rho_ci]),
    };
  }
  if (request.method === 'sobol') {
    const N = samples;
    const cols = await run(saltelliDesign(factors, N, p.seed, copulaBlocks(p.plan.copula)));
    const perDate = cols.map((y) =>
      sobolIndices(
        y.subarray(0, N),
        y.subarray(N, 2 * N),
        factors.map((_, i) => y.subarray((2 + i) * N, (3 + i) * N)),
        bootstrap,
      ),
    );
    return {
      ...common,
      parameters: factors.map((f, i) => ({ ...described(f), ...perDate[point]![i]! })),
      horizons: byDate('ST', dates, perDate, (x) => [x.ST, x.ST_ci]),
    };
  }
  if (request.method === 'morris') {
    const { design, order, sign } = morrisDesign(factors, samples, p.seed);
    const cols = await run(design);
    const perDate = cols.map((y) => morrisIndices(y, factors.length, order, sign, bootstrap));
    return {
      ...common,
      parameters: factors.map((f, i) => ({ ...described(f), ...perDate[point]![i]! })),
      horizons: byDate('mu_star', dates, perDate, (x) => [x.mu_star, x.mu_star_ci]),
    };
  }
  const R = samples;
  const cols = await run(tornadoDesign(factors, R));
  const perDate = cols.map((y) => tornadoBars(y, factors.length, R, level));
  return {
    ...common,
    parameters: factors.map((f, i) => ({
      ...described(f),
      ...perDate[point]![i]!,
      ...(f.slots.length === 1 ? swungValues(p, f.slots[0]!) : {}),
    })),
    horizons: byDate('swing', dates, perDate, (x) => [x.swing, x.swing_ci]),
  };
}

/** The parameter's values at the tornado's two settings. */
function swungValues(p: Prepared, slot: number) {
  const s = p.plan.params[slot]!;
  const q = (u: number) => truncatedQuantile(s.dist!, u, s.lo, s.hi);
  return { lowValue: q(TORNADO_LOW), highValue: q(TORNADO_HIGH) };
}

/** A statistic and its interval per factor at every date, transposed to `values[factor][date]`. */
function byDate<T>(
  statistic: string,
  dates: string[],
  perDate: readonly (readonly T[])[],
  pick: (x: T) => [number, readonly [number, number]],
): Horizons {
  const k = perDate[0]?.length ?? 0;
  const column = (f: (x: [number, readonly [number, number]]) => number) =>
    Array.from({ length: k }, (_, i) => perDate.map((row) => f(pick(row[i]!))));
  return {
    statistic,
    dates,
    values: column((x) => x[0]),
    low: column((x) => x[1][0]),
    high: column((x) => x[1][1]),
    level: INTERVAL_LEVEL,
  };
}
