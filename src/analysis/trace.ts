/**
 * Explains one run: which events fired and when, and what moved each state variable at each step. A step's
 * change of a state variable is cut into the parts each rule and event made of it, in the order the engine
 * applies them, plus what clamping to its bounds took: the chain of partial values runs exactly from the
 * value at the step's start to the value at its end (each part is the difference of two consecutive values
 * of the chain), so the parts add up to the change (exactly in real arithmetic, to rounding in doubles).
 */

import type { StepSource } from '../compile/stepSources.js';

export type { StepSource };

/** The state after each part of one step: `before` (the start), `after[i]` (statement i), `end` (clamped). */
export interface StepSnapshots {
  readonly before: Float64Array;
  readonly after: readonly Float64Array[];
  readonly end: Float64Array;
}

export interface Contribution {
  /** `rule recruitment`, `event pledge_isis`, or `bounds` (clamping to min/max). */
  readonly source: string;
  readonly amount: number;
  /** The chain's values before and after this part. */
  readonly from: number;
  readonly to: number;
}

export interface StateChange {
  readonly state: string;
  readonly from: number;
  readonly to: number;
  readonly contributions: Contribution[];
}

export interface FiredEvent {
  readonly date: string;
  readonly event: string;
  readonly member?: string;
  readonly label: string;
  /** The state variables its effects changed: from → to. */
  readonly effects: { readonly state: string; readonly from: number; readonly to: number }[];
}

export interface RunTrace {
  readonly events: FiredEvent[];
  /** Per step (from dates[k] to dates[k + 1]), the state variables that changed. */
  readonly steps: { readonly from: string; readonly to: string; readonly changes: StateChange[] }[];
  readonly story: string[];
}

const sourceName = (s: StepSource) => `${s.kind} ${s.member !== undefined ? `${s.member}.` : ''}${s.name}`;

/**
 * Attributes each step's changes. `states` names the state slots and marks events' fired flags; `flagOf`
 * gives the flag slot of each event statement.
 */
export function traceRun(
  snapshots: readonly StepSnapshots[],
  dates: readonly string[],
  sources: readonly StepSource[],
  states: readonly { readonly name: string; readonly flag?: boolean }[],
  flagOf: ReadonlyMap<number, number>,
): RunTrace {
  const events: FiredEvent[] = [];
  const steps = snapshots.map((snap, k) => {
    const changes: StateChange[] = [];
    states.forEach((st, s) => {
      if (st.flag) return;
      const contributions: Contribution[] = [];
      let prev = snap.before[s]!;
      const add = (source: string, next: number) => {
        if (!Object.is(next, prev)) contributions.push({ source, amount: next - prev, from: prev, to: next });
        prev = next;
      };
      snap.after.forEach((y, i) => {
        add(sourceName(sources[i]!), y[s]!);
      });
      add('bounds', snap.end[s]!);
      if (contributions.length)
        changes.push({ state: st.name, from: snap.before[s]!, to: snap.end[s]!, contributions });
    });
    sources.forEach((src, i) => {
      const flag = flagOf.get(i);
      if (flag === undefined) return;
      const before = i === 0 ? snap.before : snap.after[i - 1]!;
      const after = snap.after[i]!;
      const effects = states.flatMap((st, s) =>
        !st.flag && !Object.is(before[s], after[s])
          ? [{ state: st.name, from: before[s]!, to: after[s]! }]
          : [],
      );
      if ((before[flag] === 0 && after[flag] !== 0) || effects.length) {
        events.push({
          date: dates[k + 1]!,
          event: src.name,
          ...(src.member !== undefined ? { member: src.member } : {}),
          label: src.label ?? src.name,
          effects,
        });
      }
    });
    return { from: dates[k]!, to: dates[k + 1]!, changes };
  });
  return { events, steps, story: story(events, steps, snapshots, states, dates) };
}

const fmt = (x: number) =>
  Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : Number(x.toPrecision(3)).toString();

function effectText(e: { state: string; from: number; to: number }): string {
  const pct =
    e.from !== 0
      ? ` (${e.to >= e.from ? '+' : '−'}${Math.round(Math.abs((e.to - e.from) / e.from) * 100)}%)`
      : '';
  return `${e.state} ${fmt(e.from)} → ${fmt(e.to)}${pct}`;
}

/** How many state variables the story follows (those that changed most, relative to their size). */
const STORY_STATES = 8;

const relativeChange = (a: number, b: number) =>
  a === b ? 0 : Math.abs(b - a) / Math.max(Math.abs(a), Math.abs(b));

/** A few sentences: each event with its effects, then each state variable's course and its biggest driver. */
function story(
  events: readonly FiredEvent[],
  steps: RunTrace['steps'],
  snapshots: readonly StepSnapshots[],
  states: readonly { readonly name: string; readonly flag?: boolean }[],
  dates: readonly string[],
): string[] {
  const lines = events.map(
    (e) =>
      `${e.date}: ${e.member !== undefined ? `${e.member} ` : ''}${e.label}${e.effects.length ? `; ${e.effects.map(effectText).join(', ')}` : ''}`,
  );
  const first = snapshots[0];
  const last = snapshots[snapshots.length - 1];
  if (!first || !last) return lines;
  // The state variables that moved most, relative to their size: a story, not a ledger.
  const moved = states
    .map((st, s) => ({ st, s, rel: relativeChange(first.before[s]!, last.end[s]!) }))
    .filter((x) => !x.st.flag && x.rel > 0)
    .sort((a, b) => b.rel - a.rel)
    .slice(0, STORY_STATES);
  for (const { st, s } of moved) {
    const totals = new Map<string, number>();
    for (const step of steps)
      for (const c of step.changes)
        if (c.state === st.name)
          for (const x of c.contributions) totals.set(x.source, (totals.get(x.source) ?? 0) + x.amount);
    const [top] = [...totals].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
    if (!top) continue;
    lines.push(
      `${st.name}: ${fmt(first.before[s]!)} at ${dates[0]} → ${fmt(last.end[s]!)} at ${dates[dates.length - 1]}; most moved by ${top[0]} (${top[1] >= 0 ? '+' : '−'}${fmt(Math.abs(top[1]))} in all)`,
    );
  }
  return lines;
}
