/**
 * Per-step samplers behind the random functions of expressions (`runif`, `rbern`, `rexp`, `rnorm`,
 * `rpois`, `rbinom`; docs/model-format.md). Each takes the run's Uniform first and is a pure function of
 * the numbers it draws: no spare variate is kept between calls and there is no module state, so a run's
 * draws never depend on what other runs or batches did. Invalid or NaN parameters give NaN, as in R;
 * each function's comment says how many uniforms it draws.
 */
import type { Uniform } from './stream.js';

export { rbinom } from './binomial.js';
export { rpois } from './poisson.js';

const TWO_PI = 2 * Math.PI;

/**
 * Uniform on [a, b) (up to rounding of a + (b − a)·U), one uniform; NaN when a or b is not finite or b < a.
 */
export function runif(u: Uniform, a: number, b: number): number {
  if (!(b >= a) || !Number.isFinite(a) || !Number.isFinite(b)) return Number.NaN;
  return a + (b - a) * u();
}

/** Bernoulli: 1 if a uniform falls below p, else 0 (so p ≤ 0 gives 0 and p ≥ 1 gives 1); one uniform. */
export function rbern(u: Uniform, p: number): number {
  if (Number.isNaN(p)) return Number.NaN;
  return u() < p ? 1 : 0;
}

/**
 * Exponential with rate `rate` by inversion, −log(1 − U)/rate, one uniform; Infinity when rate = 0 (no draw),
 * NaN when rate < 0 or NaN.
 */
export function rexp(u: Uniform, rate: number): number {
  if (!(rate >= 0)) return Number.NaN;
  if (rate === 0) return Number.POSITIVE_INFINITY;
  // log1p(−U) is log(1 − U) without rounding 1 − U first; U < 1 so it is finite.
  return -Math.log1p(-u()) / rate;
}

/**
 * Normal by the Box–Muller transform, mean + sd·√(−2·log(1 − U₁))·cos(2πU₂), two uniforms; the second
 * variate (with sin) is discarded so that no state is kept (Box & Muller 1958, "A note on the generation of
 * random normal deviates", Ann. Math. Statist. 29, 610–611). As R's rnorm: NaN when mean is NaN or sd is
 * negative, NaN or infinite; `mean` itself, without drawing, when sd = 0 or mean is infinite.
 */
export function rnorm(u: Uniform, mean: number, sd: number): number {
  if (Number.isNaN(mean) || !(sd >= 0) || sd === Number.POSITIVE_INFINITY) return Number.NaN;
  if (sd === 0 || !Number.isFinite(mean)) return mean;
  const radius = Math.sqrt(-2 * Math.log1p(-u()));
  return mean + sd * radius * Math.cos(TWO_PI * u());
}
