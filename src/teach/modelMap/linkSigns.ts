/**
 * The signs of the feedback loops' links, estimated from runs of the model: for each link a → b, how stock b's
 * expected change over one step moves when stock a is nudged, at states the model actually reaches.
 *
 * Method (docs/teaching.md, "Signs of the links"). The model's own default runs (its seed, `runs` of them)
 * are replayed through the compiled, instrumented step (`buildPlan(…, { trace: true })`). At each sampled
 * (run, step k) the run is replayed exactly up to the start of step k, every entry of stock a is moved by
 * ±h (a relative step, h = 1e-6·max(|x|, 1); an event's fired flag is set to 1 and to 0 instead), and step k
 * is computed with every random function replaced by its mean (rpois(λ) by λ, rbinom(n, p) by n·p,
 * rnorm by its mean, …): the sign is that of the expected change, so a draw that happens to come out the
 * same does not hide it. Events keep their own keyed uniform at step k (their draws are held fixed). The
 * change of b is b's total over its entries at the end of step k, less the nudge itself when a is b, so a
 * self-link is the sign of b's own change (decay is −). Everything is deterministic: the runs' draws are
 * the engine's keyed streams, the sampled steps are evenly spaced, and nothing else is random.
 */
import { buildPlan } from '../../compile/buildPlan.js';
import type { Plan } from '../../compile/plan.js';
import { makeDrawer } from '../../engine/runBlock.js';
import { OxusError } from '../../errors.js';
import { F } from '../../expr/runtime.js';
import type { LoadedModel } from '../../model/load.js';
import * as samplers from '../../random/samplers.js';
import { keyedUniform, runStream, STREAM_RULES, seedKey } from '../../random/stream.js';
import type { LoopReport } from './feedbackLoops.js';

/** A link's sign: "+" or "−" when at least SIGN_SHARE of the states that move it agree, "0" when none moves it. */
export type Sign = '+' | '-' | '0' | 'mixed';
export type Polarity = 'reinforcing' | 'balancing' | 'mixed' | 'none';

/** The share of the moving states that must agree for a link to get a sign (else it is mixed). */
export const SIGN_SHARE = 0.95;

export interface LinkSign {
  readonly from: string;
  readonly to: string;
  readonly sign: Sign;
  /** Shares of the sampled states where the expected change of `to` rose, fell, did not move. */
  readonly shares: { readonly plus: number; readonly minus: number; readonly zero: number };
  readonly states: number;
}

export interface SignOptions {
  /** Runs of the model sampled (its own seed; runs 0 … runs − 1). */
  readonly runs?: number;
  /** Steps sampled per run, evenly spaced over the axis. */
  readonly steps?: number;
}

export const DEFAULT_SIGN_RUNS = 8;
export const DEFAULT_SIGN_STEPS = 8;

/** The means of the random functions: the step computed with them gives the expected change. */
const MEANS = {
  runif: (_u: unknown, a: number, b: number) =>
    !(b >= a) || !Number.isFinite(a) || !Number.isFinite(b) ? Number.NaN : (a + b) / 2,
  rbern: (_u: unknown, p: number) => (Number.isNaN(p) ? Number.NaN : Math.min(1, Math.max(0, p))),
  rexp: (_u: unknown, rate: number) =>
    !(rate >= 0) ? Number.NaN : rate === 0 ? Number.POSITIVE_INFINITY : 1 / rate,
  rnorm: (_u: unknown, mean: number, sd: number) =>
    Number.isNaN(mean) || !(sd >= 0) || sd === Number.POSITIVE_INFINITY ? Number.NaN : mean,
  rpois: (_u: unknown, lambda: number) =>
    Number.isNaN(lambda) || lambda === Number.POSITIVE_INFINITY ? Number.NaN : Math.max(0, lambda),
  // ⌊n⌋ trials relaxed to n: a nudge of n then moves the mean, as it moves the count on average.
  rbinom: (_u: unknown, n: number, p: number) =>
    Number.isNaN(n) || Number.isNaN(p) || n === Number.POSITIVE_INFINITY
      ? Number.NaN
      : Math.max(0, n) * Math.min(1, Math.max(0, p)),
} as const;

/** Thrown by the hook to end a replay once the nudged step is computed. */
const DONE = Symbol('done');

const signOf = (plus: number, minus: number, moving: number): Sign =>
  moving === 0 ? '0' : plus / moving >= SIGN_SHARE ? '+' : minus / moving >= SIGN_SHARE ? '-' : 'mixed';

/** The loop's polarity: the product of its links' signs. */
export function polarityOf(signs: readonly Sign[]): Polarity {
  if (signs.some((s) => s === '0')) return 'none';
  if (signs.some((s) => s === 'mixed')) return 'mixed';
  return signs.filter((s) => s === '-').length % 2 === 0 ? 'reinforcing' : 'balancing';
}

/** The slots of a stock node (`state:strength`, `event:pledge_isis`): every member's entry. */
function slotsOf(plan: Plan, stock: string): number[] {
  const [kind, name] = stock.split(':') as [string, string];
  return plan.state.flatMap((s, i) =>
    s.variable === name && Boolean(s.flag) === (kind === 'event') ? [i] : [],
  );
}

