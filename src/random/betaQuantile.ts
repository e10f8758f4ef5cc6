/**
 * The quantile of the beta distribution, with a fallback where stdlib's inverse fails in the far lower tail.
 */
import betainc from '@stdlib/math-base-special-betainc';
import gammaln from '@stdlib/math-base-special-gammaln';
import stdlibBetaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import { incompleteBeta, inverseIncompleteBeta } from './betaInverse.js';

/**
 * Below this probability stdlib's beta quantile is not trusted: a scan of 400,000 random (α, β) in
 * [0.05, 100]² found I_x(α, β) within 5e-14 of p for every p ≥ 1e-42, but off by 24 orders of magnitude
 * at p ≈ 1e-44 for Beta(2.1, 7.9). Uniforms from a stream are ≥ 2⁻³² ≈ 2.3e-10, so only extreme copula
 * products reach this.
 */
const TRUSTED_FROM = 1e-40;
/** log of the smallest positive double, the lower end of the bisection. */
const LOG_MIN = Math.log(Number.MIN_VALUE);
/** Halvings of [LOG_MIN, 0]: 744/2⁶⁰ ≈ 6e-16, a relative precision of 6e-16 in x. */
const STEPS = 60;

/**
 * ln B(α, β), remembered per (α, β): a model's beta and PERT parameters keep their shapes from run to run, and
 * three log-gamma calls cost about a tenth of a quantile. The cache holds at most LOG_BETA_CACHE shapes.
 */
const logBetas = new Map<number, Map<number, number>>();
const LOG_BETA_CACHE = 4096;
let cached = 0;
export function logBeta(alpha: number, beta: number): number {
  let byBeta = logBetas.get(alpha);
  const hit = byBeta?.get(beta);
  if (hit !== undefined) return hit;
  const value = gammaln(alpha) + gammaln(beta) - gammaln(alpha + beta);
  if (cached >= LOG_BETA_CACHE) {
    logBetas.clear();
    cached = 0;
    byBeta = undefined;
  }
  if (!byBeta) {
    byBeta = new Map();
    logBetas.set(alpha, byBeta);
  }
  byBeta.set(beta, value);
  cached++;
  return value;
}

/**
 * The quantile x of Beta(α, β) with regularized incomplete beta I_x(α, β) = p: the fast inverse of
 * betaInverse.ts where it checks out, else stdlib's inverse (Boost's ibeta_inv) for p ≥ 1e-40, and below
 * that bisection on log x of I_x(α, β) = p, which cannot fail.
 */
export function betaQuantile(p: number, alpha: number, beta: number): number {
  const fast = p > TRUSTED_FROM && p < 1 && alpha > 0 && beta > 0;
  return betaQuantileWith(p, alpha, beta, fast ? logBeta(alpha, beta) : Number.NaN);
}

/**
 * `betaQuantile` given lbeta = ln B(α, β) (`logBeta`), for callers that draw from one shape run after run
 * and look it up once.
 */
export function betaQuantileWith(p: number, alpha: number, beta: number, lbeta: number): number {
  if (p > TRUSTED_FROM && p < 1 && alpha > 0 && beta > 0) {
    // The fast inverse, accepted when its own check agrees to 1e-12 in probability; stdlib otherwise.
    const x = inverseIncompleteBeta(p, alpha, beta, lbeta);
    if (x > 0 && x < 1 && Math.abs(incompleteBeta(alpha, beta, x, lbeta) - p) <= 1e-12) return x;
  }
  if (!(p < TRUSTED_FROM) || p <= 0) return stdlibBetaQuantile(p, alpha, beta);
  if (betainc(Number.MIN_VALUE, alpha, beta) >= p) return 0; // the quantile underflows, as stdlib's does
  let lo = LOG_MIN;
  let hi = 0;
  for (let i = 0; i < STEPS; i++) {
    const mid = (lo + hi) / 2;
    if (betainc(Math.exp(mid), alpha, beta) < p) lo = mid;
    else hi = mid;
  }
  return Math.exp(hi);
}
