/**
 * The per-step samplers: moments and probabilities against exact values, edge cases, and determinism.
 * Tolerances are 5 standard errors (see test/support/statistics.ts); each kurtosis κ = μ₄/σ⁴ used is written beside it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import gammaln from '@stdlib/math-base-special-gammaln';
import fc from 'fast-check';
import { binomialSearch } from '../../src/random/binomial.js';
import { poissonSearch } from '../../src/random/poisson.js';
import { rbern, rbinom, rexp, rnorm, rpois, runif } from '../../src/random/samplers.js';
import { runStream, STREAM_RULES, seedKey, type Uniform } from '../../src/random/stream.js';
import {
  assertHugeMean,
  assertMoments,
  assertPmfFits,
  assertProportion,
  draws,
} from '../support/statistics.js';

const N = 200_000;

/** A fresh stream for one test, named so that tests do not share numbers. */
function stream(name: string): Uniform {
  return runStream(seedKey(`samplers:${name}`), 0, STREAM_RULES);
}

/** Poisson moments: mean = variance = λ; excess kurtosis 1/λ, so κ = 3 + 1/λ. */
function poissonMoments(lambda: number) {
  return { mean: lambda, variance: lambda, kurtosis: 3 + 1 / lambda };
}

/** Binomial moments: mean np, variance npq; excess kurtosis (1 − 6pq)/(npq), so κ = 3 + (1 − 6pq)/(npq). */
function binomialMoments(n: number, p: number) {
  const npq = n * p * (1 - p);
  return { mean: n * p, variance: npq, kurtosis: 3 + (1 - 6 * p * (1 - p)) / npq };
}

/** Exact Poisson probability e^−λ·λ^k/k!, through log-gamma (stdlib), independently of the samplers. */
function poissonPmf(lambda: number, k: number): number {
  return Math.exp(-lambda + k * Math.log(lambda) - gammaln(k + 1));
}

/** Exact binomial probability C(n, k)·p^k·(1 − p)^(n−k), through log-gamma (stdlib). */
function binomialPmf(n: number, p: number, k: number): number {
  return Math.exp(
    gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p),
  );
}

describe('runif, rbern, rexp, rnorm: moments over 200,000 draws', () => {
  it('runif(2, 5): mean (a+b)/2, variance (b−a)²/12, κ = 9/5', () => {
    const u = stream('runif');
    assertMoments(
      draws(N, () => runif(u, 2, 5)),
      { mean: 3.5, variance: 0.75, kurtosis: 9 / 5 },
      'runif',
    );
  });

  it('rbern(0.3): mean p, variance pq, κ = 3 + (1 − 6pq)/(pq)', () => {
    const u = stream('rbern');
    const pq = 0.3 * 0.7;
    assertMoments(
      draws(N, () => rbern(u, 0.3)),
      { mean: 0.3, variance: pq, kurtosis: 3 + (1 - 6 * pq) / pq },
      'rbern',
    );
  });

  it('rexp(2): mean 1/rate, variance 1/rate², κ = 9', () => {
    const u = stream('rexp');
    assertMoments(
      draws(N, () => rexp(u, 2)),
      { mean: 0.5, variance: 0.25, kurtosis: 9 },
      'rexp',
    );
  });

  it('rnorm(1, 2): mean, variance sd², κ = 3', () => {
    const u = stream('rnorm');
    assertMoments(
      draws(N, () => rnorm(u, 1, 2)),
      { mean: 1, variance: 4, kurtosis: 3 },
      'rnorm',
    );
  });
});

