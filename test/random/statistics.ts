/**
 * Shared statistics for the random module's tests: sample moments and assertions whose tolerances come
 * from standard errors. Not a test file itself.
 */
import assert from 'node:assert/strict';

/** Sample mean and unbiased sample variance (two passes, so no cancellation). */
export function sampleMoments(xs: ArrayLike<number>): { mean: number; variance: number; kurtosis: number } {
  const n = xs.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i]!;
  const mean = sum / n;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i]! - mean;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  return { mean, variance: m2 / (n - 1), kurtosis: m4 / n / (m2 / n) ** 2 };
}

/** n draws of f. */
export function draws(n: number, f: () => number): Float64Array {
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = f();
  return xs;
}

/** Asserts |actual − expected| ≤ tolerance, naming the quantity in the message. */
export function assertNear(actual: number, expected: number, tolerance: number, label: string): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${label}: expected ${expected} ± ${tolerance}, found ${actual} (off by ${Math.abs(actual - expected)})`,
  );
}

/** What a sample is tested against: the distribution's mean, variance and kurtosis κ = μ₄/σ⁴. */
export interface TrueMoments {
  mean: number;
  variance: number;
  kurtosis: number;
}

/**
 * Asserts that a sample's mean and variance are within 5 standard errors of the true ones.
 * SE(mean) = σ/√n. SE(s²) ≈ σ²·√((κ − 1)/n), the large-n form of the exact
 * Var(s²) = (μ₄ − σ⁴·(n − 3)/(n − 1))/n. A fixed seed makes each check deterministic; 5 SE means a correct
 * sampler would fail a given check with odds below 6e-7 (normal approximation of the estimators).
 */
export function assertMoments(xs: ArrayLike<number>, truth: TrueMoments, label: string): void {
  const n = xs.length;
  const { mean, variance } = sampleMoments(xs);
  const seMean = Math.sqrt(truth.variance / n);
  const seVariance = truth.variance * Math.sqrt((truth.kurtosis - 1) / n);
  assertNear(mean, truth.mean, 5 * seMean, `${label} mean`);
  assertNear(variance, truth.variance, 5 * seVariance, `${label} variance`);
}

/**
 * Asserts that the share of draws equal to k is within 5 standard errors √(π(1 − π)/n) of the exact
 * probability π (the binomial standard error of a proportion).
 */
export function assertProportion(xs: ArrayLike<number>, k: number, exact: number, label: string): void {
  let hits = 0;
  for (let i = 0; i < xs.length; i++) if (xs[i] === k) hits++;
  const se = Math.sqrt((exact * (1 - exact)) / xs.length);
  assertNear(hits / xs.length, exact, 5 * se, `${label} P(X = ${k})`);
}
