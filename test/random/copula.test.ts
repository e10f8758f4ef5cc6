/**
 * The Gaussian copula: the Spearman-to-Pearson map, Cholesky factors, and the rank correlation and uniform
 * marginals of correlated draws.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { spearman } from '../../src/analysis/sensitivity/correlation.js';
import { cholesky, correlateUniforms, spearmanToPearson } from '../../src/random/copula.js';
import { runStream, STREAM_RULES, seedKey } from '../../src/random/stream.js';
import { assertMoments, assertNear } from '../support/statistics.js';

/** n correlated draws of dimension L.length, one column per coordinate. */
function correlatedSample(name: string, n: number, L: number[][]): Float64Array[] {
  const u = runStream(seedKey(`copula:${name}`), 0, STREAM_RULES);
  const columns = L.map(() => new Float64Array(n));
  const row = new Float64Array(L.length);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < row.length; j++) row[j] = u();
    correlateUniforms(row, L);
    for (let j = 0; j < row.length; j++) columns[j]![i] = row[j]!;
  }
  return columns;
}

describe('spearmanToPearson', () => {
  it('maps 0 → 0 and ±1 → ±1 exactly', () => {
    assert.equal(spearmanToPearson(0), 0);
    assert.equal(spearmanToPearson(1), 1);
    assert.equal(spearmanToPearson(-1), -1);
  });

  it('is 2·sin(πρ/6): ρ = ½ gives 2·sin 15° = (√6 − √2)/2', () => {
    assertNear(spearmanToPearson(0.5), (Math.sqrt(6) - Math.sqrt(2)) / 2, 1e-15, 'ρ = ½');
  });

  it('inverts ρ_S = (6/π)·arcsin(r/2) and rejects |ρ| > 1', () => {
    for (const rho of [-0.9, -0.3, 0.1, 0.6, 0.99]) {
      assertNear((6 / Math.PI) * Math.asin(spearmanToPearson(rho) / 2), rho, 1e-15, `ρ = ${rho}`);
    }
    assert.ok(Number.isNaN(spearmanToPearson(1.2)));
    assert.ok(Number.isNaN(spearmanToPearson(Number.NaN)));
  });
});

describe('cholesky', () => {
  it('factors [[4, 2], [2, 3]] as [[2, 0], [1, √2]] (by hand: 2 = √4, 1 = 2/2, √2 = √(3 − 1²))', () => {
    assert.deepEqual(
      cholesky([
        [4, 2],
        [2, 3],
      ]),
      [
        [2, 0],
        [1, Math.SQRT2],
      ],
    );
  });

  it('reconstructs a 4×4 correlation matrix as L·Lᵀ', () => {
    const a = [
      [1, 0.3, -0.2, 0.5],
      [0.3, 1, 0.4, 0.1],
      [-0.2, 0.4, 1, -0.3],
      [0.5, 0.1, -0.3, 1],
    ];
    const l = cholesky(a);
    assert.ok(l !== undefined);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        let s = 0;
        for (let k = 0; k < 4; k++) s += l[i]![k]! * l[j]![k]!;
        assertNear(s, a[i]![j]!, 1e-14, `(L·Lᵀ)[${i}][${j}]`);
        if (j > i) assert.equal(l[i]![j], 0);
      }
    }
  });

  it('rejects matrices that are not positive definite, symmetric or square', () => {
    // Determinant 1·(1 − 0.81) − 0.9·(0.9 + 0.81) + 0.9·(−0.81 − 0.9) = −2.888 < 0.
    const indefinite = [
      [1, 0.9, 0.9],
      [0.9, 1, -0.9],
      [0.9, -0.9, 1],
    ];
    assert.equal(cholesky(indefinite), undefined);
    // Singular (rank 1): rounding must not let it through.
    assert.equal(
      cholesky([
        [1, 1],
        [1, 1],
      ]),
      undefined,
    );
    // Singular 3×3 with determinant exactly 0: 1·0.75 − 0.5·0.75 + 0.5·(−0.75).
    const singular = [
      [1, 0.5, 0.5],
      [0.5, 1, -0.5],
      [0.5, -0.5, 1],
    ];
    assert.equal(cholesky(singular), undefined);
    assert.equal(
      cholesky([
        [1, 0.5],
        [0.2, 1],
      ]),
      undefined,
    );
    assert.equal(cholesky([[1, 0.5]]), undefined);
    assert.equal(
      cholesky([
        [1, Number.NaN],
        [Number.NaN, 1],
      ]),
      undefined,
    );
    assert.deepEqual(cholesky([]), []);
  });
});

describe('correlateUniforms', () => {
  it('with ρ_S = 0.6 on 20,000 pairs, the sample Spearman correlation is 0.6 within 5 SE', () => {
    const r = spearmanToPearson(0.6);
    const L = cholesky([
      [1, r],
      [r, 1],
    ])!;
    const [x, y] = correlatedSample('pair', 20_000, L) as [Float64Array, Float64Array];
    // SE ≈ (1 − ρ²)/√(n − 1): the large-sample SE of Pearson's r for normal data, used here as an
    // approximation for Spearman's ρ under a Gaussian copula (the exact asymptotic SE differs by a few %).
    const se = (1 - 0.6 ** 2) / Math.sqrt(20_000 - 1);
    assertNear(spearman(x, y), 0.6, 5 * se, 'Spearman');
    // The marginals stay uniform: mean ½, variance 1/12, κ = 9/5.
    for (const column of [x, y])
      assertMoments(column, { mean: 0.5, variance: 1 / 12, kurtosis: 9 / 5 }, 'marginal');
  });

  it('imposes every pair of a 3×3 rank-correlation matrix (in-place product reads the right entries)', () => {
    const target = [
      [1, 0.5, -0.3],
      [0.5, 1, 0.2],
      [-0.3, 0.2, 1],
    ];
    const L = cholesky(target.map((row, i) => row.map((rho, j) => (i === j ? 1 : spearmanToPearson(rho)))))!;
    const columns = correlatedSample('triple', 20_000, L);
    for (const [i, j] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ] as const) {
      const rho = target[i]![j]!;
      const se = (1 - rho ** 2) / Math.sqrt(20_000 - 1); // as above
      assertNear(spearman(columns[i]!, columns[j]!), rho, 5 * se, `Spearman[${i}][${j}]`);
    }
  });

  it('leaves uniforms unchanged (to rounding) under the identity, and keeps them inside (0, 1)', () => {
    const u = new Float64Array([0.001, 0.25, 0.5, 0.9, 0.999999]);
    const before = Array.from(u);
    correlateUniforms(u, [
      [1, 0, 0, 0, 0],
      [0, 1, 0, 0, 0],
      [0, 0, 1, 0, 0],
      [0, 0, 0, 1, 0],
      [0, 0, 0, 0, 1],
    ]);
    for (const [i, v] of before.entries()) assertNear(u[i]!, v, 1e-14, `u[${i}]`);
    const edges = new Float64Array([0, 0.9999999999999999]);
    correlateUniforms(edges, [
      [1, 0],
      [0, 1],
    ]);
    assert.ok(edges[0]! > 0 && edges[1]! < 1);
    assert.throws(() => correlateUniforms(new Float64Array(3), [[1]]), RangeError);
  });
});
