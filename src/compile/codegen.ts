/**
 * Assembles the generated JavaScript of a plan: `init` (initial expressions) and `run` (the whole step loop
 * of one run, with derived values, recording, rules, events, clamping and finiteness checks unrolled).
 * Fragments come from compiled expressions (numbers, slot indices and runtime calls only).
 */
export interface CodeParts {
  readonly t0: number;
  readonly steps: number;
  readonly init: readonly string[];
  readonly derive: string;
  readonly record: string;
  readonly step: string;
  readonly state: readonly { readonly min: number; readonly max: number; readonly flag: boolean }[];
  readonly scheduled: readonly number[];
}

const num = (x: number): string =>
  x === Number.POSITIVE_INFINITY ? 'Infinity' : x === Number.NEGATIVE_INFINITY ? '-Infinity' : String(x);

/**
 * The body of `function (F, R)` returning `{ init(p, x), run(x, y, p, base, d, years, out, o, ur, ue, sched, info) }`.
 * `run` returns 0, a positive event number whose probability was NaN, or -(slot + 1) for a state that became
 * non-finite; `info[0]` then holds the step.
 */
export function assemble(parts: CodeParts): string {
  const copy = parts.state.map((_, i) => `y[${i}] = x[${i}];`).join(' ');
  const finish = parts.state
    .map((s, i) => {
      if (s.flag) return '';
      const lines = [`v = y[${i}];`];
      if (s.min !== Number.NEGATIVE_INFINITY) lines.push(`if (v < ${num(s.min)}) v = ${num(s.min)};`);
      if (s.max !== Number.POSITIVE_INFINITY) lines.push(`if (v > ${num(s.max)}) v = ${num(s.max)};`);
      lines.push(`if (v - v !== 0) { info[0] = k; return ${-(i + 1)}; }`, `y[${i}] = v;`);
      return lines.join(' ');
    })
    .filter(Boolean)
    .join('\n      ');
  const sched = parts.scheduled
    .map((slot, j) => `{ const v = sched[${j}][k]; p[${slot}] = v === v ? v : base[${slot}]; }`)
    .join(' ');
  return `"use strict";
return {
  init(p, x) {
    const t = ${parts.t0}, k = 0;
    ${parts.init.join('\n    ')}
  },
  run(x, y, p, base, d, years, out, o, ur, ue, sched, info) {
    let v = 0;
    for (let k = 0; ; k++) {
      const t = years[k];
      ${sched}
      ${parts.derive}
      const rec = out;
      ${parts.record}
      if (k === ${parts.steps}) return 0;
      ${copy}
      ${parts.step}
      ${finish}
      const swap = x; x = y; y = swap;
    }
  },
};`;
}
