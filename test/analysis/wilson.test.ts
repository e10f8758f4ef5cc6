/**
 * Wilson 95% intervals against values computed by hand from the formula (and matching R's
 * `prop.test(k, n, correct = FALSE)$conf.int`, which is the Wilson interval).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wilsonInterval } from '../../src/analysis/wilson.js';

/** Hand values are given to 4 decimals, so agreement to 5e-5 is all they can show. */
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 5e-5, `${a} ≈ ${b}`);

describe('Wilson score interval', () => {
  it('matches hand-computed values', () => {
    // k = 0, n = 1000: upper = z²/(n + z²) = 3.8415/1003.8415 = 0.0038.
    const [lo0, hi0] = wilsonInterval(0, 1000);
    assert.equal(lo0, 0);
    close(hi0, 0.0038);
    // k = 50, n = 100: 0.5 ± 1.96·√(25 + 0.9604)/103.8415 = [0.4038, 0.5962].
    const [lo, hi] = wilsonInterval(50, 100);
    close(lo, 0.4038);
    close(hi, 0.5962);
    // k = n = 30: lower = 30/(30 + z²) = 0.8865, upper exactly 1.
    const [loN, hiN] = wilsonInterval(30, 30);
    close(loN, 0.8865);
    assert.equal(hiN, 1);
  });

  it('holds the estimate and stays inside [0, 1]', () => {
    for (const n of [1, 7, 100, 20000])
      for (const k of [0, 1, Math.floor(n / 3), n]) {
        const [lo, hi] = wilsonInterval(k, n);
        assert.ok(lo >= 0 && lo <= k / n && k / n <= hi && hi <= 1, `${k}/${n}: [${lo}, ${hi}]`);
      }
  });
});
