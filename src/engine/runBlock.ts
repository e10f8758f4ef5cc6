/**
 * Runs a contiguous block of runs of a Plan. A run's numbers depend only on (seed, run index): each
 * parameter, initial value and event draws from numbers keyed by its name, and the rules draw from one
 * stream of the run, so any split of runs into blocks gives bit-identical results, and editing one
 * declaration of a model leaves every other declaration's draws where they were.
 */
import type { Plan } from '../compile/plan.js';
import { EngineError } from '../errors.js';
import { qualify } from '../qualifiedName.js';
import { correlateUniforms } from '../random/copula.js';
import { truncatedQuantileOf } from '../random/distributions.js';
import { keyedUniform, nameKey, runNameKey, runStream, STREAM_RULES, seedKey } from '../random/stream.js';
import { decimalYear, formatPeriod, pointAt } from '../time/period.js';
import { instantiate, type RunBuffers, type TraceHook } from './program.js';

/** Half the resolution of the stream's uniforms (2^-32): centres draws for quantile functions in (0, 1). */
export const HALF_STEP = 2 ** -33;

/** Number of values one run records: channels × points. */
export function valuesPerRun(plan: Plan): number {
  return plan.channels.length * (plan.axis.steps + 1);
}

/**
 * A reusable runner for one plan and seed: `run(from, to)` returns the runs' records, point-major (run i of
 * the block's channel c at point k is `[(c · points + k) · (to − from) + i]`), in a buffer that the next call
 * overwrites (copy out what you keep, as `Records.encodeBlock` does).
 */
export function makeBlockRunner(
  plan: Plan,
  seed: number | string,
  design?: Design,
  trace?: TraceHook,
): (from: number, to: number) => Float64Array {
  const prog = instantiate(plan, trace);
  const key = seedKey(seed);
  const P = plan.params.length;
  const S = plan.state.length;
  const T = plan.axis.steps;
  const perRun = valuesPerRun(plan);
  const base = new Float64Array(P);
  const p = new Float64Array(P);
  const x = new Float64Array(S);
  const y = new Float64Array(S);
  const d = new Float64Array(plan.nDerived);
  const u = new Float64Array(P + S);
  // Events' per-run keys, by state slot of their fired flag: the generated code reads ek[2·slot], ek[2·slot + 1].
  const ek = new Uint32Array(2 * S);
  const draw = makeDrawer(plan, key);
  const years = Float64Array.from({ length: T + 1 }, (_, k) => decimalYear(pointAt(plan.axis, k)));
  const schedules = plan.schedules.map((s) => ({
    slot: s.slot,
    values: Float64Array.from(s.values, (v) => v ?? Number.NaN),
  }));
  const date = (k: number) => formatPeriod(pointAt(plan.axis, k), plan.axis.unit);

  const sched = schedules.map((s) => s.values);
  // Each drawn slot's quantile function, prepared once; the other slots' values (an initial expression's
  // slot starts at 0 until `init` computes it).
  const fixedParams = Float64Array.from(plan.params, (s) => (s.dist ? 0 : s.value));
  const paramDraws = plan.params.flatMap((s, i) =>
    s.dist ? [[i, truncatedQuantileOf(s.dist, s.lo, s.hi)] as const] : [],
  );
  const fixedStates = Float64Array.from(plan.state, (s) =>
    s.initial.kind === 'value' ? s.initial.value : 0,
  );
  const stateDraws = plan.state.flatMap(({ initial: v }, i) =>
    v.kind === 'dist' ? [[i, truncatedQuantileOf(v.dist, v.lo, v.hi)] as const] : [],
  );
  const info = new Int32Array(1);

  // One record buffer (b.out) for every block this runner computes: allocating a fresh multi-megabyte array per block
  // makes worker threads contend on the process's memory map.
  const b: RunBuffers = { x, y, p, base, d, years, out: new Float64Array(0), n: 0, ek, sched, info };
  return (from, to) => {
    if (b.out.length < (to - from) * perRun) b.out = new Float64Array((to - from) * perRun);
    b.n = to - from;
    for (let r = from; r < to; r++) {
      // A design's evaluation r takes its parameters' uniforms from the design and every other number from
      // the run it names; otherwise evaluation r is run r.
      const run = design ? design.noiseRun[r]! : r;
      const ur = runStream(key, run, STREAM_RULES);
      draw(run, u, ek, design, r);
      base.set(fixedParams);
      for (const [i, q] of paramDraws) base[i] = q(u[i]!);
      p.set(base);
      for (const s of schedules) {
        const v = s.values[0]!;
        if (!Number.isNaN(v)) p[s.slot] = v;
      }
      x.set(fixedStates);
      for (const [i, q] of stateDraws) x[i] = q(u[P + i]!);
      prog.init(p, x);
      const status = prog.run(b, r - from, ur);
      if (status !== 0) throw runError(plan, status, run, info[0]!, date);
    }
    return b.out;
  };
}

