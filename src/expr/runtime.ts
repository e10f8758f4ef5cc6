/**
 * Numeric helpers called by compiled expressions. They reproduce mathjs's semantics for numbers
 * (config relTol 1e-12, absTol 1e-15; see mathjs src/utils/number.js `nearlyEqual`), so a rule means
 * the same thing whether mathjs evaluates it or oxus's compiler does; test/expr/compileExpression.test.ts checks this.
 */
const REL_TOL = 1e-12;
const ABS_TOL = 1e-15;

/** mathjs `nearlyEqual` for numbers with the default tolerances. */
export function nearlyEqual(a: number, b: number): boolean {
  // Equal numbers first: the common case in rules (flags, switches), and never NaN.
  if (a === b) return true;
  const d = Math.abs(a - b);
  // NaN (either side, or ∞ − ∞) and unequal infinities: the difference is NaN or ∞, never within tolerance.
  if (!(d < Number.POSITIVE_INFINITY)) return false;
  return d <= Math.max(REL_TOL * Math.max(Math.abs(a), Math.abs(b)), ABS_TOL);
}

const round0 = (x: number): number => (x < 0 ? -Math.round(-x) : Math.round(x));

/** mathjs `floor`: snaps to the nearest integer when x is within tolerance of it. */
function floor(x: number): number {
  const f = Math.floor(x);
  const r = round0(x);
  return f !== r && nearlyEqual(x, r) && !nearlyEqual(x, f) ? r : f;
}

/** The runtime object handed to generated code as `F`. */
export const F = {
  eq: (a: number, b: number): number => (nearlyEqual(a, b) ? 1 : 0),
  ne: (a: number, b: number): number => (nearlyEqual(a, b) ? 0 : 1),
  lt: (a: number, b: number): number => (a < b && !nearlyEqual(a, b) ? 1 : 0),
  gt: (a: number, b: number): number => (a > b && !nearlyEqual(a, b) ? 1 : 0),
  le: (a: number, b: number): number => (a <= b || nearlyEqual(a, b) ? 1 : 0),
  ge: (a: number, b: number): number => (a >= b || nearlyEqual(a, b) ? 1 : 0),
  /** mathjs `mod`: x - y * floor(x / y) with mathjs's tolerant floor, and x when y is 0. */
  mod: (x: number, y: number): number => (y === 0 ? x : x - y * floor(x / y)),
  /** mathjs `round` (half away from zero). */
  round: round0,
  floor,
  /** mathjs `ceil`: snaps to the nearest integer when x is within tolerance of it. */
  ceil: (x: number): number => {
    const c = Math.ceil(x);
    const r = round0(x);
    return c !== r && nearlyEqual(x, r) && !nearlyEqual(x, c) ? r : c;
  },
  /** Real logarithm; NaN for negative input (mathjs would return a complex number). */
  log: (x: number, base?: number): number =>
    base === undefined ? Math.log(x) : Math.log(x) / Math.log(base),
  clamp: (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x)),
  logistic: (x: number): number => 1 / (1 + Math.exp(-x)),
  /** Probability of at least one event in a step of `dt` years at a yearly `rate`. */
  hazard: (rate: number, dt: number): number => (rate <= 0 ? 0 : 1 - Math.exp(-rate * dt)),
  /** Probability clamped into [0, 1]; NaN stays NaN so the engine can report it. */
  prob: (p: number): number => Math.min(1, Math.max(0, p)),
  /** One step of mathjs `min`: NaN wins; otherwise the earlier value stays unless the new one is smaller beyond tolerance. */
  min2: (acc: number, v: number): number =>
    Number.isNaN(v) || Number.isNaN(acc) ? Number.NaN : v < acc && !nearlyEqual(v, acc) ? v : acc,
  /** One step of mathjs `max`, as `min2`. */
  max2: (acc: number, v: number): number =>
    Number.isNaN(v) || Number.isNaN(acc) ? Number.NaN : v > acc && !nearlyEqual(v, acc) ? v : acc,
};
export type Runtime = typeof F;