describe('rpois', () => {
  for (const lambda of [0.7, 4, 29.5]) {
    it(`λ = ${lambda} (inversion): mean λ, variance λ, κ = 3 + 1/λ`, () => {
      const u = stream(`rpois ${lambda}`);
      assertMoments(
        draws(N, () => rpois(u, lambda)),
        poissonMoments(lambda),
        `rpois(${lambda})`,
      );
    });
  }

  for (const lambda of [30, 250, 1e6, 1e12]) {
    it(`λ = ${lambda} (PTRS): mean λ, variance λ, κ = 3 + 1/λ`, () => {
      const u = stream(`rpois ${lambda}`);
      assertMoments(
        draws(N, () => rpois(u, lambda)),
        poissonMoments(lambda),
        `rpois(${lambda})`,
      );
    });
  }

  it('λ = 3 (inversion): P(X = k) for k = 0..8 matches the exact pmf', () => {
    const u = stream('rpois pmf 3');
    const xs = draws(N, () => rpois(u, 3));
    for (let k = 0; k <= 8; k++) assertProportion(xs, k, poissonPmf(3, k), 'rpois(3)');
  });

  it('λ = 45 (PTRS): P(X = k) near the mode and in both tails matches the exact pmf', () => {
    const u = stream('rpois pmf 45');
    const xs = draws(N, () => rpois(u, 45));
    for (const k of [28, 35, 40, 44, 45, 50, 55, 62]) assertProportion(xs, k, poissonPmf(45, k), 'rpois(45)');
  });

  for (const lambda of [3, 30, 45, 5000]) {
    it(`λ = ${lambda}: 400,000 draws fit the exact pmf (chi-square)`, () => {
      const u = stream(`rpois chi-square ${lambda}`);
      const xs = draws(400_000, () => rpois(u, lambda));
      assertPmfFits(xs, (k) => poissonPmf(lambda, k), Math.floor(lambda), Infinity, `rpois(${lambda})`);
    });
  }

  it('gives 0 for λ ≤ 0 and NaN for NaN or +Infinity, without hanging on huge λ', () => {
    const u = stream('rpois edges');
    assert.equal(rpois(u, 0), 0);
    assert.equal(rpois(u, -2), 0);
    assert.equal(rpois(u, -Infinity), 0);
    assert.ok(Number.isNaN(rpois(u, Number.NaN)));
    assert.ok(Number.isNaN(rpois(u, Infinity)));
    for (const lambda of [1e100, 1e300, Number.MAX_VALUE]) {
      const x = rpois(u, lambda);
      assert.ok(x >= 0 && Number.isFinite(x), `rpois(${lambda}) = ${x}`);
    }
  });

  it('λ ≥ 1e100: the draws have mean λ (σ = √λ), as integers', () => {
    const u = stream('rpois huge');
    for (const lambda of [1e100, 1e300, Number.MAX_VALUE]) {
      const xs = draws(2000, () => rpois(u, lambda));
      assert.ok(xs.every(Number.isInteger), `rpois(${lambda}) gives integers`);
      assertHugeMean(xs, lambda, Math.sqrt(lambda), `rpois(${lambda})`);
    }
  });
});

