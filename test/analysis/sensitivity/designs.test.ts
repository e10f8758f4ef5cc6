/**
 * The model's copula split into independent blocks, and Saltelli's design drawn through them: each block
 * keeps its declared correlations in A and B, and a factor that holds a block moves it whole into AB_i.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pearson, ranks } from '../../../src/analysis/sensitivity/correlation.js';
import { copulaBlocks, saltelliDesign } from '../../../src/analysis/sensitivity/designs.js';
import { cholesky, spearmanToPearson } from '../../../src/random/copula.js';

const r = spearmanToPearson(0.5);
const s = spearmanToPearson(-0.3);
// Slots 3 and 5 correlated, slots 8 and 9 correlated, the two pairs independent of each other.
const C = [
  [1, r, 0, 0],
  [r, 1, 0, 0],
  [0, 0, 1, s],
  [0, 0, s, 1],
];
const COPULA = { slots: [3, 5, 8, 9], L: cholesky(C)! };

describe('copula blocks', () => {
  it('splits a copula into its independent blocks, each with its own Cholesky factor', () => {
    const blocks = copulaBlocks(COPULA);
    assert.deepEqual(
      blocks.map((b) => b.slots),
      [
        [3, 5],
        [8, 9],
      ],
    );
    // L·Lᵀ gives back each block's correlations (to rounding: 1e-15).
    for (const [b, rho] of [
      [blocks[0]!, r],
      [blocks[1]!, s],
    ] as const) {
      const l = b.L;
      assert.ok(Math.abs(l[0]![0]! ** 2 - 1) < 1e-15);
      assert.ok(Math.abs(l[1]![0]! * l[0]![0]! - rho) < 1e-15);
      assert.ok(Math.abs(l[1]![0]! ** 2 + l[1]![1]! ** 2 - 1) < 1e-15);
    }
    assert.deepEqual(copulaBlocks(undefined), []);
  });

  it("draws Saltelli's A and B through the blocks; AB_i takes a whole correlated factor from B", () => {
    const N = 4000;
    const factors = [
      { name: 'x3 + x5', slots: [3, 5], correlated: true },
      { name: 'x7', slots: [7] },
    ];
    const design = saltelliDesign(factors, N, 1, copulaBlocks(COPULA));
    const m = design.slots.length;
    assert.deepEqual(design.slots, [3, 5, 7]);
    const column = (block: number, c: number) =>
      Float64Array.from({ length: N }, (_, j) => design.u[(block * N + j) * m + c]!);
    // Spearman ρ of 4,000 pairs has sd ≈ (1 − ρ²)/√N ≈ 0.012: 0.05 is four of them.
    for (const block of [0, 1]) {
      const rho = pearson(ranks(column(block, 0)), ranks(column(block, 1)));
      assert.ok(Math.abs(rho - 0.5) < 0.05, `block ${block}: ρ = ${rho}`);
      assert.ok(Math.abs(pearson(ranks(column(block, 0)), ranks(column(block, 2)))) < 0.05);
    }
    // AB_1 (the correlated factor from B) and AB_2 (x7 from B), row by row.
    for (let j = 0; j < N; j += 97) {
      const row = (block: number) => [...design.u.subarray((block * N + j) * m, (block * N + j + 1) * m)];
      const [a, b, ab1, ab2] = [row(0), row(1), row(2), row(3)];
      assert.deepEqual(ab1, [b[0], b[1], a[2]]);
      assert.deepEqual(ab2, [a[0], a[1], b[2]]);
    }
    // A block some of whose slots are not designed is left alone (independent uniforms).
    const partial = saltelliDesign([{ name: 'x3', slots: [3] }], 10, 1, copulaBlocks(COPULA));
    const plain = saltelliDesign([{ name: 'x3', slots: [3] }], 10, 1);
    assert.deepEqual(partial.u, plain.u);
  });
});
