/**
 * PRIM, the Patient Rule Induction Method (Friedman & Fisher 1999, "Bump hunting in high-dimensional
 * data", Statistics and Computing 9: 123–143), as scenario discovery uses it (Bryant & Lempert 2010): a
 * box of input ranges inside which the runs of interest (`y = 1`) are dense.
 *
 * Peeling starts from the box holding every run and repeatedly removes the slice, among the α-quantile at
 * the low or the high end of each input inside the box, whose removal leaves the highest share of cases
 * (density); it stops when the next box would hold fewer than `minSupport` of all runs, or holds only cases.
 * Every box on the way is kept: the peeling trajectory, from high coverage and low density to the reverse.
 * Pasting then grows the chosen box by α-slices again, as long as that raises its density or keeps it and
 * takes in more cases (so a box of density 1 that peeling cut too tight can grow back). Inputs with tied
 * values (0/1 switches) are peeled by whole values. Last, restrictions that chance explains as well are
 * dropped (see `pruned`). Library code: plain arrays in, plain data out.
 */
import betainc from '@stdlib/math-base-special-betainc';

export interface PrimOptions {
  /** Share of the box's runs one peel or paste moves (F&F's α; 0.05 by default). */
  readonly alpha?: number;
  /** Smallest share of all runs a box may hold (F&F's β₀; 0.05 by default). */
  readonly minSupport?: number;
  /** The chosen box: the one with the highest coverage whose density reaches this (0.8 by default). */
  readonly minDensity?: number;
  /** Paste the chosen box (true by default). */
  readonly paste?: boolean;
  /** A restriction whose quasi-p-value is above this is dropped from the chosen box (0.05 by default). */
  readonly significance?: number;
}

/** A box: inclusive bounds per input (±Infinity where it is not restricted). */
export interface Box {
  readonly low: Float64Array;
  readonly high: Float64Array;
}

export interface BoxStats {
  /** Share of all cases inside the box. */
  readonly coverage: number;
  /** Share of the box's runs that are cases. */
  readonly density: number;
  /** Share of all runs inside the box. */
  readonly support: number;
  readonly runs: number;
  readonly cases: number;
}

export interface Restriction {
  /** Index of the input. */
  readonly input: number;
  /** Inclusive bounds; absent on a side that is not restricted. */
  readonly low?: number;
  readonly high?: number;
  /** The box's density and coverage without this restriction (what it adds). */
  readonly densityWithout: number;
  readonly coverageWithout: number;
  /** Its quasi-p-value (see `quasiP`): small when the restriction is not chance. */
  readonly pValue: number;
}

export interface PrimResult {
  readonly runs: number;
  readonly cases: number;
  /** Every peeled box, from the whole space on (its restricted inputs counted). */
  readonly trajectory: (BoxStats & { readonly restricted: number })[];
  /** Index into the trajectory of the box chosen before pasting. */
  readonly chosen: number;
  readonly box: BoxStats & { readonly restrictions: Restriction[] };
}

export const PRIM_DEFAULTS = {
  alpha: 0.05,
  minSupport: 0.05,
  minDensity: 0.8,
  paste: true,
  significance: 0.05,
} as const;

/**
 * PRIM over inputs `x[j][r]` (input j, run r) and outcomes `y[r]` (1 for a case of interest, else 0).
 * Deterministic: ties between peels go to the one removing fewer runs, then to the lower input index.
 */
export function prim(
  x: readonly Float64Array[],
  y: ArrayLike<number>,
  options: PrimOptions = {},
): PrimResult {
  const o = { ...PRIM_DEFAULTS, ...options };
  const n = y.length;
  const cases = countCases(y);
  const data: Data = { x, y, n, cases, order: x.map(sortedOrder) };
  const inBox = new Uint8Array(n).fill(1);
  let box = wholeBox(x.length);
  const boxes: Box[] = [box];
  const stats = [statsOf(data, inBox)];
  for (;;) {
    const peel = bestPeel(data, inBox, stats.at(-1)!, o.alpha, Math.ceil(o.minSupport * n));
    if (!peel) break;
    box = withBound(box, peel.input, peel.side, peel.bound);
    for (const r of peel.removed) inBox[r] = 0;
    boxes.push(box);
    stats.push(statsOf(data, inBox));
  }
  const chosen = chooseBox(stats, o.minDensity);
  let final = boxes[chosen]!;
  if (o.paste) final = pasted(data, final, o.alpha);
  final = pruned(data, final, o.significance);
  return {
    runs: n,
    cases,
    trajectory: stats.map((s, i) => ({ ...s, restricted: restrictedInputs(boxes[i]!).length })),
    chosen,
    box: { ...statsOf(data, membership(data, final)), restrictions: restrictionsOf(data, final) },
  };
}