describe('rbinom', () => {
  const inversion: [number, number][] = [
    [20, 0.3],
    [100, 0.85], // n·(1 − p) = 15: symmetry, then inversion
    [1e12, 1e-11], // n·p = 10 with tiny p: (1 − p)^n must come from log1p
  ];
  for (const [n, p] of inversion) {
    it(`n = ${n}, p = ${p} (inversion): mean np, variance npq, κ = 3 + (1 − 6pq)/(npq)`, () => {
      const u = stream(`rbinom ${n} ${p}`);
      assertMoments(
        draws(N, () => rbinom(u, n, p)),
        binomialMoments(n, p),
        `rbinom(${n}, ${p})`,
      );
    });
  }

  const btrs: [number, number][] = [
    [1000, 0.3],
    [200, 0.85], // n·(1 − p) = 30: symmetry, then BTRS
    [1e9, 0.4],
    [1e15, 0.5],
  ];
  for (const [n, p] of btrs) {
    it(`n = ${n}, p = ${p} (BTRS): mean np, variance npq, κ = 3 + (1 − 6pq)/(npq)`, () => {
      const u = stream(`rbinom ${n} ${p}`);
      assertMoments(
        draws(N, () => rbinom(u, n, p)),
        binomialMoments(n, p),
        `rbinom(${n}, ${p})`,
      );
    });
  }

  it('rounds n down as the expressions’ floor does: a hair below a whole number is that number', () => {
    // Results of a model's arithmetic a hair off a whole number, and two clearly between: each n must draw
    // what its whole number draws, on the same stream.
    const pairs: [number, number][] = [
      [679.9999999999999, 680],
      [0.1 * 3 * 10, 3],
      [2.9999999999999996, 3],
      [679.5, 679],
      [1000.9999, 1000],
    ];
    for (const p of [0.3, 0.01]) // BTRS and inversion at n ≈ 680
      for (const [n, whole] of pairs) {
        const a = stream(`rbinom floor ${n} ${p}`);
        const b = stream(`rbinom floor ${n} ${p}`);
        for (let i = 0; i < 200; i++)
          assert.equal(rbinom(a, n, p), rbinom(b, whole, p), `rbinom(${n}, ${p})`);
      }
    const u = stream('rbinom floor one');
    assert.equal(rbinom(u, 0.9999999999999999, 1), 1);
    assert.equal(rbinom(u, 0.99, 1), 0);
  });

  it('n = 10, p = 0.3 (inversion): P(X = k) for k = 0..10 matches the exact pmf', () => {
    const u = stream('rbinom pmf 10');
    const xs = draws(N, () => rbinom(u, 10, 0.3));
    for (let k = 0; k <= 10; k++) assertProportion(xs, k, binomialPmf(10, 0.3, k), 'rbinom(10, 0.3)');
  });

  it('n = 1000, p = 0.3 (BTRS) and n = 200, p = 0.85 (BTRS by symmetry): P(X = k) matches the exact pmf', () => {
    const u = stream('rbinom pmf btrs');
    const xs = draws(N, () => rbinom(u, 1000, 0.3));
    for (const k of [260, 285, 295, 300, 305, 315, 340]) {
      assertProportion(xs, k, binomialPmf(1000, 0.3, k), 'rbinom(1000, 0.3)');
    }
    const ys = draws(N, () => rbinom(u, 200, 0.85));
    for (const k of [155, 165, 170, 175, 182])
      assertProportion(ys, k, binomialPmf(200, 0.85, k), 'rbinom(200, 0.85)');
  });

  const fits: [number, number][] = [
    [10, 0.3],
    [1000, 0.3],
    [200, 0.85],
    [100_000, 0.02],
  ];
  for (const [n, p] of fits) {
    it(`n = ${n}, p = ${p}: 400,000 draws fit the exact pmf (chi-square)`, () => {
      const u = stream(`rbinom chi-square ${n} ${p}`);
      const xs = draws(400_000, () => rbinom(u, n, p));
      assertPmfFits(xs, (k) => binomialPmf(n, p, k), Math.floor((n + 1) * p), n, `rbinom(${n}, ${p})`);
    });
  }

  it('floors n, gives 0 for n ≤ 0, clamps p, and gives NaN for NaN or n = +Infinity', () => {
    const u = stream('rbinom edges');
    assert.equal(rbinom(u, 0, 0.5), 0);
    assert.equal(rbinom(u, 0.9, 0.5), 0);
    assert.equal(rbinom(u, -5, 0.5), 0);
    assert.equal(rbinom(u, -Infinity, 0.5), 0);
    assert.equal(rbinom(u, 7.9, 1), 7);
    assert.equal(rbinom(u, 7, 1.5), 7);
    assert.equal(rbinom(u, 7, -0.5), 0);
    assert.ok(Number.isNaN(rbinom(u, Number.NaN, 0.5)));
    assert.ok(Number.isNaN(rbinom(u, 10, Number.NaN)));
    assert.ok(Number.isNaN(rbinom(u, Infinity, 0.5)));
    for (const n of [1e100, 1e300, Number.MAX_VALUE]) {
      const x = rbinom(u, n, 0.3);
      assert.ok(x >= 0 && x <= n, `rbinom(${n}, 0.3) = ${x}`);
    }
  });

  it('n ≥ 1e100: the draws have mean np (σ = √(npq)), for p on both sides of ½', () => {
    const u = stream('rbinom huge');
    for (const n of [1e100, 1e300, Number.MAX_VALUE]) {
      for (const p of [0.3, 0.85]) {
        const xs = draws(2000, () => rbinom(u, n, p));
        assert.ok(xs.every(Number.isInteger), `rbinom(${n}, ${p}) gives integers`);
        assertHugeMean(xs, n * p, Math.sqrt(n * p * (1 - p)), `rbinom(${n}, ${p})`);
      }
    }
  });
});

describe('edge cases of runif, rbern, rexp, rnorm (as R, where R defines them)', () => {
  it('returns NaN for NaN or impossible parameters and the limit for degenerate ones', () => {
    const u = stream('edges');
    assert.ok(Number.isNaN(runif(u, 3, 2)));
    assert.ok(Number.isNaN(runif(u, Number.NaN, 1)));
    assert.ok(Number.isNaN(runif(u, 0, Infinity)));
    assert.equal(runif(u, 2, 2), 2);
    assert.ok(Number.isNaN(rbern(u, Number.NaN)));
    assert.equal(rbern(u, 1.5), 1);
    assert.equal(rbern(u, -0.5), 0);
    assert.ok(Number.isNaN(rexp(u, -1)));
    assert.ok(Number.isNaN(rexp(u, Number.NaN)));
    assert.equal(rexp(u, 0), Infinity);
    assert.ok(Number.isNaN(rnorm(u, Number.NaN, 1)));
    assert.ok(Number.isNaN(rnorm(u, 0, -1)));
    assert.ok(Number.isNaN(rnorm(u, 0, Infinity)));
    assert.equal(rnorm(u, 3, 0), 3);
  });

  it('never returns log(0) artefacts when the uniform is exactly 0', () => {
    const zero: Uniform = () => 0;
    assert.equal(rexp(zero, 1), 0);
    assert.equal(rnorm(zero, 5, 1), 5);
    assert.equal(rpois(zero, 3), 0);
    assert.equal(rbinom(zero, 10, 0.3), 0);
  });
});

