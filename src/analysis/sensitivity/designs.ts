/**
 * Sampling designs over the factors' uniforms (each parameter's value is its quantile function at the
 * uniform, as in every run). A design lists, per evaluation, the uniform of every designed slot and the run
 * whose other numbers (initial values, events, the rules' chance) the evaluation takes: evaluations that an
 * estimator compares share that run, so the model's own chance is held fixed between them and counts as
 * one more input (its share of the variance is what the factors' first-order indices leave unexplained).
 */

import type { Plan } from '../../compile/plan.js';
import type { Design } from '../../engine/runBlock.js';
import { HALF_STEP } from '../../engine/runBlock.js';
import { cholesky, correlateUniforms } from '../../random/copula.js';
import { runStream, seedKey } from '../../random/stream.js';
import type { Factor } from './factors.js';

/** Parameter slots the model correlates with each other, and the Cholesky factor of their correlations. */
export interface CopulaBlock {
  readonly slots: readonly number[];
  readonly L: readonly (readonly number[])[];
}

/**
 * The model's copula split into independent blocks: slots linked by a correlation (directly or through
 * others) share a block, and each block keeps the Cholesky factor of its own correlation matrix (a
 * principal submatrix of a positive definite matrix is positive definite, so it always exists).
 */
export function copulaBlocks(copula: Plan['copula']): CopulaBlock[] {
  if (!copula) return [];
  const { slots, L } = copula;
  const n = slots.length;
  const corr = (i: number, j: number) => {
    let s = 0;
    for (let k = 0; k <= Math.min(i, j); k++) s += L[i]![k]! * L[j]![k]!;
    return s;
  };
  const block = Array.from({ length: n }, () => -1);
  const blocks: number[][] = [];
  for (let i = 0; i < n; i++) {
    if (block[i]! >= 0) continue;
    const members = [i];
    block[i] = blocks.length;
    for (let q = 0; q < members.length; q++) {
      for (let j = 0; j < n; j++) {
        if (block[j]! < 0 && corr(members[q]!, j) !== 0) {
          block[j] = blocks.length;
          members.push(j);
        }
      }
    }
    blocks.push(members.sort((a, b) => a - b));
  }
  return blocks.map((ids) => ({
    slots: ids.map((i) => slots[i]!),
    L: cholesky(ids.map((i) => ids.map((j) => corr(i, j))))!,
  }));
}

/** The designed slots, factor by factor, and where each factor's slots sit among them. */
function layout(factors: readonly Factor[]): { slots: number[]; columns: number[][] } {
  const slots: number[] = [];
  const columns = factors.map((f) =>
    f.slots.map((s) => {
      slots.push(s);
      return slots.length - 1;
    }),
  );
  return { slots, columns };
}

/**
 * Saltelli's design: matrices A and B of N independent rows, then for each factor i the matrix AB_i (A with
 * factor i's columns from B): N·(k + 2) evaluations, in blocks A, B, AB_1 … AB_k. A and each AB_i row j take
 * run j's other numbers; B's row j takes run N + j's (independent of A's). Each row of A and B goes through
 * the copula `blocks` whose slots are all designed, so a factor that holds a whole block (see
 * `correlatedGroups`) keeps its declared correlations in A, B and every AB_i.
 */