/**
 * A sampling design (for Sobol and Morris analyses): evaluation e sets the uniforms of `slots` (parameter
 * slots, indices into plan.params) to u[e·slots.length + j], after the copula, so designed inputs are
 * independent as the design made them; every other number (other parameters, initial values, events, the
 * rules' stream) is that of run noiseRun[e]. A runner over a design counts (from, to) in evaluations.
 */
export interface Design {
  readonly slots: readonly number[];
  readonly u: Float64Array;
  readonly noiseRun: Int32Array;
}

/**
 * The once-per-run draws of a plan: `draw(run, u, ek, design?, e?)` fills u (parameters, then state slots)
 * with each drawn slot's uniform, keyed by its name and correlated by the copula, then the design's, and ek
 * with the events' per-run keys.
 */
export function makeDrawer(plan: Plan, key: readonly [number, number]) {
  const P = plan.params.length;
  const drawn = drawnSlots(plan);
  const names = drawn.map((i) =>
    i < P ? nameKey('parameter', plan.params[i]!.name) : nameKey('initial', plan.state[i - P]!.name),
  );
  const pk = new Uint32Array(2);
  const flags = plan.state.flatMap((s, i) => (s.flag ? [i] : []));
  const flagNames = flags.map((i) => nameKey('event', plan.state[i]!.name));
  const copula = plan.copula;
  const cu = new Float64Array(copula?.slots.length ?? 0);
  return (run: number, u: Float64Array, ek: Uint32Array, design?: Design, e = 0): void => {
    // Every drawn slot's uniform is keyed by its name, whether or not a scenario fixes it, so scenarios and
    // versions of a model share them (common random numbers). Draws are multiples of 2^-32 in [0, 1);
    // half a step up keeps quantiles off 0 (−∞ for a normal).
    for (let j = 0; j < drawn.length; j++) {
      runNameKey(key, run, names[j]!, pk, 0);
      u[drawn[j]!] = keyedUniform(pk[0]!, pk[1]!, 0) + HALF_STEP;
    }
    for (let j = 0; j < flags.length; j++) runNameKey(key, run, flagNames[j]!, ek, 2 * flags[j]!);
    if (copula) {
      copula.slots.forEach((slot, j) => {
        cu[j] = u[slot]!;
      });
      correlateUniforms(cu, copula.L);
      copula.slots.forEach((slot, j) => {
        u[slot] = cu[j]!;
      });
    }
    if (design) {
      const m = design.slots.length;
      const at = e * m;
      for (let j = 0; j < m; j++) u[design.slots[j]!] = design.u[at + j]!;
    }
  };
}

/**
 * Every uncertain parameter's drawn value in runs firstRun … firstRun + runs − 1 (before schedules), as
 * the engine draws them: `table[i][r]` for parameter slot `slots[i]`. Costs no simulation.
 */
export function parameterTable(
  plan: Plan,
  seed: number | string,
  firstRun: number,
  runs: number,
): { slots: number[]; values: Float64Array[] } {
  const slots = plan.params.flatMap((s, i) => (s.dist ? [i] : []));
  const values = slots.map(() => new Float64Array(runs));
  const draw = makeDrawer(plan, seedKey(seed));
  const u = new Float64Array(plan.params.length + plan.state.length);
  const ek = new Uint32Array(2 * plan.state.length);
  const quantiles = slots.map((i) => {
    const slot = plan.params[i]!;
    return truncatedQuantileOf(slot.dist!, slot.lo, slot.hi);
  });
  for (let r = 0; r < runs; r++) {
    draw(firstRun + r, u, ek);
    slots.forEach((i, j) => {
      values[j]![r] = quantiles[j]!(u[i]!);
    });
  }
  return { slots, values };
}

/** Slots of u (parameters, then state) that take a draw: those with a distribution or in the copula. */
function drawnSlots(plan: Plan): number[] {
  const P = plan.params.length;
  const inCopula = new Set(plan.copula?.slots ?? []);
  const slots: number[] = [];
  plan.params.forEach((s, i) => {
    if (s.dist || inCopula.has(i)) slots.push(i);
  });
  plan.state.forEach((s, i) => {
    if (s.initial.kind === 'dist' || inCopula.has(P + i)) slots.push(P + i);
  });
  return slots;
}

/**
 * The error of a run stopped at step k (from date(k) to date(k + 1)). The engine knows the state that went
 * wrong, not the rule: pipeline/blameNonFinite.ts replays the run to name it.
 */
function runError(plan: Plan, status: number, run: number, k: number, date: (k: number) => string) {
  const step = `in the step from ${date(k)} to ${date(k + 1)}`;
  if (status < 0) {
    const name = plan.state[-status - 1]!.name;
    return new EngineError('E_NONFINITE', `state '${name}' became NaN or infinite ${step}`, run, date(k));
  }
  const number = status;
  const events = plan.channels.filter((c) => c.kind === 'event');
  const ev = events[number - 1];
  const name = ev ? qualify(ev.output, ev.member) : `#${number}`;
  return new EngineError(
    'E_NAN_PROBABILITY',
    `the probability of event '${name}' is NaN ${step}`,
    run,
    date(k),
  );
}
