/**
 * The uncertainty distributions of the model format (docs/model-format.md, "Distributions"): quantile
 * (inverse CDF), CDF, mean, variance, support and truncation. Every once-per-run draw goes through
 * `quantile` (or `truncatedQuantile`) of one uniform, so rank correlations can be imposed on the uniforms
 * with a Gaussian copula (`copula.ts`). Functions assume parameters without problems
 * (`distributionProblems`); otherwise their results are unspecified (usually NaN).
 */
import betainc from '@stdlib/math-base-special-betainc';
import gammaCdf from '@stdlib/stats-base-dists-gamma-cdf';
import gammaQuantile from '@stdlib/stats-base-dists-gamma-quantile';
import type { Distribution } from '../model/schema.js';
import { betaQuantile, betaQuantileOf } from './betaQuantile.js';
import { choiceCdf, choiceMean, choiceQuantile, choiceSupport, choiceVariance } from './choice.js';
import { standardNormalCdf, standardNormalQuantile } from './normal.js';
import { truncatedStandardNormalQuantile } from './truncatedNormal.js';

export { distributionProblems } from './distributionProblems.js';

/** PERT's default weight of the mode (Malcolm et al. 1959; Vose 2008, "Risk Analysis", 3rd ed.). */
export const PERT_DEFAULT_LAMBDA = 4;

type PertOrBeta = Extract<Distribution, { dist: 'pert' | 'beta' }>;
type Triangular = Extract<Distribution, { dist: 'triangular' }>;

/** A beta distribution Beta(alpha, beta) stretched from [0, 1] onto [lo, hi]. */
interface ScaledBeta {
  alpha: number;
  beta: number;
  lo: number;
  hi: number;
}

/**
 * Beta-PERT as a scaled beta: α = 1 + λ(mode − min)/(max − min), β = 1 + λ(max − mode)/(max − min);
 * beta's optional bounds default to [0, 1].
 */
function scaledBeta(d: PertOrBeta): ScaledBeta {
  if (d.dist === 'beta') return { alpha: d.alpha, beta: d.beta, lo: d.min ?? 0, hi: d.max ?? 1 };
  const lambda = d.lambda ?? PERT_DEFAULT_LAMBDA;
  const width = d.max - d.min;
  return {
    alpha: 1 + (lambda * (d.mode - d.min)) / width,
    beta: 1 + (lambda * (d.max - d.mode)) / width,
    lo: d.min,
    hi: d.max,
  };
}

/**
 * The triangular quantile by inverting its piecewise-quadratic CDF; each branch is clamped to its side of
 * the mode so that rounding cannot make it decrease where the branches meet.
 */
function triangularQuantile(d: Triangular, p: number): number {
  const { min: a, mode: c, max: b } = d;
  if (p * (b - a) < c - a) return Math.min(c, a + Math.sqrt(p * (b - a) * (c - a)));
  return Math.max(c, b - Math.sqrt((1 - p) * (b - a) * (b - c)));
}

/** The triangular CDF: (x−a)²/((b−a)(c−a)) up to the mode c, 1 − (b−x)²/((b−a)(b−c)) after it. */
function triangularCdf(d: Triangular, x: number): number {
  const { min: a, mode: c, max: b } = d;
  if (x <= a) return 0;
  if (x >= b) return 1;
  if (x <= c) return ((x - a) * (x - a)) / ((b - a) * (c - a));
  return 1 - ((b - x) * (b - x)) / ((b - a) * (b - c));
}

/**
 * The quantile function (inverse CDF) Q(p) = inf{x : F(x) ≥ p} of a distribution at p in [0, 1] (NaN outside);
 * for `choice`, the smallest value v with p < F(v), so that a uniform p in [0, 1) picks each value with
 * probability weight/total. Example: `quantile({ dist: 'normal', mean: 0, sd: 1 }, 0.975)` ≈ 1.959964.
 */
