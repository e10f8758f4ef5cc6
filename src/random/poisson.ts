/**
 * Poisson variates for `rpois(lambda)`: inversion by sequential search for small means, and the
 * transformed rejection sampler PTRS of Hörmann for large ones.
 */
import { logFactorialTail } from './logFactorial.js';
import type { Uniform } from './stream.js';

/** Below this mean, inversion (about λ + 1 comparisons) is faster than PTRS's setup; PTRS needs λ ≥ 10. */
const PTRS_FROM = 30;
const LOG_TWO_PI = Math.log(2 * Math.PI);
/** 2^−52: what keeps the bound on e^−λ below the computed value (see poissonInversion). */
const SURELY_BELOW = 2 ** -52;

/**
 * A Poisson variate with mean `lambda`: 0 when lambda ≤ 0, NaN when lambda is NaN or +Infinity (as R's rpois).
 *
 * λ < 30: inversion by sequential search over the cumulative probabilities (Devroye 1986, "Non-Uniform
 * Random Variate Generation", Springer, ch. III), one uniform. λ ≥ 30: PTRS, Hörmann (1993), "The transformed
 * rejection method for generating Poisson random variables", Insurance: Math. & Econ. 12, 39–45; two
 * uniforms per trial, about 1.1 trials on average. Its quick acceptance (step 2) involves no arithmetic on λ
 * and accepts with probability 0.86·v_r ≥ 0.55 per trial (λ ≥ 30), so the loop ends for every finite λ.
 */
export function rpois(u: Uniform, lambda: number): number {
  if (Number.isNaN(lambda)) return Number.NaN;
  if (lambda <= 0) return 0;
  if (lambda < PTRS_FROM) return poissonInversion(u, lambda);
  if (lambda === Number.POSITIVE_INFINITY) return Number.NaN;
  return poissonPtrs(u, lambda);
}

/**
 * The smallest x whose cumulative probability exceeds one uniform. Most draws of small means are 0, found
 * without computing e^−λ: e^−λ ≥ 1 − λ, and 1 − λ − 2^−52 as computed lies at least 2^−53 below 1 − λ, while
 * Math.exp (fdlibm, error below one ulp, at most 2^−53 below 1) returns at least e^−λ − 2^−53. So
 * v < 1 − λ − 2^−52 implies v < Math.exp(−λ), where the search would stop at 0: the same result, bit for bit.
 */
function poissonInversion(u: Uniform, lambda: number): number {
  const v = u();
  if (v < 1 - lambda - SURELY_BELOW) return 0;
  return poissonSearch(v, lambda);
}

/** The sequential search itself, for the uniform v (exported so that tests can hold the shortcut to it). */
export function poissonSearch(v: number, lambda: number): number {
  let x = 0;
  let p = Math.exp(-lambda);
  let cumulative = p;
  // p > 0 stops the search if rounding keeps `cumulative` below v until the terms underflow (odds ~1e-16).
  while (v >= cumulative && p > 0) {
    x++;
    p *= lambda / x;
    cumulative += p;
  }
  return x;
}

/** PTRS, steps 0–3.1 of Hörmann (1993), with the log-probability in a form that stays exact for large λ. */
function poissonPtrs(u: Uniform, lambda: number): number {
  const b = 0.931 + 2.53 * Math.sqrt(lambda);
  const a = -0.059 + 0.02483 * b;
  const vr = 0.9277 - 3.6224 / (b - 2);
  // Only the slower test (step 3.1) needs log α: worked out when a trial first gets there.
  let logAlpha = Number.NaN;
  for (;;) {
    const uu = u() - 0.5;
    const v = u();
    const us = 0.5 - Math.abs(uu);
    const k = Math.floor(((2 * a) / us + b) * uu + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Number.isNaN(logAlpha)) logAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
    // log p(k) = −λ + k·log λ − log k!, rewritten with s = k + 1 − λ and the Stirling tail so that no two
    // large terms cancel: s − k·log1p(s/λ) − ½·log(2π(k + 1)) − fc(k).
    const s = k + 1 - lambda;
    const logP = s - k * Math.log1p(s / lambda) - 0.5 * (LOG_TWO_PI + Math.log(k + 1)) - logFactorialTail(k);
    if (Math.log(v) + logAlpha - Math.log(a / (us * us) + b) <= logP) return k;
  }
}
