/**
 * What a sensitivity analysis varies and what it looks at. Factors are the plan's uncertain parameters
 * (slots with a distribution), one per slot or grouped by parameter table (`recruit` moves IMU.recruit,
 * KTJ.recruit, … together), which keeps a model of a hundred uncertain entries affordable for Sobol. The
 * output is one channel at every date: a series' value, or for a threshold or event the indicator "has
 * happened by this date" (whose mean is the probability the summaries report).
 */
import type { Channel, Plan } from '../../compile/plan.js';
import { didYouMean, oneOf } from '../../didYouMean.js';
import type { RunData } from '../../engine/simulate.js';
import { AnalysisError } from '../../errors.js';

export type GroupBy = 'none' | 'parameter' | 'family';

/** A parameter's driver family: the one it declares, else the first word of its name (`k_us` → `k`). */
export type FamilyOf = (parameter: string) => string | undefined;

export interface Factor {
  /** `taliban_haven`, `IMU.recruit`, or a parameter table's name when grouped (`recruit`). */
  readonly name: string;
  /** The parameter slots it moves (indices into plan.params). */
  readonly slots: readonly number[];
  /** Whether it is a group formed because the model correlates its parameters (`correlatedGroups`). */
  readonly correlated?: boolean;
}

/**
 * The uncertain parameters of a plan as factors: one per slot, per parameter table, or per driver family
 * (`declared` gives a parameter's declared family; otherwise its name's first word).
 */
export function factorsOf(
  plan: Plan,
  groupBy: GroupBy = 'none',
  declared: FamilyOf = () => undefined,
): Factor[] {
  const uncertain = plan.params.flatMap((s, i) => (s.dist ? [i] : []));
  if (groupBy === 'none') return uncertain.map((i) => ({ name: plan.params[i]!.name, slots: [i] }));
  const groups = new Map<string, number[]>();
  for (const i of uncertain) {
    const { parameter } = plan.params[i]!;
    const key =
      groupBy === 'parameter' ? parameter : (declared(parameter) ?? parameter.split('_')[0] ?? parameter);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  return [...groups].map(([name, slots]) => ({ name, slots }));
}

/**
 * The factors with every set of factors the model's correlations link (directly or through others) merged
 * into one, named by their names joined with " + "; every factor holding correlated parameters is marked
 * `correlated` (the design draws them through the copula). The merged groups are
 * independent of each other, so the variance-based indices of groups stay meaningful with correlated
 * inputs (Jacques, Lavergne & Devictor 2006, "Sensitivity analysis in presence of model uncertainty and
 * correlated inputs", Reliab. Eng. Syst. Saf. 91, 1126–1134), where the indices of single correlated
 * inputs do not. `linked` lists, per correlated block, the parameter slots it correlates.
 */
export function correlatedGroups(
  factors: readonly Factor[],
  linked: readonly (readonly number[])[],
): Factor[] {
  const of = new Map<number, number>();
  factors.forEach((f, i) => {
    for (const s of f.slots) of.set(s, i);
  });
  // Union–find over the factors: each block's factors end up under one root.
  const root = factors.map((_, i) => i);
  const find = (i: number): number => {
    while (root[i] !== i) i = root[i]!;
    return i;
  };
  for (const block of linked) {
    const ids = block.flatMap((s) => (of.has(s) ? [of.get(s)!] : []));
    for (const i of ids.slice(1)) root[find(i)] = find(ids[0]!);
  }
  const merged = new Map<number, number[]>();
  factors.forEach((_, i) => {
    merged.set(find(i), [...(merged.get(find(i)) ?? []), i]);
  });
  const inBlock = new Set(linked.flat());
  return [...merged.values()].map((ids) => {
    const slots = ids.flatMap((i) => factors[i]!.slots);
    if (!slots.some((s) => inBlock.has(s))) return factors[ids[0]!]!;
    return { name: ids.map((i) => factors[i]!.name).join(' + '), slots, correlated: true };
  });
}

/** The channel an analysis looks at: `output` (and `member` when the output is per member). */
export function findChannel(plan: Plan, output: string, member?: string): number {
  const candidates = plan.channels.flatMap((c, i) => (c.output === output && c.kind !== 'leader' ? [i] : []));
  if (candidates.length === 0) {
    const names = [...new Set(plan.channels.filter((c) => c.kind !== 'leader').map((c) => c.output))];
    throw new AnalysisError(
      'E_UNKNOWN_OUTPUT',
      `the model has no output, threshold or event '${output}': expected ${oneOf(names)}${didYouMean(output, names)}`,
    );
  }
  const members = candidates.map((i) => plan.channels[i]!.member).filter((m) => m !== undefined);
  if (member === undefined && members.length === 0) return candidates[0]!;
  const found = candidates.find((i) => plan.channels[i]!.member === member);
  if (found === undefined) {
    throw new AnalysisError(
      member === undefined ? 'E_MISSING_MEMBER' : 'E_UNKNOWN_MEMBER',
      member === undefined
        ? `'${output}' is per member: name one with --member (${oneOf(members)})`
        : `'${output}' has no member '${member}': expected ${oneOf(members, 'none: a global output')}${didYouMean(member, members)}`,
    );
  }
  return found;
}

/**
 * What is measured of the output: its `value` (a series' value, or for a threshold or event whether it has
 * happened), or for a threshold or event the `time` until it first happens.
 */
export type Measure = 'value' | 'time';

/** The channel, if the measure applies to it: time to event needs a threshold or an event. */
export function checkMeasure(plan: Plan, channel: number, measure: Measure): Channel {
  const c = plan.channels[channel]!;
  if (measure === 'time' && c.kind === 'series')
    throw new AnalysisError(
      'E_MEASURE',
      `time to event needs a threshold or event; '${c.output}' is a series (measure its value instead)`,
    );
  return c;
}

/**
 * The output of every run (or design evaluation) at every point: `columns[k][r]`. A series gives its value;
 * a threshold or event gives 1 if it has happened by point k, else 0; with `measure: 'time'`, the time to
 * its first occurrence restricted to the horizon k, min(T, k) in steps of the time axis from its start (T
 * the first point where it holds; a run where it has not happened by k counts k: the restricted mean of
 * survival analysis, so runs censored at the horizon stay in the analysis).
 */
export function outputColumns(data: RunData, channel: number, measure: Measure = 'value'): Float64Array[] {
  const c: Channel = checkMeasure(data.plan, channel, measure);
  const { runs, points, records } = data;
  const columns = Array.from({ length: points }, (_, k) => records.column(channel, k));
  if (c.kind === 'series') return columns;
  // Each run's first point where the flag is set, so far.
  const first = new Float64Array(runs).fill(Number.POSITIVE_INFINITY);
  for (let k = 0; k < points; k++) {
    const column = columns[k]!;
    for (let r = 0; r < runs; r++) {
      if (column[r]! !== 0 && first[r]! > k) first[r] = k;
      column[r] = measure === 'time' ? Math.min(first[r]!, k) : first[r]! <= k ? 1 : 0;
    }
  }
  return columns;
}
