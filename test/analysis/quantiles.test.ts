/** Selection-based quantiles against the plain reference: copy, sort, then quantileSorted. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { quantileSorted } from '../../src/analysis/quantile.js';
import { quantilesOfCounts, quantilesType7 } from '../../src/analysis/quantiles.js';
import { PERCENTILES, summarize } from '../../src/analysis/summarize.js';
import { column, runText } from '../support/build.js';

const PS = [0.05, 0.25, 0.5, 0.75, 0.95];

/** Exact equality, signed zeros told apart: the selection must reproduce the sort to the bit. */
function assertSameBits(got: readonly number[], want: readonly number[]): void {
  assert.equal(got.length, want.length);
  for (const [i, g] of got.entries()) assert.ok(Object.is(g, want[i]), `#${i}: ${g} vs ${want[i]}`);
}

function reference(values: readonly number[], ps: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort();
  return ps.map((p) => quantileSorted(sorted, p));
}

function bySelection(values: readonly number[], ps: readonly number[]): number[] {
  return quantilesType7(Float64Array.from(values), values.length, ps);
}

/** Finite doubles of every kind: ties from a small pool, signed zeros, extremes, subnormals. */
const value = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1, -1, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE),
  fc.integer({ min: -3, max: 3 }),
);

describe('quantilesType7 (selection) equals sort + quantileSorted bit for bit', () => {
  it('on random data with ties, signed zeros and extremes, for n from 0 to 300', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 300 }), (xs) => {
        assertSameBits(bySelection(xs, PS), reference(xs, PS));
      }),
      { numRuns: 2000 },
    );
  });

  it('on tiny run counts (1 to 4) at any probability, including 0 and 1', () => {
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 1, maxLength: 4 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (xs, ps) => {
          assertSameBits(bySelection(xs, [0, 1, ...ps]), reference(xs, [0, 1, ...ps]));
        },
      ),
    );
  });

  it('on long columns of few distinct values (many extinct runs) and of sorted and reversed data', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(0, 0, 0, -0, 5, 7.5), { minLength: 500, maxLength: 5000 }),
        fc.constantFrom('as is', 'sorted', 'reversed'),
        (xs, order) => {
          const data = order === 'as is' ? xs : [...xs].sort((a, b) => a - b);
          if (order === 'reversed') data.reverse();
          assertSameBits(bySelection(data, PS), reference(data, PS));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('through buckets (512 values and more): random data with ties, signed zeros, extremes and tiny spreads', () => {
    // Long columns built from a few short pools, so that ties, ±0 in one bucket, a spread that overflows
    // (±MAX_VALUE), one that underflows (subnormals only) and heavy buckets all occur.
    const pools = fc.constantFrom<readonly number[]>(
      [0, -0, 1, -1, 2.5],
      [Number.MAX_VALUE, -Number.MAX_VALUE, 0, 1],
      [Number.MIN_VALUE, 2 * Number.MIN_VALUE, -Number.MIN_VALUE, 0, -0],
      [-0, -0, 0],
      [7, 7, 7],
      [1e-300, 1e300, 3],
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 512, max: 40_000 }),
        pools,
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 50 }),
        fc.integer(),
        fc.constantFrom('as is', 'sorted', 'reversed'),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
        (n, pool, extra, seed, order, ps) => {
          // A deterministic mix: mostly random doubles from a small LCG, a pool value every third place.
          let state = seed >>> 0;
          const next = () => {
            state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
            return state;
          };
          const xs: number[] = [];
          for (let i = 0; i < n; i++) {
            const r = next();
            xs.push(
              r % 3 === 0
                ? pool[r % pool.length]!
                : extra.length && r % 5 === 0
                  ? extra[r % extra.length]!
                  : (r / 2 ** 32 - 0.5) * 1e3,
            );
          }
          if (order !== 'as is')
            xs.sort((a, b) => a - b || (Object.is(a, -0) ? -1 : Object.is(b, -0) ? 1 : 0));
          if (order === 'reversed') xs.reverse();
          const probabilities = [0, 1, ...PS, ...ps];
          assertSameBits(bySelection(xs, probabilities), reference(xs, probabilities));
        },
      ),
      { numRuns: 60, seed: 20261203 },
    );
  });

  it('through buckets: one value throughout, and zeros of both signs throughout', () => {
    for (const xs of [
      new Array<number>(20_000).fill(3.5),
      new Array<number>(20_000).fill(-0),
      Array.from({ length: 20_000 }, (_, i) => (i % 7 === 0 ? -0 : 0)),
      Array.from({ length: 20_000 }, (_, i) => (i === 19_999 ? -0 : 0)),
    ])
      assertSameBits(bySelection(xs, [0, ...PS, 1]), reference(xs, [0, ...PS, 1]));
  });

  it('gives NaN for no values, as quantileSorted does', () => {
    assert.ok(bySelection([], PS).every(Number.isNaN));
  });
});

const WALK = `oxus: 1
model: walk
title: walk
time: { start: 2000, end: 2020, step: year }
parameters:
  drift: { value: 0, unit: people/year, uncertainty: { dist: uniform, min: -2, max: 2 }, sources: [{ judgment: test }] }
state:
  size: { unit: people, initial: 10, min: 0 }
rules:
  walk: { target: size, add: "round(rnorm(drift, 3))", sources: [{ judgment: test }] }
outputs:
  size: { kind: series, expr: size, unit: people }
  thousands: { kind: series, expr: "size * 1000", unit: people }
  drifted: { kind: series, expr: "size + drift", unit: people }
`;

describe('summarize', () => {
  it('gives at every point the mean in run order and the sorted-column percentiles, for every form of records', async () => {
    // The floor at 0 makes many ties. Small whole numbers (size) are counted from the records, larger ones
    // (thousands) and fractions (drifted) decoded and selected: every way must give the reference's bits.
    const data = await runText(WALK, 257, 4);
    for (const [c, s] of summarize(data).series.entries())
      for (let k = 0; k < data.points; k++) {
        const col = column(data, c, k);
        let sum = 0;
        for (const x of col) sum += x;
        assert.ok(Object.is(s.mean[k], sum / col.length));
        const want = reference(
          col,
          PERCENTILES.map((p) => p / 100),
        );
        assertSameBits(
          PERCENTILES.map((p) => s.percentiles[String(p)]![k]!),
          want,
        );
      }
  });
});

describe('quantiles of small whole numbers from their counts', () => {
  it('equal the sort-based reference bit for bit, and the sum equals the sum in run order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -128, max: 127 }), { maxLength: 400 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (values, ps) => {
          const counts = new Float64Array(256);
          for (const x of values) counts[x + 128]!++;
          const { q, sum } = quantilesOfCounts(counts, values.length, ps);
          assertSameBits(q, reference(values, ps));
          let inOrder = 0;
          for (const x of values) inOrder += x;
          assert.ok(Object.is(sum, inOrder));
        },
      ),
      { numRuns: 500 },
    );
  });
});
