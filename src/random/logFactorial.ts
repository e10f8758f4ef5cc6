/**
 * The Stirling tail of the log-factorial, used by the rejection samplers of `poisson.ts` and `binomial.ts`
 * to evaluate log-probabilities without the cancellation of differences of large log-gammas.
 */
import gammaln from '@stdlib/math-base-special-gammaln';

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** fc(k) for k = 0..9 from the log-gamma function, where the Stirling series is not yet accurate. */
const SMALL_TAILS: readonly number[] = Array.from(
  { length: 10 },
  (_, k) => gammaln(k + 1) - (k + 0.5) * Math.log(k + 1) + (k + 1) - HALF_LOG_TWO_PI,
);

/**
 * The Stirling tail fc(k) = log k! − [(k + ½)·log(k + 1) − (k + 1) + ½·log 2π] of a non-negative integer k.
 *
 * Definition as in Hörmann (1993), "The generation of binomial random variates", J. Statist. Comput.
 * Simul. 46, 101–110. For k ≥ 10 it is the Stirling series in K = k + 1,
 * 1/(12K) − 1/(360K³) + 1/(1260K⁵) − 1/(1680K⁷) (Abramowitz & Stegun 6.1.41), whose next term is below
 * 3.5e-13 there; below 10 it is computed from log-gamma.
 */
export function logFactorialTail(k: number): number {
  if (k < 10) return SMALL_TAILS[k] ?? Number.NaN;
  const kk = k + 1;
  const k2 = kk * kk;
  return (1 / 12 - (1 / 360 - (1 / 1260 - 1 / (1680 * k2)) / k2) / k2) / kk;
}
