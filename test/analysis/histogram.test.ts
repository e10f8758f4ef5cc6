/** Sturges histograms at snapshot dates: hand-counted bins. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { histogramOf } from '../../src/analysis/histogram.js';

describe('histogramOf (Sturges)', () => {
  it('bins 0..9 into max(5, ⌈log2 10⌉ + 1) = 5 bins of width 1.8, the last one closed', () => {
    const bins = histogramOf(Array.from({ length: 10 }, (_, i) => i));
    // Edges 0, 1.8, 3.6, 5.4, 7.2, 9: {0,1} {2,3} {4,5} {6,7} {8,9}.
    assert.deepEqual(
      bins.map((b) => b.count),
      [2, 2, 2, 2, 2],
    );
    assert.equal(bins[0]!.lo, 0);
    assert.equal(bins.at(-1)!.hi, 9);
  });

  it('uses ⌈log2 n⌉ + 1 bins once that exceeds 5, and counts every value', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    const bins = histogramOf(values);
    assert.equal(bins.length, 11); // ⌈log2 1000⌉ + 1 = 10 + 1
    assert.equal(
      bins.reduce((s, b) => s + b.count, 0),
      1000,
    );
  });

  it('gives one bin when every run agrees, and none for no runs', () => {
    assert.deepEqual(histogramOf([3, 3, 3]), [{ lo: 3, hi: 3, count: 3 }]);
    assert.deepEqual(histogramOf([]), []);
  });
});