describe('determinism', () => {
  /** A fixed mixture of calls covering every sampler and branch. */
  function mixture(u: Uniform): number[] {
    const out: number[] = [];
    for (let i = 0; i < 500; i++) {
      out.push(
        runif(u, -1, 1),
        rbern(u, 0.4),
        rexp(u, 3),
        rnorm(u, 0, 1),
        rpois(u, 2.5),
        rpois(u, 80),
        rbinom(u, 12, 0.3),
        rbinom(u, 500, 0.6),
      );
    }
    return out;
  }

  it('the same stream gives identical sequences', () => {
    const key = seedKey(42);
    assert.deepEqual(mixture(runStream(key, 7, STREAM_RULES)), mixture(runStream(key, 7, STREAM_RULES)));
    assert.notDeepEqual(mixture(runStream(key, 7, STREAM_RULES)), mixture(runStream(key, 8, STREAM_RULES)));
  });

  it('each call is a pure function of the uniforms it draws (no spare value kept between calls)', () => {
    const source = stream('purity');
    let taken: number[] = [];
    const recording: Uniform = () => {
      const x = source();
      taken.push(x);
      return x;
    };
    const calls: ((u: Uniform) => number)[] = [
      (u) => rnorm(u, 0, 1),
      (u) => rnorm(u, 2, 3),
      (u) => rpois(u, 4),
      (u) => rpois(u, 300),
      (u) => rbinom(u, 30, 0.2),
      (u) => rbinom(u, 5000, 0.7),
      (u) => rexp(u, 1),
      (u) => runif(u, 0, 9),
      (u) => rbern(u, 0.5),
    ];
    for (let i = 0; i < 2000; i++) {
      const call = calls[i % calls.length]!;
      taken = [];
      const value = call(recording);
      // Replay exactly the numbers this call drew, in a fresh source: same value, all of them consumed.
      const replayed = taken.slice();
      let next = 0;
      const replay: Uniform = () => {
        assert.ok(next < replayed.length, 'the call drew more numbers on replay');
        return replayed[next++]!;
      };
      assert.equal(call(replay), value);
      assert.equal(next, replayed.length);
    }
  });
});

describe('the inversions’ shortcut for a draw of 0', () => {
  // Uniforms as the stream makes them (multiples of 2^-53 in [0, 1)), or within 8 doubles of the bound the
  // shortcut tests (1 − λ − 2^-52, 1 − n·p − 1e-14), where a wrong bound would show.
  const uniform = fc.integer({ min: 0, max: 2 ** 53 - 1 }).map((i) => i / 2 ** 53);
  const nearBound = fc.option(fc.integer({ min: -8, max: 8 }), { freq: 2 });
  const pick = (u: number, j: number | null, bound: number) =>
    j === null ? u : Math.min(Math.max(stepDoubles(bound, j), 0), 1 - 2 ** -53);
  const small = fc.oneof(
    fc.double({ min: 1e-300, max: 1e-12, noNaN: true }),
    fc.double({ min: 1e-12, max: 0.999, noNaN: true }),
    fc.double({ min: 0.999, max: 29.999, noNaN: true }),
  );
  const once =
    (v: number): Uniform =>
    () =>
      v;

  it('rpois: the same value as the search alone, bit for bit, for λ < 30', () => {
    fc.assert(
      fc.property(small, uniform, nearBound, (lambda, u, j) => {
        const v = pick(u, j, 1 - lambda - 2 ** -52);
        assert.ok(Object.is(rpois(once(v), lambda), poissonSearch(v, lambda)), `λ = ${lambda}, v = ${v}`);
      }),
      { numRuns: 20_000, seed: 8 },
    );
  });

  it('rbinom: the same value as the search alone, bit for bit, for p ≤ ½ and n·p < 30', () => {
    const trials = fc.integer({ min: 1, max: 2 ** 40 });
    fc.assert(
      fc.property(trials, small, uniform, nearBound, (n, mean, u, j) => {
        const p = Math.min(0.5, mean / n);
        fc.pre(p > 0 && n * p < 30);
        const v = pick(u, j, 1 - n * p - 1e-14);
        assert.ok(Object.is(rbinom(once(v), n, p), binomialSearch(v, n, p)), `n = ${n}, p = ${p}, v = ${v}`);
      }),
      { numRuns: 20_000, seed: 8 },
    );
  });
});

/** The double j steps away from x (x ≥ 0; below 0 gives 0). */
function stepDoubles(x: number, j: number): number {
  if (x <= 0 && j <= 0) return 0;
  const b = new Float64Array([x]);
  const w = new BigInt64Array(b.buffer);
  w[0] = w[0]! + BigInt(j);
  return b[0]! < 0 ? 0 : b[0]!;
}