export function quantile(d: Distribution, p: number): number {
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  switch (d.dist) {
    // min(max, …): rounding of lo + (hi − lo)·y must not step past the upper end.
    case 'uniform':
      return Math.min(d.max, d.min + p * (d.max - d.min));
    case 'triangular':
      return triangularQuantile(d, p);
    case 'pert':
    case 'beta': {
      const s = scaledBeta(d);
      return Math.min(s.hi, s.lo + (s.hi - s.lo) * betaQuantile(p, s.alpha, s.beta));
    }
    case 'normal':
      return d.mean + d.sd * standardNormalQuantile(p);
    case 'lognormal':
      return Math.exp(d.mu + d.sigma * standardNormalQuantile(p));
    case 'gamma':
      return gammaQuantile(p, d.shape, d.rate);
    case 'choice':
      return choiceQuantile(d, p);
  }
}

/**
 * The cumulative distribution function F(x) = P(X ≤ x); beta and PERT through the regularized incomplete
 * beta function I_y(α, β).
 */
export function cdf(d: Distribution, x: number): number {
  switch (d.dist) {
    case 'uniform':
      return Math.min(1, Math.max(0, (x - d.min) / (d.max - d.min)));
    case 'triangular':
      return triangularCdf(d, x);
    case 'pert':
    case 'beta': {
      const s = scaledBeta(d);
      const y = (x - s.lo) / (s.hi - s.lo);
      if (y <= 0) return 0;
      if (y >= 1) return 1;
      return betainc(y, s.alpha, s.beta);
    }
    case 'normal':
      return standardNormalCdf((x - d.mean) / d.sd);
    case 'lognormal':
      return x <= 0 ? 0 : standardNormalCdf((Math.log(x) - d.mu) / d.sigma);
    case 'gamma':
      return gammaCdf(x, d.shape, d.rate);
    case 'choice':
      return choiceCdf(d, x);
  }
}

/** The mean E[X]; lognormal e^(μ + σ²/2), beta lo + (hi − lo)·α/(α + β), gamma shape/rate. */
export function mean(d: Distribution): number {
  switch (d.dist) {
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'triangular':
      return (d.min + d.mode + d.max) / 3;
    case 'pert':
    case 'beta': {
      const s = scaledBeta(d);
      return s.lo + ((s.hi - s.lo) * s.alpha) / (s.alpha + s.beta);
    }
    case 'normal':
      return d.mean;
    case 'lognormal':
      return Math.exp(d.mu + (d.sigma * d.sigma) / 2);
    case 'gamma':
      return d.shape / d.rate;
    case 'choice':
      return choiceMean(d);
  }
}

/**
 * The variance E[(X − E[X])²]: uniform (b−a)²/12, triangular (a²+b²+c²−ab−ac−bc)/18, beta
 * (hi−lo)²·αβ/((α+β)²(α+β+1)), lognormal (e^σ² − 1)·e^(2μ+σ²), gamma shape/rate².
 */
