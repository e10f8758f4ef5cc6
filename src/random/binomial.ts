/**
 * Binomial variates for `rbinom(n, p)`: inversion by sequential search when the mean is small, and the
 * transformed rejection sampler BTRS of Hörmann otherwise.
 */
import { F } from '../expr/runtime.js';
import { logFactorialTail } from './logFactorial.js';
import type { Uniform } from './stream.js';

/** Below this mean, inversion is faster than BTRS's setup; BTRS needs n·p ≥ 10. */
const BTRS_FROM = 30;

/**
 * A binomial variate of ⌊n⌋ trials with success probability p clamped to [0, 1]: 0 when ⌊n⌋ ≤ 0, NaN when n
 * or p is NaN or n is +Infinity (as R's rbinom). ⌊n⌋ is the expressions' `floor` (mathjs's, tolerant to
 * 1e-12): a count that rounding left a hair below a whole number, 679.9999999999999 fighters, is 680
 * trials, not 679. With a plain floor, one run in fifty of the Central Asia model changed its path when a
 * parameter moved in its last bits.
 *
 * For p > ½ it returns n − B(n, 1 − p). With p ≤ ½: n·p < 30, inversion by sequential search using the
 * recurrence f(x) = f(x−1)·((n + 1)·r/x − r), r = p/(1 − p) (Kachitvichyanukul & Schmeiser 1988,
 * "Binomial random variate generation", Commun. ACM 31, 216–222, algorithm BINV), one uniform; otherwise
 * BTRS, Hörmann (1993), "The generation of binomial random variates", J. Statist. Comput. Simul. 46,
 * 101–110, two uniforms per trial. Its quick acceptance (step 2) involves no arithmetic on n and accepts
 * with probability 0.86·v_r ≥ 0.46 per trial (n·p ≥ 30), so the loop ends for every finite n.
 */
export function rbinom(u: Uniform, n: number, p: number): number {
  if (Number.isNaN(n) || Number.isNaN(p)) return Number.NaN;
  const trials = F.floor(n);
  if (trials <= 0) return 0;
  if (trials === Number.POSITIVE_INFINITY) return Number.NaN;
  if (p <= 0) return 0;
  if (p >= 1) return trials;
  return p > 0.5 ? trials - binomialSmallP(u, trials, 1 - p) : binomialSmallP(u, trials, p);
}

/** A binomial variate for p ≤ ½. */
function binomialSmallP(u: Uniform, n: number, p: number): number {
  return n * p < BTRS_FROM ? binomialInversion(u, n, p) : binomialBtrs(u, n, p);
}

/**
 * The smallest x whose cumulative probability exceeds one uniform. A draw of 0 is found without the
 * logarithm and the exponential when v < 1 − n·p − 10^−14: (1 − p)^n ≥ 1 − n·p (Bernoulli's inequality),
 * and where that bound is positive n·p < 1, so |n·log1p(−p)| < 2 and the computed (1 − p)^n lies within
 * 2·10^−15 of the true one, which keeps v below it: the same result, bit for bit.
 */
function binomialInversion(u: Uniform, n: number, p: number): number {
  const v = u();
  if (v < 1 - n * p - 1e-14) return 0;
  return binomialSearch(v, n, p);
}

/** The sequential search itself, for the uniform v0 (exported so that tests can hold the shortcut to it). */
export function binomialSearch(v0: number, n: number, p: number): number {
  const r = p / (1 - p);
  const g = r * (n + 1);
  // (1 − p)^n ≥ e^−42 here, since n·p < 30 and p ≤ ½; log1p keeps it exact when p is tiny and n huge.
  let f = Math.exp(n * Math.log1p(-p));
  let v = v0;
  let x = 0;
  while (v >= f) {
    // f = 0 once the terms underflow while rounding kept v above the mass (odds ~1e-16): stop, not loop to n.
    if (f === 0) return x;
    v -= f;
    x++;
    if (x >= n) return n;
    f *= g / x - r;
  }
  return x;
}

/** BTRS, steps 0–3.1 of Hörmann (1993), with the log-probability ratio in a form exact for large n. */
function binomialBtrs(u: Uniform, n: number, p: number): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  // What only the slower test (step 3.1) needs is worked out when a trial first gets there: most calls end
  // at the quick acceptance of their first trial.
  let m = -1;
  let alpha = 0;
  let r = 0;
  let tailsM = 0;
  for (;;) {
    const uu = u() - 0.5;
    const v = u();
    const us = 0.5 - Math.abs(uu);
    const k = Math.floor(((2 * a) / us + b) * uu + c);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || k > n) continue;
    if (m < 0) {
      alpha = (2.83 + 5.1 / b) * spq;
      r = p / q;
      m = Math.floor((n + 1) * p);
      tailsM = logFactorialTail(m) + logFactorialTail(n - m);
    }
    // log f(k)/f(m) = log m! + log(n−m)! − log k! − log(n−k)! + (k−m)·log r, rewritten with the Stirling
    // tail fc so that no two large terms cancel (the log1p terms are each of the order of |k − m|).
    const logRatio =
      -(m + 0.5) * Math.log1p((k - m) / (m + 1)) -
      (n - m + 0.5) * Math.log1p((m - k) / (n - m + 1)) +
      (m - k) * Math.log((k + 1) / ((n - k + 1) * r)) +
      tailsM -
      logFactorialTail(k) -
      logFactorialTail(n - k);
    if (Math.log((v * alpha) / (a / (us * us) + b)) <= logRatio) return k;
  }
}
