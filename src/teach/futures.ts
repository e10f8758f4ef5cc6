/**
 * Alternative futures (a 2×2): two drivers, each at a low and a high setting, give four futures. A future
 * is the scenario's plan with each driver's parameter slot(s) changed, and nothing else: every other
 * parameter, initial value and event keeps its draws keyed by its name, and the rules keep their stream,
 * so run i of each future shares its random numbers with run i of the others (common random numbers) and
 * the difference between two futures, run by run, is what the drivers' settings do.
 *
 * A driver's setting is either a **half** of its prior (the default): the low future draws it from its
 * distribution below its median, the high future above it (the slot's range narrowed to [lo, median] or
 * [median, hi], which the engine's truncated quantile turns into Q(u/2) and Q((1 + u)/2) of the run's
 * uniform u: the same u in both, so the driver itself is paired too, and the four futures together are
 * the scenario's runs, each quarter weighted by its share); or two **values** at which the slot is fixed.
 * Plain data in, plain data out.
 */
import type { ParamSlot, Plan } from '../compile/plan.js';
import { didYouMean, oneOf } from '../didYouMean.js';
import { AnalysisError } from '../errors.js';
import { support, truncatedQuantileOf } from '../random/distributions.js';

export type Level = 'low' | 'high';
export const LEVELS: readonly Level[] = ['low', 'high'];

/** What the analyst asks of one driver: its name, and optionally the two values to fix it at. */
export interface DriverRequest {
  /** A parameter (every member's entry of a table moves together) or one entry, `IMU.recruit`. */
  readonly name: string;
  readonly low?: number;
  readonly high?: number;
}

/** A driver as the futures set it. */
export interface Driver {
  readonly name: string;
  /** The parameter slots it sets (one, or every member's entry of a table). */
  readonly slots: readonly string[];
  readonly setting: 'halves' | 'values';
  /** Per slot: for halves the median splitting its prior; for values the values it is fixed at. */
  readonly split?: readonly number[];
  /** Per level, per slot, the interval its values lie in (a point [v, v] for a fixed value). */
  readonly low: readonly (readonly [number, number])[];
  readonly high: readonly (readonly [number, number])[];
}

/** The slot indices a driver names; an error naming the parameters when it names none. */
function slotsOf(plan: Plan, name: string): number[] {
  const exact = plan.params.findIndex((s) => s.name === name);
  if (exact >= 0) return [exact];
  const table = plan.params.flatMap((s, i) => (s.parameter === name ? [i] : []));
  if (table.length > 0) return table;
  const names = [...new Set(plan.params.flatMap((s) => [s.parameter, s.name]))];
  throw new AnalysisError(
    'E_UNKNOWN_PARAMETER',
    `driver '${name}' is not a parameter of the model: expected ${oneOf(names)}${didYouMean(name, names)}`,
  );
}

/** A slot with its range narrowed to [lo, hi] (a half of its prior), or fixed at a value. */
const narrowed = (s: ParamSlot, lo: number, hi: number): ParamSlot => ({ ...s, lo, hi });
function fixedAt(s: ParamSlot, value: number): ParamSlot {
  const { dist: _dist, ...rest } = s;
  return { ...rest, value };
}

/** The two settings of a driver: a function from level to its slots, and their description. */
export interface DriverSettings {
  readonly driver: Driver;
  readonly indices: readonly number[];
  readonly set: (level: Level) => readonly ParamSlot[];
}

/** Checks a driver and works out its settings. */
export function driverSettings(plan: Plan, request: DriverRequest): DriverSettings {
  const indices = slotsOf(plan, request.name);
  const slots = indices.map((i) => plan.params[i]!);
  const where = `driver '${request.name}'`;
  const scheduled = indices.filter((i) => plan.schedules.some((s) => s.slot === i));
  if (scheduled.length > 0)
    throw new AnalysisError(
      'E_DRIVER',
      `${where}: the scenario schedules ${plan.params[scheduled[0]!]!.name}, so a future cannot set it; choose another driver or remove the schedule`,
    );
  const given = [request.low, request.high].filter((v) => v !== undefined).length;
  if (given === 1)
    throw new AnalysisError('E_DRIVER', `${where}: give both its low and its high value, or neither`);
  const isSwitch = slots.every((s) => s.switch === true);
  if (given === 2 || isSwitch) {
    const low = request.low ?? 0;
    const high = request.high ?? 1;
    if (!(low < high))
      throw new AnalysisError(
        'E_DRIVER',
        `${where}: its low value (${low}) must be below its high (${high})`,
      );
    for (const s of slots) {
      for (const v of [low, high]) {
        if (v < s.lo || v > s.hi)
          throw new AnalysisError(
            'E_DRIVER',
            `${where}: ${v} is outside ${s.name}'s allowed range [${s.lo}, ${s.hi}]`,
          );
        if (s.switch && v !== 0 && v !== 1)
          throw new AnalysisError('E_DRIVER', `${where}: ${s.name} is a switch: its values are 0 and 1`);
      }
    }
    const point = (v: number) => slots.map(() => [v, v] as const);
    return {
      driver: {
        name: request.name,
        slots: slots.map((s) => s.name),
        setting: 'values',
        low: point(low),
        high: point(high),
      },
      indices,
      set: (level) => slots.map((s) => fixedAt(s, level === 'low' ? low : high)),
    };
  }
  for (const s of slots) {
    const why = !s.dist
      ? 'it is fixed (the model or the scenario sets it), so it has no prior to split'
      : s.dist.dist === 'choice'
        ? 'it takes a few values (a choice), so its halves would share the middle one'
        : undefined;
    if (why !== undefined)
      throw new AnalysisError(
        'E_DRIVER',
        `${where}: ${s.name} cannot be split at its median: ${why}; give the low and high values to fix it at`,
      );
  }
  const split = slots.map((s) => truncatedQuantileOf(s.dist!, s.lo, s.hi)(0.5));
  const ends = slots.map((s) => {
    const [first, last] = support(s.dist!);
    return [Math.max(first, s.lo), Math.min(last, s.hi)] as const;
  });
  return {
    driver: {
      name: request.name,
      slots: slots.map((s) => s.name),
      setting: 'halves',
      split,
      low: ends.map(([a], j) => [a, split[j]!] as const),
      high: ends.map(([, b], j) => [split[j]!, b] as const),
    },
    indices,
    set: (level) =>
      slots.map((s, j) => (level === 'low' ? narrowed(s, s.lo, split[j]!) : narrowed(s, split[j]!, s.hi))),
  };
}

