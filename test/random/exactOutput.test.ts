/**
 * The exact output distribution of the count samplers, computed deterministically from the uniforms of
 * one trial instead of estimated from draws, so that errors far smaller than any sampling test could see
 * (a 0.1% misweighting of the rejection step) are caught.
 *
 * Inversion draws one uniform U and returns k exactly when F(k − 1) ≤ U < F(k), so P(k) is the length of
 * the set of U that give k, found by bisection. A transformed rejection trial (PTRS, BTRS) draws (U, V);
 * its candidate k(U) is non-decreasing in U, and the V it accepts form an interval [0, t(U)]. The
 * probability that a trial returns k is therefore ∫ t(U) dU over the U that give k, and the output pmf is
 * proportional to it (repeating a rejected trial only rescales). These areas, divided by the exact pmf,
 * must be the same for every k.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import gammaln from '@stdlib/math-base-special-gammaln';
import { rbinom, rpois } from '../../src/random/samplers.js';
import type { Uniform } from '../../src/random/stream.js';

type Sampler = (u: Uniform) => number;

/** Thrown by the scripted uniform when a sampler asks for more numbers than one trial's. */
const REJECTED = new Error('trial rejected');

/** What the sampler returns when its uniforms are `script`, or undefined if it asks for more (a rejection). */
function run(sample: Sampler, script: readonly number[]): number | undefined {
  let next = 0;
  const u: Uniform = () => {
    if (next >= script.length) throw REJECTED;
    return script[next++]!;
  };
  try {
    return sample(u);
  } catch (error) {
    if (error === REJECTED) return undefined;
    throw error;
  }
}

/** The smallest x in [0, 1), to 2^−steps, where a non-decreasing predicate turns true. */
function firstTrue(predicate: (x: number) => boolean, steps = 55): number {
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < steps; i++) {
    const mid = (lo + hi) / 2;
    if (predicate(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Exact Poisson and binomial probabilities through log-gamma (stdlib), independent of the samplers. */
const poissonPmf = (lambda: number) => (k: number) =>
  Math.exp(-lambda + k * Math.log(lambda) - gammaln(k + 1));
const binomialPmf = (n: number, p: number) => (k: number) =>
  Math.exp(gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p));

/** Asserts that inversion from one uniform gives every k in [from, to] with exactly its pmf. */
function assertInversionExact(sample: Sampler, pmf: (k: number) => number, from: number, to: number) {
  // The first U giving at least k; U → value is non-decreasing for inversion.
  const start = (k: number) => firstTrue((x) => (run(sample, [x]) ?? Infinity) >= k);
  for (let k = from; k <= to; k++) {
    const p = start(k + 1) - start(k);
    assert.ok(Math.abs(p - pmf(k)) <= 1e-13, `P(${k}) = ${p}, exact ${pmf(k)}`);
  }
}

/**
 * Asserts that a two-uniform rejection trial returns each k in [from, to] with probability proportional
 * to pmf(k), to a relative 2e-5. The integral uses the midpoint rule with 50 nodes per k and t(U) to
 * 2⁻⁴⁰; for these cases it is within 4e-6 of its limit (t(U) has steps where the quick acceptance and
 * the |U − ½| > 0.487 rejection start, so convergence is slow in the tails). Misplacing PTRS's hat by
 * moving its 0.43 to 0.6, or dropping the Stirling tail from its acceptance test, shifts ratios by 1e-4
 * and 4e-3.
 */
function assertRejectionExact(sample: Sampler, pmf: (k: number) => number, from: number, to: number) {
  // k(U) is read at V = 0, which every trial accepts when its candidate is in range (log 0 = −∞).
  // Rejections there are candidates below 0 (U < ½) or above n (U > ½).
  const candidate = (x: number) => run(sample, [x, 0]) ?? (x < 0.5 ? -Infinity : Infinity);
  const start = (k: number) => firstTrue((x) => candidate(x) >= k);
  const ratios: number[] = [];
  let lo = start(from);
  for (let k = from; k <= to; k++) {
    const hi = start(k + 1);
    const nodes = 50;
    const h = (hi - lo) / nodes;
    let area = 0;
    for (let i = 0; i < nodes; i++) {
      const x = lo + (i + 0.5) * h;
      // The accepted V form [0, t]: t is where acceptance stops.
      const t = firstTrue((v) => run(sample, [x, v]) === undefined, 40);
      if (t > 0) assert.equal(run(sample, [x, t / 2]), k, 'an accepted trial returns its candidate');
      area += t * h;
    }
    ratios.push(area / pmf(k));
    lo = hi;
  }
  const mean = ratios.reduce((s, r) => s + r, 0) / ratios.length;
  ratios.forEach((r, i) => {
    assert.ok(Math.abs(r / mean - 1) <= 2e-5, `k = ${from + i}: area/pmf is ${r / mean} of the mean`);
  });
}

describe('exact output distributions', () => {
  it('rpois inversion (λ = 3, 29.5) gives P(k) to 1e-13', () => {
    assertInversionExact((u) => rpois(u, 3), poissonPmf(3), 0, 20);
    assertInversionExact((u) => rpois(u, 29.5), poissonPmf(29.5), 5, 70);
  });

  it('rbinom inversion (n = 10, p = 0.3; n = 100, p = 0.2) gives P(k) to 1e-13', () => {
    assertInversionExact((u) => rbinom(u, 10, 0.3), binomialPmf(10, 0.3), 0, 10);
    assertInversionExact((u) => rbinom(u, 100, 0.2), binomialPmf(100, 0.2), 3, 50);
  });

  it('rpois PTRS (λ = 30, 45, 1000) returns k in proportion to the pmf', () => {
    assertRejectionExact((u) => rpois(u, 30), poissonPmf(30), 12, 55);
    assertRejectionExact((u) => rpois(u, 45), poissonPmf(45), 22, 75);
    assertRejectionExact((u) => rpois(u, 1000), poissonPmf(1000), 900, 1100);
  });

  it('rbinom BTRS (n = 100, p = 0.3; n = 1000, p = 0.45) returns k in proportion to the pmf', () => {
    assertRejectionExact((u) => rbinom(u, 100, 0.3), binomialPmf(100, 0.3), 12, 50);
    assertRejectionExact((u) => rbinom(u, 1000, 0.45), binomialPmf(1000, 0.45), 390, 510);
  });
});
