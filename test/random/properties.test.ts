/**
 * Properties over random valid parameters (fast-check, fixed seeds so that runs are reproducible):
 * quantiles are non-decreasing and inside the support, truncation stays inside its range, and the
 * count samplers return integers in range.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { F } from '../../src/expr/runtime.js';
import type { Distribution } from '../../src/model/schema.js';
import {
  distributionProblems,
  quantile,
  support,
  truncatedQuantile,
} from '../../src/random/distributions.js';
import { rbinom, rpois } from '../../src/random/samplers.js';
import { runStream, STREAM_RULES, seedKey } from '../../src/random/stream.js';

const RUNS = { seed: 20_240_611, numRuns: 1_000 };

const num = (min: number, max: number) => fc.double({ min, max, noNaN: true });
const probability = num(0, 1);

/** min, max = min + width, and mode placed at a fraction of the width. */
const bounds = fc
  .tuple(num(-1e6, 1e6), num(1e-3, 1e6), num(0, 1))
  .map(([min, width, at]) => ({ min, max: min + width, mode: Math.min(min + width, min + at * width) }));

const distribution: fc.Arbitrary<Distribution> = fc.oneof(
  bounds.map(({ min, max }): Distribution => ({ dist: 'uniform', min, max })),
  bounds.map(({ min, mode, max }): Distribution => ({ dist: 'triangular', min, mode, max })),
  fc
    .tuple(bounds, fc.option(num(0, 20), { nil: undefined }))
    .map(
      ([{ min, mode, max }, lambda]): Distribution =>
        lambda === undefined ? { dist: 'pert', min, mode, max } : { dist: 'pert', min, mode, max, lambda },
    ),
  fc.tuple(num(-1e6, 1e6), num(1e-3, 1e3)).map(([mean, sd]): Distribution => ({ dist: 'normal', mean, sd })),
  fc.tuple(num(-10, 10), num(0.01, 3)).map(([mu, sigma]): Distribution => ({ dist: 'lognormal', mu, sigma })),
  fc
    .tuple(num(0.05, 100), num(0.05, 100), fc.option(bounds, { nil: undefined }))
    .map(
      ([alpha, beta, b]): Distribution =>
        b === undefined
          ? { dist: 'beta', alpha, beta }
          : { dist: 'beta', alpha, beta, min: b.min, max: b.max },
    ),
  fc
    .array(fc.tuple(num(-1e3, 1e3), fc.oneof(fc.constant(0), num(0.01, 10))), { minLength: 1, maxLength: 8 })
    .filter((atoms) => atoms.some(([, w]) => w > 0))
    .chain((atoms) =>
      fc
        .boolean()
        .map(
          (weighted): Distribution =>
            weighted
              ? { dist: 'choice', values: atoms.map(([v]) => v), weights: atoms.map(([, w]) => w) }
              : { dist: 'choice', values: atoms.map(([v]) => v) },
        ),
    ),
);

/**
 * How far a larger p may give a smaller quantile. Exact for every kind but beta and PERT, whose quantile is
 * stdlib's iterative inverse of the incomplete beta function: a dense scan of 1-ulp steps in p found it
 * decreasing by up to 2.2e-15 of the [0, 1] value, so it is allowed 1e-14 of the width hi − lo.
 */
function slack(d: Distribution): number {
  if (d.dist !== 'beta' && d.dist !== 'pert') return 0;
  const [lo, hi] = support(d);
  return 1e-14 * (hi - lo);
}

describe('quantile', () => {
  it('the generated distributions are valid', () => {
    fc.assert(
      fc.property(distribution, (d) => {
        assert.deepEqual(distributionProblems(d), []);
      }),
      RUNS,
    );
  });

  it('is non-decreasing in p and inside the support', () => {
    fc.assert(
      fc.property(distribution, probability, probability, (d, p1, p2) => {
        const [lo, hi] = p1 <= p2 ? [p1, p2] : [p2, p1];
        const q1 = quantile(d, lo);
        const q2 = quantile(d, hi);
        const [first, last] = support(d);
        assert.ok(
          q1 >= first && q2 <= last,
          `Q(${lo}) = ${q1}, Q(${hi}) = ${q2}, support [${first}, ${last}]`,
        );
        assert.ok(q2 >= q1 - slack(d), `Q(${lo}) = ${q1} > Q(${hi}) = ${q2}`);
      }),
      RUNS,
    );
  });
});

describe('truncatedQuantile', () => {
  /** Whether [lo, hi] holds a point of the support: for `choice`, a value of positive weight. */
  function meets(d: Distribution, lo: number, hi: number): boolean {
    if (d.dist === 'choice') {
      return d.values.some((v, i) => v >= lo && v <= hi && (d.weights === undefined || d.weights[i]! > 0));
    }
    const [first, last] = support(d);
    return Math.max(lo, first) <= Math.min(hi, last);
  }

  it('is non-decreasing in p and inside [lo, hi] ∩ support, or NaN when they do not meet', () => {
    fc.assert(
      fc.property(
        distribution,
        probability,
        probability,
        num(-2e6, 2e6),
        num(0, 2e6),
        (d, p1, p2, lo, width) => {
          const hi = lo + width;
          const [pLow, pHigh] = p1 <= p2 ? [p1, p2] : [p2, p1];
          const q1 = truncatedQuantile(d, pLow, lo, hi);
          const q2 = truncatedQuantile(d, pHigh, lo, hi);
          if (!meets(d, lo, hi)) {
            assert.ok(Number.isNaN(q1) && Number.isNaN(q2), `${q1}, ${q2} for a range outside the support`);
            return;
          }
          const [first, last] = support(d);
          const a = Math.max(lo, first);
          const b = Math.min(hi, last);
          assert.ok(q1 >= a && q2 <= b, `Q(${pLow}) = ${q1}, Q(${pHigh}) = ${q2}, range [${a}, ${b}]`);
          assert.ok(q2 >= q1 - slack(d), `Q(${pLow}) = ${q1} > Q(${pHigh}) = ${q2}`);
        },
      ),
      RUNS,
    );
  });
});

describe('count samplers', () => {
  const lambda = fc.oneof(num(0, 40), num(0, 1e8), fc.constantFrom(1e12, 1e15, 1e100, Number.MAX_VALUE));
  const trials = fc.oneof(num(0, 100), num(0, 1e9), fc.constantFrom(1e15, 1e100, Number.MAX_VALUE));

  it('rpois returns integers ≥ 0', () => {
    fc.assert(
      fc.property(fc.integer(), lambda, (seed, l) => {
        const u = runStream(seedKey(seed), 0, STREAM_RULES);
        for (let i = 0; i < 20; i++) {
          const x = rpois(u, l);
          assert.ok(Number.isInteger(x) && x >= 0, `rpois(${l}) = ${x}`);
        }
      }),
      RUNS,
    );
  });

  // ⌊n⌋ is the expressions' tolerant floor: 99.99999999990001 trials are 100.
  it('rbinom returns integers in [0, ⌊n⌋], p clamped', () => {
    fc.assert(
      fc.property(fc.integer(), trials, num(-0.5, 1.5), (seed, n, p) => {
        const u = runStream(seedKey(seed), 0, STREAM_RULES);
        for (let i = 0; i < 20; i++) {
          const x = rbinom(u, n, p);
          assert.ok(Number.isInteger(x) && x >= 0 && x <= F.floor(n), `rbinom(${n}, ${p}) = ${x}`);
        }
      }),
      RUNS,
    );
  });
});