interface Data {
  readonly x: readonly Float64Array[];
  readonly y: ArrayLike<number>;
  readonly n: number;
  readonly cases: number;
  /** Runs sorted by each input's value (ties by run index). */
  readonly order: Int32Array[];
}

interface Peel {
  readonly input: number;
  readonly side: 'low' | 'high';
  readonly bound: number;
  readonly removed: number[];
  readonly density: number;
}

/** The peel leaving the densest box of at least `minRuns` runs, if one raises the density. */
function bestPeel(
  data: Data,
  inBox: Uint8Array,
  now: BoxStats,
  alpha: number,
  minRuns: number,
): Peel | undefined {
  if (now.density >= 1) return undefined;
  const k = Math.max(1, Math.floor(alpha * now.runs));
  let best: Peel | undefined;
  for (let j = 0; j < data.x.length; j++) {
    for (const side of ['low', 'high'] as const) {
      const peel = slice(data, inBox, j, side, k);
      if (!peel || now.runs - peel.removed.length < minRuns) continue;
      const density = (now.cases - casesIn(data.y, peel.removed)) / (now.runs - peel.removed.length);
      if (
        !best ||
        density > best.density ||
        (density === best.density && peel.removed.length < best.removed.length)
      )
        best = { input: j, side, bound: peel.bound, removed: peel.removed, density };
    }
  }
  return best && best.density > now.density ? best : undefined;
}

/**
 * The runs of the box at input j's `side` end that one peel removes: the k most extreme, extended to every
 * run tied with the last of them (a whole value goes or stays); undefined if that would empty the box.
 * `bound` is the new inclusive bound: the first value kept.
 */
function slice(
  data: Data,
  inBox: Uint8Array,
  j: number,
  side: 'low' | 'high',
  k: number,
): { removed: number[]; bound: number } | undefined {
  const order = data.order[j]!;
  const xj = data.x[j]!;
  const removed: number[] = [];
  const step = side === 'low' ? 1 : -1;
  let i = side === 'low' ? 0 : order.length - 1;
  let last = Number.NaN;
  for (; i >= 0 && i < order.length; i += step) {
    const r = order[i]!;
    if (!inBox[r]) continue;
    if (removed.length >= k && xj[r] !== last) return { removed, bound: xj[r]! };
    removed.push(r);
    last = xj[r]!;
  }
  return undefined;
}

/** The trajectory's box with the highest coverage among those dense enough; else the densest. */
function chooseBox(stats: readonly BoxStats[], minDensity: number): number {
  let chosen = -1;
  stats.forEach((s, i) => {
    if (s.density >= minDensity && (chosen < 0 || s.coverage > stats[chosen]!.coverage)) chosen = i;
  });
  if (chosen >= 0) return chosen;
  return stats.reduce((best, s, i) => (s.density > stats[best]!.density ? i : best), 0);
}

/** Grows the box by α-slices of the runs just outside one bound while that gains (see `gains`). */
function pasted(data: Data, start: Box, alpha: number): Box {
  let box = start;
  let now = statsOf(data, membership(data, box));
  for (;;) {
    const k = Math.max(1, Math.floor(alpha * now.runs));
    let best: { box: Box; stats: BoxStats } | undefined;
    for (const j of restrictedInputs(box)) {
      for (const side of ['low', 'high'] as const) {
        if (!Number.isFinite(side === 'low' ? box.low[j]! : box.high[j]!)) continue;
        // An α-slice, else a half, a quarter, … down to one run: the edge of a dense box is often nearer
        // than one slice.
        for (let size = k; size >= 1; size = size > 1 ? Math.ceil(size / 2) : 0) {
          const grown = pasteSlice(data, box, j, side, size);
          if (!grown) break;
          const s = statsOf(data, membership(data, grown));
          if (!gains(s, now)) continue;
          if (!best || gains(s, best.stats)) best = { box: grown, stats: s };
          break;
        }
      }
    }
    if (!best || !gains(best.stats, now)) return box;
    box = best.box;
    now = best.stats;
  }
}

/** A paste gains when it raises the density, or keeps it and adds cases (F&F paste on a rise only). */
const gains = (s: BoxStats, than: BoxStats) =>
  s.density > than.density || (s.density === than.density && s.cases > than.cases);

/** The box with input j's `side` bound moved out over the next k runs that meet every other bound. */
function pasteSlice(data: Data, box: Box, j: number, side: 'low' | 'high', k: number): Box | undefined {
  const order = data.order[j]!;
  const xj = data.x[j]!;
  const bound = side === 'low' ? box.low[j]! : box.high[j]!;
  let added = 0;
  let last = Number.NaN;
  const start = side === 'low' ? order.length - 1 : 0;
  const step = side === 'low' ? -1 : 1;
  for (let i = start; i >= 0 && i < order.length; i += step) {
    const r = order[i]!;
    const v = xj[r]!;
    if (side === 'low' ? v >= bound : v <= bound) continue;
    if (!insideExcept(data, box, r, j)) continue;
    if (added >= k && v !== last) break;
    added++;
    last = v;
  }
  if (added === 0) return undefined;
  const edge = side === 'low' ? extremeOf(data, j, 'low') : extremeOf(data, j, 'high');
  return withBound(box, j, side, last === edge ? (side === 'low' ? -Infinity : Infinity) : last);
}

