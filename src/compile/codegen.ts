/**
 * Assembles the generated JavaScript of a plan: `init` (initial expressions) and `run` (the whole step loop
 * of one run). Fragments come from compiled expressions (numbers, slot indices and runtime calls only).
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
}

const CHUNK = 40;
const ARGS = 'x, y, p, d, k, t, ur, ek, info, out, o';

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

/** Cuts statements into functions `name_i(ARGS)` returning 0 or a status; returns their definitions and calls. */
function chunked(name: string, statements: readonly string[]): { defs: string[]; calls: string[] } {
  const defs: string[] = [];
  const calls: string[] = [];
  for (let i = 0; i < statements.length; i += CHUNK) {
    const fn = `${name}${i / CHUNK}`;
    defs.push(
      `function ${fn}(${ARGS}) {\n  let v = 0;\n  ${statements.slice(i, i + CHUNK).join('\n  ')}\n  return 0;\n}`,
    );
    calls.push(`s = ${fn}(${ARGS}); if (s !== 0) return s;`);
  }
  return { defs, calls };
}

/**
 * The body of `function (F, R)` returning `{ init(p, x), run(x, y, p, base, d, years, out, o, ur, ek, sched, info) }`.
 * `run` returns 0, a positive event number whose probability was NaN, or -(slot + 1) for a state that became
 * non-finite; `info[0]` then holds the step.
 */
export function assemble(parts: CodeParts): string {
  const copy = chunked(
    'copy',
    parts.state.map((_, i) => `y[${i}] = x[${i}];`),
  );
  const derive = chunked('derive', parts.derive);
  const record = chunked('record', parts.record);
  const step = chunked('step', parts.step);
  const finish = chunked('finish', finishStatements(parts.state));
  const sched = parts.scheduled
    .map((slot, j) => `{ const v = sched[${j}][k]; p[${slot}] = v === v ? v : base[${slot}]; }`)
    .join(' ');
  return `"use strict";
${[...copy.defs, ...derive.defs, ...record.defs, ...step.defs, ...finish.defs].join('\n')}
return {
  init(p, x) {
    const t = ${parts.t0}, k = 0;
    ${parts.init.join('\n    ')}
  },
  run(x, y, p, base, d, years, out, o, ur, ek, sched, info) {
    let s = 0;
    for (let k = 0; ; k++) {
      const t = years[k];
      ${sched}
      ${derive.calls.join(' ')}
      ${record.calls.join(' ')}
      if (k === ${parts.steps}) return 0;
      ${copy.calls.join(' ')}
      ${step.calls.join(' ')}
      ${finish.calls.join(' ')}
      const swap = x; x = y; y = swap;
    }
  },
};`;
}