/** The drivers of a 2×2: two, on disjoint parameter slots. */
export function futuresDrivers(
  plan: Plan,
  requests: readonly DriverRequest[],
): [DriverSettings, DriverSettings] {
  if (requests.length !== 2)
    throw new AnalysisError('E_DRIVER', `a 2×2 needs exactly two drivers; found ${requests.length}`);
  const [a, b] = requests.map((r) => driverSettings(plan, r)) as [DriverSettings, DriverSettings];
  const shared = a.indices.filter((i) => b.indices.includes(i));
  if (shared.length > 0)
    throw new AnalysisError(
      'E_DRIVER',
      `the two drivers both set ${plan.params[shared[0]!]!.name}: choose two different parameters`,
    );
  return [a, b];
}

/** The plan of one future: each driver's slots at its level. */
export function futurePlan(plan: Plan, drivers: readonly DriverSettings[], levels: readonly Level[]): Plan {
  const params = [...plan.params];
  drivers.forEach((d, k) => {
    const slots = d.set(levels[k]!);
    d.indices.forEach((i, j) => {
      params[i] = slots[j]!;
    });
  });
  return { ...plan, params };
}

/**
 * The share of runs (of the scenario's parameter draws, `table[slot][run]`) that fall in each future
 * (order low-low, low-high, high-low, high-high): a run is in a driver's low half when every slot of it
 * drew at most its median. Null when a driver is set to values (its runs fall in no future).
 */
export function futureShares(
  drivers: readonly DriverSettings[],
  drawn: (slot: number) => Float64Array,
  runs: number,
): number[] | null {
  if (drivers.some((d) => d.driver.setting !== 'halves')) return null;
  const low = drivers.map((d) => {
    const columns = d.indices.map(drawn);
    return Uint8Array.from({ length: runs }, (_, r) =>
      columns.every((c, j) => c[r]! <= d.driver.split![j]!) ? 1 : 0,
    );
  });
  const counts = [0, 0, 0, 0];
  for (let r = 0; r < runs; r++) counts[(low[0]![r] ? 0 : 2) + (low[1]![r] ? 0 : 1)]!++;
  return counts.map((c) => c / runs);
}

/** Mean and standard error of the mean, sd/√n (sd with n − 1), of per-run values. */
export interface MeanSe {
  readonly mean: number;
  readonly se: number;
}

export function meanSe(x: Float64Array): MeanSe {
  const n = x.length;
  let m = 0;
  for (const v of x) m += v;
  m /= n;
  let s = 0;
  for (const v of x) s += (v - m) ** 2;
  return { mean: m, se: n > 1 ? Math.sqrt(s / (n - 1) / n) : Number.NaN };
}

/** Per-run differences between futures (columns in the order LL, LH, HL, HH). */
export interface FutureEffects {
  /** Driver A high minus low, with B low and with B high. */
  readonly a: { readonly low: MeanSe; readonly high: MeanSe };
  readonly b: { readonly low: MeanSe; readonly high: MeanSe };
  /** (HH − HL) − (LH − LL): how much A's effect changes with B. */
  readonly interaction: MeanSe;
}

export function futureEffects(y: readonly Float64Array[]): FutureEffects {
  const [ll, lh, hl, hh] = y as [Float64Array, Float64Array, Float64Array, Float64Array];
  const per = (f: (r: number) => number) => meanSe(Float64Array.from({ length: ll.length }, (_, r) => f(r)));
  return {
    a: { low: per((r) => hl[r]! - ll[r]!), high: per((r) => hh[r]! - lh[r]!) },
    b: { low: per((r) => lh[r]! - ll[r]!), high: per((r) => hh[r]! - hl[r]!) },
    interaction: per((r) => hh[r]! - hl[r]! - (lh[r]! - ll[r]!)),
  };
}
