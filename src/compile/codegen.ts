/**
 * Every piece of JavaScript a plan carries is written here: the statement templates for slots, initial
 * values, derived values, rules, events and recorded outputs, and `assemble`, which puts them into `init`
 * (initial expressions) and `run` (the whole step loop of one run). Fragments come from compiled
 * expressions (numbers, slot indices and runtime calls only).
 *
 * Each section (derived values, recording, rules and events, clamping) is cut into functions of at most
 * CHUNK statements: V8 does not optimise very large functions, and a model with a hundred rules unrolled
 * into one would run in the interpreter. Small models stay in a handful of small functions.
 */
export interface CodeParts {
  readonly t0: number;
  readonly steps: number;
  readonly init: readonly string[];
  readonly derive: readonly string[];
  readonly record: readonly string[];
  readonly step: readonly string[];
  readonly state: readonly { readonly min: number; readonly max: number; readonly flag: boolean }[];
  readonly scheduled: readonly number[];
  /** Moved subexpressions (compile/hoister.ts): computed once before the step loop, and at each step's start. */
  readonly once?: readonly string[];
  readonly pre?: readonly string[];
  /**
   * Instrumented for `oxus trace`: `R.trace(i, k, y)` after the step's copy (i = -1), after each step
   * statement i (rules, then events), and after clamping (i = -2). Traced plans never run Monte Carlo.
   */
  readonly trace?: boolean;
}

/** The arrays of generated code: parameters, state now (x) and next (y), derived values. */
export type SlotArray = 'p' | 'x' | 'y' | 'd';

/** Reads slot `slot` of `array`. */
export const slotRef = (array: SlotArray, slot: number): string => `${array}[${slot}]`;

/** A number as an expression operand (negative numbers in parentheses). */
export const numberCode = (x: number): string => (x < 0 ? `(${x})` : String(x));

/** Sets a state slot to its initial expression (in `init`). */
export const initStatement = (slot: number, code: string): string => `x[${slot}] = ${code};`;

/** Computes derived value `slot`. */
export const derivedStatement = (slot: number, code: string): string => `d[${slot}] = ${code};`;

/** A rule's update of state slot `slot`: `add` accumulates into the next state, `set` replaces it. */
export function ruleStatement(mode: 'set' | 'add', slot: number, expr: string, when?: string): string {
  if (mode === 'add') return when ? `if (${when}) y[${slot}] += ${expr};` : `y[${slot}] += ${expr};`;
  return when ? `y[${slot}] = ${when} ? ${expr} : x[${slot}];` : `y[${slot}] = ${expr};`;
}

export interface EventCode {
  /** 1-based number of the event instance, returned when its probability is NaN. */
  readonly number: number;
  /** Slot of the fired flag. */
  readonly flag: number;
  readonly probability: string;
  /** Condition code, absent for an event that can fire whenever it has not. */
  readonly when?: string;
  /** `false`: the event can fire again after it fired. */
  readonly once: boolean;
  /** Steps at which a scenario forces it. */
  readonly forcedAt: readonly number[];
  /** First step from which a scenario suppresses it. */
  readonly suppressedFrom?: number;
  readonly effects: readonly { readonly slot: number; readonly code: string }[];
}

/**
 * One event instance's step: its uniform is keyed by the instance's name and the step (common random numbers
 * across scenarios and model versions), so it is the same number whether or not other draws happened and
 * is computed only where it is compared; effects are computed from the next state before any is written.
 */
export function eventStatement(e: EventCode): string {
  const force = e.forcedAt.map((k) => `k === ${k}`).join(' || ') || '0';
  const sup = e.suppressedFrom !== undefined ? `k >= ${e.suppressedFrom}` : '0';
  const temps = e.effects.map((x, i) => `const v${i} = ${x.code};`).join(' ');
  const sets = e.effects.map((x, i) => `y[${x.slot}] = v${i};`).join(' ');
  const notFired = e.once ? `x[${e.flag}] === 0` : '1';
  const u = `R.keyed(ek[${2 * e.flag}], ek[${2 * e.flag + 1}], k)`;
  return `{
    if (${notFired}) {
      let fire = ${force};
      if (!fire && !(${sup}) && (${e.when ?? '1'})) { const q = Math.min(1, Math.max(0, ${e.probability})); if (q !== q) { info[0] = k; return ${e.number}; } fire = ${u} < q; }
      if (fire) { ${temps} ${sets} y[${e.flag}] = 1; }
    } }`;
}

/**
 * Records `code` as point k of the channel whose points start at column `offset`. The block's records are
 * point-major: column `offset + k` holds the block's n runs in order, and this run is run o of the block,
 * so each column is already in the order the encoder stores it (engine/recordCodec.ts).
 */
export const recordStatement = (offset: number, code: string): string =>
  `out[(${offset} + k) * n + o] = ${code};`;

/** A condition recorded as 0 or 1. */
export const indicatorCode = (condition: string): string => `(${condition} ? 1 : 0)`;

