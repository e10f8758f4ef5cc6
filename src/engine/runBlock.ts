/**
 * Runs a contiguous block of runs of a Plan. A run's numbers depend only on (seed, run index): it draws its
 * parameters, initial values and events from one stream and its rules' random numbers from another, both
 * derived from the run index, so any split of runs into blocks gives bit-identical results.
 */
import type { Plan } from '../compile/plan.js';
import { correlateUniforms } from '../random/copula.js';
import { quantile, truncatedQuantile } from '../random/distributions.js';
import { runStream, STREAM_PARAMS_EVENTS, STREAM_RULES, seedKey } from '../random/stream.js';
import { decimalYear, formatPeriod, pointAt } from '../time/period.js';
import { instantiate } from './program.js';

/** A failure inside a run (a state became NaN or infinite, or an event's probability is NaN). */
export class EngineError extends Error {
  readonly code: string;
  readonly run: number;
  readonly date: string;
  constructor(code: string, message: string, run: number, date: string) {
    super(`${message} at ${date} in run ${run}`);
    this.name = 'EngineError';
    this.code = code;
    this.run = run;
    this.date = date;
  }
}

/** Number of values one run records: channels × points. */
export function valuesPerRun(plan: Plan): number {
  return plan.channels.length * (plan.axis.steps + 1);
}

/** A reusable runner for one plan and seed: `run(from, to)` returns the runs' records, run-major. */
export function makeBlockRunner(plan: Plan, seed: number | string): (from: number, to: number) => Float64Array {
  const prog = instantiate(plan);
  const key = seedKey(seed);
  const P = plan.params.length;
  const S = plan.state.length;
  const T = plan.axis.steps;
  const perRun = valuesPerRun(plan);
  const base = new Float64Array(P);
  const p = new Float64Array(P);
  let x = new Float64Array(S);
  let y = new Float64Array(S);
  const d = new Float64Array(plan.nDerived);
  const u = new Float64Array(P + S);
  const years = Float64Array.from({ length: T + 1 }, (_, k) => decimalYear(pointAt(plan.axis, k)));
  const mins = Float64Array.from(plan.state, (s) => s.min);
  const maxs = Float64Array.from(plan.state, (s) => s.max);
  const schedules = plan.schedules.map((s) => ({ slot: s.slot, values: Float64Array.from(s.values, (v) => v ?? Number.NaN) }));
  const copula = plan.copula;
  const cu = new Float64Array(copula?.slots.length ?? 0);
  const date = (k: number) => formatPeriod(pointAt(plan.axis, k), plan.axis.unit);

  const applySchedules = (k: number): void => {
    for (const s of schedules) {
      const v = s.values[k]!;
      p[s.slot] = v === v ? v : base[s.slot]!;
    }
  };

  return (from, to) => {
    const out = new Float64Array((to - from) * perRun);
    for (let r = from; r < to; r++) {
      const ue = runStream(key, r, STREAM_PARAMS_EVENTS);
      const ur = runStream(key, r, STREAM_RULES);
      // One uniform per parameter slot and per state slot, always: streams stay aligned across scenarios.
      for (let i = 0; i < P + S; i++) u[i] = ue();
      if (copula) {
        copula.slots.forEach((slot, j) => {
          cu[j] = u[slot]!;
        });
        correlateUniforms(cu, copula.L);
        copula.slots.forEach((slot, j) => {
          u[slot] = cu[j]!;
        });
      }
      for (let i = 0; i < P; i++) {
        const slot = plan.params[i]!;
        base[i] = slot.dist ? truncatedQuantile(slot.dist, u[i]!, slot.lo, slot.hi) : slot.value;
      }
      p.set(base);
      applySchedules(0);
      for (let i = 0; i < S; i++) {
        const init = plan.state[i]!.initial;
        x[i] = init.kind === 'value' ? init.value : init.kind === 'dist' ? boundedQuantile(init, u[P + i]!) : 0;
      }
      prog.init(p, x);
      const offset = (r - from) * perRun;
      for (let k = 0; k < T; k++) {
        if (k > 0) applySchedules(k);
        const t = years[k]!;
        prog.derive(x, p, d, k, t);
        prog.record(x, p, d, k, t, out, offset);
        y.set(x);
        const bad = prog.step(x, y, p, d, k, t, ur, ue);
        if (bad !== 0) throw eventError(plan, bad, r, date(k));
        for (let i = 0; i < S; i++) {
          let v = y[i]!;
          if (v < mins[i]!) v = mins[i]!;
          else if (v > maxs[i]!) v = maxs[i]!;
          if (v - v !== 0) {
            throw new EngineError('E_NONFINITE', `state '${plan.state[i]!.name}' became ${v} during the step from ${date(k)}`, r, date(k + 1));
          }
          y[i] = v;
        }
        const swap = x;
        x = y;
        y = swap;
      }
      applySchedules(T);
      prog.derive(x, p, d, T, years[T]!);
      prog.record(x, p, d, T, years[T]!, out, offset);
    }
    return out;
  };
}

function boundedQuantile(init: { dist: Parameters<typeof quantile>[0]; lo: number; hi: number }, u: number): number {
  return truncatedQuantile(init.dist, u, init.lo, init.hi);
}

function eventError(plan: Plan, number: number, run: number, date: string): EngineError {
  const events = plan.channels.filter((c) => c.kind === 'event');
  const ev = events[number - 1];
  const name = ev ? (ev.member ? `${ev.member}.${ev.output}` : ev.output) : `#${number}`;
  return new EngineError('E_NAN_PROBABILITY', `the probability of event '${name}' is NaN`, run, date);
}