export function saltelliDesign(
  factors: readonly Factor[],
  N: number,
  seed: number | string,
  blocks: readonly CopulaBlock[] = [],
): Design {
  const { slots, columns } = layout(factors);
  const m = slots.length;
  const k = factors.length;
  const u = new Float64Array(N * (k + 2) * m);
  const noiseRun = new Int32Array(N * (k + 2));
  const key = seedKey(`saltelli:${seed}`);
  const correlated = blocks
    .map((b) => b.slots.map((s) => slots.indexOf(s)))
    .flatMap((cols, i) =>
      cols.every((c) => c >= 0) ? [{ cols, L: blocks[i]!.L, cu: new Float64Array(cols.length) }] : [],
    );
  const correlate = (row: number) => {
    for (const { cols, L, cu } of correlated) {
      cols.forEach((c, j) => {
        cu[j] = u[row + c]!;
      });
      correlateUniforms(cu, L);
      cols.forEach((c, j) => {
        u[row + c] = cu[j]!;
      });
    }
  };
  for (let j = 0; j < N; j++) {
    const next = runStream(key, j, 0);
    const a = j * m;
    const b = (N + j) * m;
    for (let c = 0; c < m; c++) u[a + c] = next() + HALF_STEP;
    for (let c = 0; c < m; c++) u[b + c] = next() + HALF_STEP;
    correlate(a);
    correlate(b);
    noiseRun[j] = j;
    noiseRun[N + j] = N + j;
    columns.forEach((cols, i) => {
      const e = (2 + i) * N + j;
      u.set(u.subarray(a, a + m), e * m);
      for (const c of cols) u[e * m + c] = u[b + c]!;
      noiseRun[e] = j;
    });
  }
  return { slots, u, noiseRun };
}

/**
 * Morris's grid: p = 4 levels spread evenly over the 1st to 99th percentiles (not 0 to 1: a normal's
 * quantile there is infinite); a step moves Δ = p/(2(p − 1)) = 2/3 of the span, two levels, as Morris
 * recommends for even p.
 */
export const MORRIS_LEVELS = 4;
export const MORRIS_EDGE = 0.01;
const MORRIS_SPAN = 1 - 2 * MORRIS_EDGE;
export const MORRIS_DELTA = (MORRIS_SPAN * 2) / 3;

/**
 * Morris's trajectories (Morris 1991, "Factorial sampling plans for preliminary computational experiments",
 * Technometrics 33(2), 161–174), r of them, each k + 1 evaluations sharing one run's other numbers: a random
 * point of the grid, then one factor at a time (in random order) moved by Δ (up from the lower two
 * levels, down from the upper two). `order[t][s]` is the factor moved at step s of trajectory t.
 */
export function morrisDesign(
  factors: readonly Factor[],
  r: number,
  seed: number | string,
): { design: Design; order: number[][]; sign: number[][] } {
  const { slots, columns } = layout(factors);
  const m = slots.length;
  const k = factors.length;
  const u = new Float64Array(r * (k + 1) * m);
  const noiseRun = new Int32Array(r * (k + 1));
  const key = seedKey(`morris:${seed}`);
  const order: number[][] = [];
  const sign: number[][] = [];
  const level = (l: number) => MORRIS_EDGE + (MORRIS_SPAN * l) / (MORRIS_LEVELS - 1);
  for (let t = 0; t < r; t++) {
    const next = runStream(key, t, 0);
    const base = t * (k + 1) * m;
    for (let c = 0; c < m; c++) u[base + c] = level(Math.floor(next() * MORRIS_LEVELS));
    // Fisher–Yates shuffle of the factors.
    const perm = Array.from({ length: k }, (_, i) => i);
    for (let i = k - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [perm[i], perm[j]] = [perm[j]!, perm[i]!];
    }
    const signs: number[] = [];
    for (let s = 0; s < k; s++) {
      const from = (t * (k + 1) + s) * m;
      const to = from + m;
      u.copyWithin(to, from, from + m);
      const cols = columns[perm[s]!]!;
      for (const c of cols)
        u[to + c] = u[from + c]! < 0.5 ? u[from + c]! + MORRIS_DELTA : u[from + c]! - MORRIS_DELTA;
      signs.push(u[to + cols[0]!]! > u[from + cols[0]!]! ? 1 : -1);
    }
    for (let s = 0; s <= k; s++) noiseRun[t * (k + 1) + s] = t;
    order.push(perm);
    sign.push(signs);
  }
  return { design: { slots, u, noiseRun }, order, sign };
}
