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
 * Asserts that draws with a huge mean m (1e100 and above, where the spread σ is far below a double's
 * resolution) have that mean, and that none strays far from it, in units of m so that sums cannot overflow.
 * Tolerance of the mean: 5 SE, 5σ/(m√n), plus 4ε (ε = 2⁻⁵²) for rounding: a draw is a double within one ulp
 * (≤ 2ε·m) of an integer, and the division by m rounds once more (ε/2). Each draw: 10σ/m + 4ε, exceeded
 * by a correct sampler with odds below 2e-23 per draw. A sampler that returns 0, n instead of np, or λ/2
 * misses by 50% and more.
 */
export function assertHugeMean(xs: ArrayLike<number>, m: number, sigma: number, label: string): void {
  const n = xs.length;
  const eps = Number.EPSILON;
  let sum = 0;
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i]! / m - 1;
    sum += d;
    worst = Math.max(worst, Math.abs(d));
  }
  assertNear(sum / n, 0, (5 * sigma) / (m * Math.sqrt(n)) + 4 * eps, `${label} mean / ${m} − 1`);
  assertNear(worst, 0, (10 * sigma) / m + 4 * eps, `${label} largest |draw / ${m} − 1|`);
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

/**
 * Asserts that integer draws follow a probability mass function, by Pearson's chi-square goodness-of-fit
 * test: one bin per k whose expected count is at least 20, plus the two pooled tails. The statistic is
 * compared with the chi-square quantile at z = 5 under the Wilson–Hilferty (1931) normal approximation,
 * df·(1 − 2/(9df) + z·√(2/(9df)))³, so a correct sampler fails with odds about 3e-7, as a 5 SE check.
 * `mode` is where to start looking for the central bins; `max` the largest possible value.
 */
export function assertPmfFits(
  xs: ArrayLike<number>,
  pmf: (k: number) => number,
  mode: number,
  max: number,
  label: string,
): void {
  const n = xs.length;
  let lo = mode;
  while (lo > 0 && n * pmf(lo - 1) >= 20) lo--;
  let hi = mode;
  while (hi < max && n * pmf(hi + 1) >= 20) hi++;
  // Tail masses, summed outward until the terms vanish.
  let below = 0;
  for (let k = lo - 1; k >= 0; k--) {
    const p = pmf(k);
    below += p;
    if (p < 1e-20) break;
  }
  let above = 0;
  for (let k = hi + 1; k <= max; k++) {
    const p = pmf(k);
    above += p;
    if (p < 1e-20) break;
  }
  const counts = new Float64Array(hi - lo + 3); // [below, lo..hi, above]
  for (let i = 0; i < n; i++) {
    const x = xs[i]!;
    counts[x < lo ? 0 : x > hi ? counts.length - 1 : x - lo + 1]! += 1;
  }
  let statistic = 0;
  let bins = 0;
  const add = (observed: number, expected: number) => {
    if (expected <= 0) return;
    statistic += (observed - expected) ** 2 / expected;
    bins++;
  };
  add(counts[0]!, n * below);
  for (let k = lo; k <= hi; k++) add(counts[k - lo + 1]!, n * pmf(k));
  add(counts[counts.length - 1]!, n * above);
  const df = bins - 1;
  const critical = df * (1 - 2 / (9 * df) + 5 * Math.sqrt(2 / (9 * df))) ** 3;
  assert.ok(statistic <= critical, `${label}: chi-square ${statistic} on ${df} df exceeds ${critical}`);
}