/**
 * Drops restrictions one by one, the least significant first, while one's quasi-p-value is above
 * `significance`: with many inputs and few cases, peeling also cuts along inputs that only happened to
 * separate a few runs, and those restrictions cost coverage and say nothing.
 */
function pruned(data: Data, start: Box, significance: number): Box {
  let box = start;
  for (;;) {
    const inside = statsOf(data, membership(data, box));
    let loosest: { j: number; p: number } | undefined;
    for (const j of restrictedInputs(box)) {
      const p = quasiP(inside, statsOf(data, membership(data, unrestricted(box, j))));
      if (!loosest || p > loosest.p) loosest = { j, p };
    }
    if (!loosest || loosest.p <= significance) return box;
    box = unrestricted(box, loosest.j);
  }
}

/**
 * A restriction's quasi-p-value (Bryant & Lempert 2010, as the EMA Workbench reports it): the chance that
 * the box's runs, drawn at random from the box without the restriction, hold at least as many cases:
 * P(X ≥ cases) for X ~ Binomial(runs, density without it), which is I_d(cases, runs − cases + 1).
 */
function quasiP(inside: BoxStats, without: BoxStats): number {
  if (inside.cases === 0) return 1;
  return betainc(without.density, inside.cases, inside.runs - inside.cases + 1);
}

function restrictionsOf(data: Data, box: Box): Restriction[] {
  const inside = statsOf(data, membership(data, box));
  return restrictedInputs(box).map((j) => {
    const without = statsOf(data, membership(data, unrestricted(box, j)));
    return {
      input: j,
      ...(Number.isFinite(box.low[j]!) ? { low: box.low[j]! } : {}),
      ...(Number.isFinite(box.high[j]!) ? { high: box.high[j]! } : {}),
      densityWithout: without.density,
      coverageWithout: without.coverage,
      pValue: quasiP(inside, without),
    };
  });
}

function statsOf(data: Data, inBox: Uint8Array): BoxStats {
  let runs = 0;
  let cases = 0;
  for (let r = 0; r < data.n; r++) {
    if (!inBox[r]) continue;
    runs++;
    if (data.y[r] === 1) cases++;
  }
  return {
    coverage: data.cases > 0 ? cases / data.cases : 0,
    density: runs > 0 ? cases / runs : 0,
    support: data.n > 0 ? runs / data.n : 0,
    runs,
    cases,
  };
}

function membership(data: Data, box: Box): Uint8Array {
  const inBox = new Uint8Array(data.n);
  for (let r = 0; r < data.n; r++) inBox[r] = insideExcept(data, box, r, -1) ? 1 : 0;
  return inBox;
}

function insideExcept(data: Data, box: Box, r: number, except: number): boolean {
  for (let j = 0; j < data.x.length; j++) {
    if (j === except) continue;
    const v = data.x[j]![r]!;
    if (v < box.low[j]! || v > box.high[j]!) return false;
  }
  return true;
}

const wholeBox = (m: number): Box => ({
  low: new Float64Array(m).fill(-Infinity),
  high: new Float64Array(m).fill(Infinity),
});

function withBound(box: Box, j: number, side: 'low' | 'high', bound: number): Box {
  const next = { low: box.low.slice(), high: box.high.slice() };
  next[side][j] = bound;
  return next;
}

const unrestricted = (box: Box, j: number): Box =>
  withBound(withBound(box, j, 'low', -Infinity), j, 'high', Infinity);

function restrictedInputs(box: Box): number[] {
  const out: number[] = [];
  for (let j = 0; j < box.low.length; j++)
    if (box.low[j] !== -Infinity || box.high[j] !== Infinity) out.push(j);
  return out;
}

function extremeOf(data: Data, j: number, side: 'low' | 'high'): number {
  const order = data.order[j]!;
  return data.x[j]![order[side === 'low' ? 0 : order.length - 1]!]!;
}

function sortedOrder(xj: Float64Array): Int32Array {
  return Int32Array.from({ length: xj.length }, (_, r) => r).sort((a, b) => xj[a]! - xj[b]! || a - b);
}

function countCases(y: ArrayLike<number>): number {
  let c = 0;
  for (let r = 0; r < y.length; r++) if (y[r] === 1) c++;
  return c;
}

function casesIn(y: ArrayLike<number>, runs: readonly number[]): number {
  let c = 0;
  for (const r of runs) if (y[r] === 1) c++;
  return c;
}