/** Records the index of the member with the largest `by` among those where `among` holds (-1: none). */
export function leaderStatement(
  offset: number,
  candidates: readonly { readonly by: string; readonly among?: string }[],
): string {
  const parts = candidates.map(
    (c, i) => `if (${c.among ?? '1'}) { const w = ${c.by}; if (w > bv) { bv = w; b = ${i}; } }`,
  );
  return `{ let b = -1, bv = -Infinity; ${parts.join(' ')} out[(${offset} + k) * n + o] = b; }`;
}

const CHUNK = 40;
const ARGS = 'x, y, p, d, k, t, ur, ek, info, out, o, n';
/** Each of ARGS with the pattern of its use as a name in generated code (not part of a longer name). */
const ARG_USES = ARGS.split(', ').map((a) => [a, new RegExp(`(?<![\\w$.])${a}(?![\\w$])`)] as const);

const num = (x: number): string =>
  x === Number.POSITIVE_INFINITY ? 'Infinity' : x === Number.NEGATIVE_INFINITY ? '-Infinity' : String(x);

function finishStatements(state: CodeParts['state']): string[] {
  return state.flatMap((s, i) => {
    if (s.flag) return [];
    const lines = [`v = y[${i}];`];
    if (s.min !== Number.NEGATIVE_INFINITY) lines.push(`if (v < ${num(s.min)}) v = ${num(s.min)};`);
    if (s.max !== Number.POSITIVE_INFINITY) lines.push(`if (v > ${num(s.max)}) v = ${num(s.max)};`);
    lines.push(`if (v - v !== 0) { info[0] = k; return ${-(i + 1)}; }`, `y[${i}] = v;`);
    return [lines.join(' ')];
  });
}

/**
 * Cuts statements into functions `name_i(…)` taking the ones of ARGS their statements use and returning 0
 * or a status (only statements that can fail return one: events and the finishing checks); returns their
 * definitions and calls.
 */
function chunked(name: string, statements: readonly string[]): { defs: string[]; calls: string[] } {
  const defs: string[] = [];
  const calls: string[] = [];
  for (let i = 0; i < statements.length; i += CHUNK) {
    const fn = `${name}${i / CHUNK}`;
    const body = statements.slice(i, i + CHUNK).join('\n  ');
    const args = ARG_USES.flatMap(([a, use]) => (use.test(body) ? [a] : [])).join(', ');
    const fails = /\breturn\b/.test(body);
    defs.push(`function ${fn}(${args}) {\n  let v = 0;\n  ${body}\n  return 0;\n}`);
    calls.push(fails ? `s = ${fn}(${args}); if (s !== 0) return s;` : `${fn}(${args});`);
  }
  return { defs, calls };
}

/**
 * The body of `function (F, R)` returning `{ init(p, x), run(b, o, ur) }`, where b holds the run's arrays
 * (`RunBuffers` in engine/program.ts: x, y, p, base, d, years, out, n, ek, sched, info) and o is the run's
 * index in the block of b.n runs whose records b.out holds.
 * `run` returns 0, a positive event number whose probability was NaN, or -(slot + 1) for a state that became
 * non-finite; `info[0]` then holds the step.
 */
export function assemble(parts: CodeParts): string {
  const once = chunked('once', parts.once ?? []);
  const pre = chunked('pre', parts.pre ?? []);
  const derive = chunked('derive', parts.derive);
  const record = chunked('record', parts.record);
  const step = chunked(
    'step',
    parts.trace
      ? ['R.trace(-1, k, y);', ...parts.step.map((st, i) => `${st} R.trace(${i}, k, y);`)]
      : parts.step,
  );
  const finish = chunked('finish', [
    ...finishStatements(parts.state),
    ...(parts.trace ? ['R.trace(-2, k, y);'] : []),
  ]);
  const sched = parts.scheduled
    .map((slot, j) => `{ const v = sched[${j}][k]; p[${slot}] = v === v ? v : base[${slot}]; }`)
    .join(' ');
  return `"use strict";
${[...once.defs, ...pre.defs, ...derive.defs, ...record.defs, ...step.defs, ...finish.defs].join('\n')}
return {
  init(p, x) {
    const t = ${parts.t0}, k = 0;
    ${parts.init.join('\n    ')}
  },
  run(b, o, ur) {
    let x = b.x, y = b.y;
    const p = b.p, base = b.base, d = b.d, years = b.years, out = b.out, n = b.n, ek = b.ek, sched = b.sched, info = b.info;
    let s = 0;
    {
      const k = 0, t = years[0];
      ${once.calls.join(' ')}
    }
    for (let k = 0; ; k++) {
      const t = years[k];
      ${sched}
      ${pre.calls.join(' ')}
      ${derive.calls.join(' ')}
      ${record.calls.join(' ')}
      if (k === ${parts.steps}) return 0;
      y.set(x);
      ${step.calls.join(' ')}
      ${finish.calls.join(' ')}
      const swap = x; x = y; y = swap;
    }
  },
};`;
}