/**
 * Every distinct link of the loops, with its sign estimated at `runs × steps` states of the model's runs.
 * Throws the compiler's problems when the model has any.
 */
export function linkSigns(model: LoadedModel, loops: LoopReport, options: SignOptions = {}): LinkSign[] {
  const runs = options.runs ?? DEFAULT_SIGN_RUNS;
  const steps = options.steps ?? DEFAULT_SIGN_STEPS;
  const built = buildPlan(model, undefined, { trace: true });
  if (!built.plan) throw new OxusError(built.problems);
  const plan = built.plan;
  const links = new Map<string, { from: string; to: string }>();
  for (const loop of loops.loops)
    for (const l of loop.links) links.set(`${l.from}|${l.to}`, { from: l.from, to: l.to });
  if (links.size === 0) return [];

  const S = plan.state.length;
  // An event's fired flag is 0 or 1; the compiler leaves its bounds open.
  const bounds = plan.state.map((st) => (st.flag ? { min: 0, max: 1 } : { min: st.min, max: st.max }));
  const T = plan.axis.steps;
  // The nudged step k and what the hook does there (set before each replay).
  let at = -1;
  let nudge: ((y: Float64Array) => void) | undefined;
  let read: ((y: Float64Array) => void) | undefined;
  let expect = false;
  let capture: ((k: number, y: Float64Array) => void) | undefined;
  const real = { ...samplers };
  const pick =
    <K extends keyof typeof MEANS>(name: K) =>
    (...args: Parameters<(typeof MEANS)[K]>) =>
      expect
        ? (MEANS[name] as (...a: unknown[]) => number)(...args)
        : (real[name] as (...a: unknown[]) => number)(...args);
  const R = Object.freeze({
    runif: pick('runif'),
    rbern: pick('rbern'),
    rexp: pick('rexp'),
    rnorm: pick('rnorm'),
    rpois: pick('rpois'),
    rbinom: pick('rbinom'),
    keyed: keyedUniform,
    trace: (i: number, k: number, y: Float64Array) => {
      if (i !== -2) return;
      capture?.(k, y);
      if (k === at - 1) {
        nudge?.(y);
      } else if (k === at) {
        read?.(y);
        throw DONE;
      }
    },
  });
  // The step loop of the generated code starts at 0; this copy (never cached, never used for runs) starts at
  // b.from, so one step is computed from a state taken at it. Everything else in the code is unchanged.
  const LOOP = 'for (let k = 0; ; k++)';
  if (plan.code.split(LOOP).length !== 2)
    throw new Error('link signs: the generated step loop is not as expected');
  const code = plan.code.replace(LOOP, 'for (let k = b.from; ; k++)');
  const factory = new Function('F', 'R', code) as (
    f: typeof F,
    r: typeof R,
  ) => { init(p: Float64Array, x: Float64Array): void; run(b: unknown, o: number, ur: () => number): number };
  const prog = factory(F, R);

  const key = seedKey(built.seed);
  const P = plan.params.length;
  const draw = makeDrawer(plan, key);
  const u = new Float64Array(P + S);
  const ek = new Uint32Array(2 * S);
  const base = new Float64Array(P);
  const p = new Float64Array(P);
  const x = new Float64Array(S);
  const y = new Float64Array(S);
  const buffers = {
    x,
    y,
    p,
    base,
    d: new Float64Array(plan.nDerived),
    years: new Float64Array(T + 1),
    out: new Float64Array(plan.channels.length * (T + 1)),
    n: 1,
    ek,
    sched: plan.schedules.map((s) => Float64Array.from(s.values, (v) => v ?? Number.NaN)),
    info: new Int32Array(1),
    from: 0,
  };
  // The replay of a run, as makeBlockRunner starts it (the same draws, so the same states).
  const { quantiles, years } = prepared(plan);
  buffers.years.set(years);
  const replay = (run: number) => {
    expect = false;
    buffers.from = 0;
    draw(run, u, ek);
    base.set(quantiles.fixedParams);
    for (const [i, q] of quantiles.paramDraws) base[i] = q(u[i]!);
    p.set(base);
    for (const s of plan.schedules) {
      const v = s.values[0];
      if (v !== null && v !== undefined) p[s.slot] = v;
    }
    x.set(quantiles.fixedStates);
    for (const [i, q] of quantiles.stateDraws) x[i] = q(u[P + i]!);
    prog.init(p, x);
    try {
      prog.run(buffers, 0, runStream(key, run, STREAM_RULES));
    } catch (err) {
      if (err !== DONE) throw err;
      return true;
    }
    return false;
  };
  // Step k alone from state `start`, its random functions at their means (they draw nothing).
  const noDraws = () => {
    throw new Error('link signs: a random function drew in the expected step');
  };
  const stepFrom = (k: number, start: Float64Array) => {
    x.set(start);
    buffers.from = k;
    at = k;
    nudge = undefined;
    expect = true;
    try {
      prog.run(buffers, 0, noDraws);
    } catch (err) {
      if (err !== DONE) throw err;
      return;
    }
    throw new Error('link signs: the step did not end');
  };

  // Step k runs from point k to k + 1, so the steps that can be nudged are 1 … T − 1 (0 has no step before it).
  const n = Math.min(steps, T - 1);
  const sampled = [
    ...new Set(Array.from({ length: n }, (_, j) => Math.max(1, Math.round(((j + 1) * (T - 1)) / n)))),
  ];
  const counts = new Map([...links.keys()].map((k) => [k, { plus: 0, minus: 0, zero: 0 }]));
  const fromStocks = [...new Set([...links.values()].map((l) => l.from))];
  // Each run once, up to its last sampled step: the state at the start of every sampled step.
  const last = sampled[sampled.length - 1]!;
  const wanted = new Set(sampled.map((k) => k - 1));
  const snapshots: Float64Array[][] = [];
  for (let run = 0; run < runs; run++) {
    const taken: Float64Array[] = [];
    at = last;
    nudge = undefined;
    read = undefined;
    capture = (k, yy) => {
      if (wanted.has(k)) taken.push(Float64Array.from(yy));
    };
    if (!replay(run)) throw new Error('link signs: the run ended before the sampled step');
    capture = undefined;
    snapshots.push(taken);
  }
  const start = new Float64Array(S);
  for (const from of fromStocks) {
    const fromSlots = slotsOf(plan, from);
    const targets = [...links.values()].filter((l) => l.from === from);
    const toSlots = targets.map((l) => slotsOf(plan, l.to));
    const totals = (yy: Float64Array) => toSlots.map((slots) => slots.reduce((sum, s) => sum + yy[s]!, 0));
    for (let run = 0; run < runs; run++) {
      sampled.forEach((k, i) => {
        // Per side (up, down): to's totals at the start of step k (after the nudge) and at its end.
        const starts: number[][] = [];
        const ends: number[][] = [];
        let moved = false;
        for (const side of [1, -1]) {
          start.set(snapshots[run]![i]!);
          for (const s of fromSlots) {
            const v = start[s]!;
            const { min, max } = bounds[s]!;
            // A whole number (a count, a category, a 0/1 flag, which expressions may compare with ==) moves
            // by 1, anything else by a relative step; within the bounds, so one-sided at a bound.
            const h = Number.isInteger(v) ? 1 : 1e-6 * Math.max(Math.abs(v), 1);
            const to = side > 0 ? Math.min(v + h, max) : Math.max(v - h, min);
            if (to !== v) moved = true;
            start[s] = to;
          }
          starts.push(totals(start));
          read = (yy) => {
            ends.push(totals(yy));
          };
          stepFrom(k, start);
        }
        targets.forEach((l, j) => {
          const c = counts.get(`${l.from}|${l.to}`)!;
          // The change of to's own increment over the step, so a nudge of to itself (a self-link) is no part of it.
          const up = ends[0]![j]! - starts[0]![j]!;
          const down = ends[1]![j]! - starts[1]![j]!;
          const change = up - down;
          const scale = Math.max(1, Math.abs(ends[0]![j]!), Math.abs(ends[1]![j]!));
          // Rounding of sums of terms of size `scale` is far below 1e-10·scale; a real effect of a 1e-6 nudge above it.
          if (!moved || Math.abs(change) <= 1e-10 * scale) c.zero++;
          else if (change > 0) c.plus++;
          else c.minus++;
        });
      });
    }
  }
  return [...links.values()].map((l) => {
    const c = counts.get(`${l.from}|${l.to}`)!;
    const states = c.plus + c.minus + c.zero;
    return {
      from: l.from,
      to: l.to,
      sign: signOf(c.plus, c.minus, c.plus + c.minus),
      shares: { plus: c.plus / states, minus: c.minus / states, zero: c.zero / states },
      states,
    };
  });
}

import { truncatedQuantileOf } from '../../random/distributions.js';
import { decimalYear, pointAt } from '../../time/period.js';

/** Each drawn slot's quantile function and the fixed slots' values, as makeBlockRunner prepares them. */
function prepared(plan: Plan) {
  return {
    quantiles: {
      fixedParams: Float64Array.from(plan.params, (s) => (s.dist ? 0 : s.value)),
      paramDraws: plan.params.flatMap((s, i) =>
        s.dist ? [[i, truncatedQuantileOf(s.dist, s.lo, s.hi)] as const] : [],
      ),
      fixedStates: Float64Array.from(plan.state, (s) => (s.initial.kind === 'value' ? s.initial.value : 0)),
      stateDraws: plan.state.flatMap(({ initial: v }, i) =>
        v.kind === 'dist' ? [[i, truncatedQuantileOf(v.dist, v.lo, v.hi)] as const] : [],
      ),
    },
    years: Float64Array.from({ length: plan.axis.steps + 1 }, (_, k) => decimalYear(pointAt(plan.axis, k))),
  };
}
