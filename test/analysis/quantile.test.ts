/** quantileSorted against values computed in R and numpy (type 7, their default). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quantileSorted } from '../../src/analysis/quantile.js';

describe('quantileSorted (Hyndman & Fan type 7)', () => {
  it('matches R: quantile(1:10, c(.05, .25, .5, .75, .95)) = 1.45 3.25 5.50 7.75 9.55', () => {
    const x = Float64Array.from({ length: 10 }, (_, i) => i + 1);
    const got = [0.05, 0.25, 0.5, 0.75, 0.95].map((p) => quantileSorted(x, p));
    for (const [i, want] of [1.45, 3.25, 5.5, 7.75, 9.55].entries()) {
      assert.ok(Math.abs(got[i]! - want) < 1e-12, `${got[i]} vs ${want}`);
    }
  });

  it('matches numpy: np.percentile([1, 2, 4, 8, 16], 90) = 12.8', () => {
    assert.ok(Math.abs(quantileSorted([1, 2, 4, 8, 16], 0.9) - 12.8) < 1e-12);
  });

  it('handles one value and no values', () => {
    assert.equal(quantileSorted([7], 0.3), 7);
    assert.ok(Number.isNaN(quantileSorted([], 0.5)));
  });
});