export function variance(d: Distribution): number {
  switch (d.dist) {
    case 'uniform':
      return (d.max - d.min) ** 2 / 12;
    case 'triangular': {
      const { min: a, mode: c, max: b } = d;
      return (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    }
    case 'pert':
    case 'beta': {
      const { alpha, beta, lo, hi } = scaledBeta(d);
      const sum = alpha + beta;
      return ((hi - lo) ** 2 * alpha * beta) / (sum * sum * (sum + 1));
    }
    case 'normal':
      return d.sd * d.sd;
    case 'lognormal': {
      const s2 = d.sigma * d.sigma;
      return Math.expm1(s2) * Math.exp(2 * d.mu + s2);
    }
    case 'gamma':
      return d.shape / (d.rate * d.rate);
    case 'choice':
      return choiceVariance(d);
  }
}

/** The smallest interval [lo, hi] holding all the probability (the ends may be ±Infinity). */
export function support(d: Distribution): [number, number] {
  switch (d.dist) {
    case 'uniform':
    case 'triangular':
    case 'pert':
      return [d.min, d.max];
    case 'beta':
      return [d.min ?? 0, d.max ?? 1];
    case 'normal':
      return [-Infinity, Infinity];
    case 'lognormal':
    case 'gamma':
      return [0, Infinity];
    case 'choice':
      return choiceSupport(d);
  }
}

/**
 * The quantile of the distribution truncated to [lo, hi], Q(F(lo) + p·(F(hi) − F(lo))) clamped to [lo, hi]
 * (the inverse-CDF method for truncated distributions; Devroye 1986, "Non-Uniform Random Variate
 * Generation", ch. II). It is exactly `quantile(d, p)` when the support already lies inside [lo, hi].
 * Normal and lognormal work on the standard normal scale and stay accurate far into either tail (see
 * `truncatedStandardNormalQuantile`); `choice` keeps the values inside [lo, hi] with their weights. When
 * [lo, hi] holds no probability it returns the end nearest the distribution's centre; NaN if [lo, hi]
 * does not meet the support at all (for `choice`: holds no value of positive weight), p is outside [0, 1],
 * or lo > hi.
 */
export function truncatedQuantile(d: Distribution, p: number, lo: number, hi: number): number {
  if (!(p >= 0 && p <= 1 && lo <= hi)) return Number.NaN;
  const [first, last] = support(d);
  if (first >= lo && last <= hi) return quantile(d, p);
  const a = Math.max(lo, first);
  const b = Math.min(hi, last);
  if (!(a <= b)) return Number.NaN;
  let x: number;
  switch (d.dist) {
    case 'normal':
      x = d.mean + d.sd * truncatedStandardNormalQuantile(p, (a - d.mean) / d.sd, (b - d.mean) / d.sd);
      break;
    case 'lognormal': {
      const za = a > 0 ? (Math.log(a) - d.mu) / d.sigma : -Infinity;
      const zb = (Math.log(b) - d.mu) / d.sigma;
      x = Math.exp(d.mu + d.sigma * truncatedStandardNormalQuantile(p, za, zb));
      break;
    }
    case 'choice':
      return choiceQuantile(d, p, a, b);
    default: {
      const fa = cdf(d, a);
      const fb = cdf(d, b);
      x = fb > fa ? quantile(d, fa + p * (fb - fa)) : nearestToCentre(a, b, mean(d));
    }
  }
  return Math.min(b, Math.max(a, x));
}

/**
 * `truncatedQuantile(d, ·, lo, hi)` as a function of p, with what does not depend on p worked out once,
 * for the engine's once-per-run draws. A beta or PERT inside [lo, hi] (the common case of a model's
 * parameters) gets a quantile prepared for its shape (`betaQuantileOf`): the same root of I_x(α, β) = p to
 * within rounding, not always the same last bits. Every other case gives `truncatedQuantile`'s numbers bit
 * for bit.
 */
export function truncatedQuantileOf(d: Distribution, lo: number, hi: number): (p: number) => number {
  const [first, last] = support(d);
  if ((d.dist === 'pert' || d.dist === 'beta') && lo <= hi && first >= lo && last <= hi) {
    const { alpha, beta, lo: from, hi: to } = scaledBeta(d);
    const q = betaQuantileOf(alpha, beta);
    const width = to - from;
    return (p) => (p >= 0 && p <= 1 ? Math.min(to, from + width * q(p)) : Number.NaN);
  }
  // Truncated on the CDF scale (a gamma's attack rate kept in [0, 5], a triangular cut short): F(lo) and F(hi),
  // which `truncatedQuantile` works out on every call, computed once. The same calls on the same numbers,
  // so the same values bit for bit.
  const inside = first >= lo && last <= hi;
  if (d.dist !== 'normal' && d.dist !== 'lognormal' && d.dist !== 'choice' && lo <= hi && !inside) {
    const a = Math.max(lo, first);
    const b = Math.min(hi, last);
    if (a <= b) {
      const fa = cdf(d, a);
      const fb = cdf(d, b);
      if (fb > fa) {
        const span = fb - fa;
        return (p) => (p >= 0 && p <= 1 ? Math.min(b, Math.max(a, quantile(d, fa + p * span))) : Number.NaN);
      }
      const end = Math.min(b, Math.max(a, nearestToCentre(a, b, mean(d))));
      return (p) => (p >= 0 && p <= 1 ? end : Number.NaN);
    }
  }
  return (p) => truncatedQuantile(d, p, lo, hi);
}

/** The end of [a, b] nearest to `centre`. */
function nearestToCentre(a: number, b: number, centre: number): number {
  return Math.abs(a - centre) <= Math.abs(b - centre) ? a : b;
}
