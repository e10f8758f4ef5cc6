/**
 * The compact per-run records give back the engine's numbers bit for bit, whatever the values (whole
 * numbers of any size, fractions among them, −0, NaN, infinities, constant columns, flags written as any
 * non-zero number) and however the runs are split into segments; and they are smaller than plain arrays.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { FLAG, LEADER, SERIES } from '../../src/engine/recordCodec.js';
import { Records } from '../../src/engine/records.js';

/** A value drawn to hit every form of the codec: small and large whole numbers, fractions, odd doubles. */
const value = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.integer({ min: -200, max: 200 }),
  fc.integer({ min: -40000, max: 40000 }),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  fc.constantFrom(-0, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 31, -(2 ** 31) - 1, 0.5, 1e-300),
  fc.double(),
);

/** Columns that are mostly one kind, so the compact forms are chosen and their exceptions exercised. */
const channel = (runs: number, points: number) =>
  fc.oneof(
    fc.array(value, { minLength: runs * points, maxLength: runs * points }),
    fc
      .tuple(
        fc.array(fc.integer({ min: -100, max: 100 }), { minLength: runs * points, maxLength: runs * points }),
        fc.array(fc.tuple(fc.nat(runs * points - 1), value), { maxLength: 3 }),
      )
      .map(([whole, odd]) => {
        for (const [i, x] of odd) whole[i] = x;
        return whole;
      }),
    value.map((x) => Array.from({ length: runs * points }, () => x)),
    // Doubles of one sign within a few binary orders of magnitude (7 bytes each), and of both signs.
    fc.array(fc.double({ min: 290, max: 5200, noNaN: true }), {
      minLength: runs * points,
      maxLength: runs * points,
    }),
    fc.array(fc.double({ min: -0.9, max: -0.02, noNaN: true }), {
      minLength: runs * points,
      maxLength: runs * points,
    }),
    fc.array(fc.oneof(fc.double({ min: 0.5, max: 2 }), fc.double({ min: -2, max: -0.5 })), {
      minLength: runs * points,
      maxLength: runs * points,
    }),
  );

const job = fc
  .record({ runs: fc.integer({ min: 1, max: 40 }), points: fc.integer({ min: 1, max: 4 }) })
  .chain(({ runs, points }) =>
    fc.record({
      runs: fc.constant(runs),
      points: fc.constant(points),
      kinds: fc.array(fc.constantFrom(SERIES, FLAG, LEADER), { minLength: 1, maxLength: 5 }),
      blocks: fc.array(fc.integer({ min: 1, max: 13 }), { minLength: 1, maxLength: 6 }),
    }),
  )
  .chain(
    (j) =>
      fc.record({
        ...Object.fromEntries(Object.entries(j).map(([k, v]) => [k, fc.constant(v)])),
        values: fc.tuple(
          ...j.kinds.map((kind) => (kind === LEADER ? leader(j.runs, j.points) : channel(j.runs, j.points))),
        ),
      }) as fc.Arbitrary<typeof j & { values: number[][] }>,
  );

function leader(runs: number, points: number) {
  return fc.array(fc.integer({ min: -1, max: 6 }), { minLength: runs * points, maxLength: runs * points });
}

/** What a reader must get back: a flag as 0 or 1 (non-zero is fired), everything else bit for bit. */
const expected = (kind: number, x: number) => (kind === FLAG ? (x !== 0 ? 1 : 0) : x);

/**
 * Runs a … b − 1 as the engine lays out a block, point-major: run i of channel c at point k is at
 * (c·points + k)·n + i.
 */
function blockOf(values: number[][], points: number, a: number, b: number): Float64Array {
  const n = b - a;
  const block = new Float64Array(n * values.length * points);
  for (let r = a; r < b; r++)
    values.forEach((v, c) => {
      for (let k = 0; k < points; k++) block[(c * points + k) * n + (r - a)] = v[r * points + k]!;
    });
  return block;
}

function check(records: Records, kinds: Uint8Array, values: number[][], points: number, runs: number) {
  assert.equal(records.runs, runs);
  values.forEach((v, c) => {
    if (kinds[c] === FLAG) {
      // Counted on the bits: runs set at each point, set for the first time there, never set.
      const at = new Float64Array(points);
      const first = new Float64Array(points);
      let never = 0;
      for (let r = 0; r < runs; r++) {
        let fired = false;
        for (let k = 0; k < points; k++) {
          if (v[r * points + k]! === 0) continue;
          at[k]!++;
          if (!fired) first[k]!++;
          fired = true;
        }
        if (!fired) never++;
      }
      assert.deepEqual(records.occurrences(c), { at, first, never });
    } else {
      // Small whole numbers are counted straight from the records, when every run's value is one.
      const counts = new Float64Array(256);
      const atFirst = Array.from({ length: runs }, (_, r) => v[r * points]!);
      const small = atFirst.every((x) => Number.isInteger(x) && !Object.is(x, -0) && x >= -128 && x <= 127);
      assert.ok(
        !records.countSmall(c, 0, counts) || small,
        'counted only when every value is small and whole',
      );
      if (records.countSmall(c, 0, new Float64Array(256))) {
        const want = new Float64Array(256);
        for (let r = 0; r < runs; r++) want[v[r * points]! + 128]!++;
        assert.deepEqual(counts, want);
      }
    }
    const dense = records.channel(c);
    for (let k = 0; k < points; k++) {
      const column = records.column(c, k);
      for (let r = 0; r < runs; r++) {
        const want = expected(kinds[c]!, v[r * points + k]!);
        assert.ok(Object.is(column[r], want), `column: channel ${c} run ${r} point ${k}`);
        assert.ok(Object.is(records.at(c, r, k), want), `at: channel ${c} run ${r} point ${k}`);
        // The run-major arrays are the engine's old layout: 16-bit leaders, byte flags, doubles.
        assert.ok(
          Object.is(dense[r * points + k], kinds[c] === SERIES ? want : Number(dense[r * points + k])),
        );
        if (kinds[c] !== SERIES) assert.equal(dense[r * points + k], want);
      }
    }
  });
}

describe('per-run records', () => {
  it('decode to the recorded values bit for bit, for any values and any split into blocks', () => {
    fc.assert(
      fc.property(job, ({ runs, points, kinds: kindList, blocks, values }) => {
        const kinds = Uint8Array.from(kindList);
        // Blocks as the engine makes them, of the drawn sizes, cycling until every run is in one.
        const segments = [];
        for (let a = 0, i = 0; a < runs; i++) {
          const b = Math.min(runs, a + blocks[i % blocks.length]!);
          segments.push(Records.encodeBlock(kinds, points, blockOf(values, points, a, b), b - a));
          a = b;
        }
        const records = new Records(kinds, points, segments);
        check(records, kinds, values, points, runs);
        check(Records.fromChannels(kinds, points, runs, values), kinds, values, points, runs);
        // A segment sent to another thread is rebuilt from its buffer alone.
        const moved = new Records(
          kinds,
          points,
          segments.map((s) => Records.segment(kinds, points, s.buffer.slice(0), s.runs)),
        );
        check(moved, kinds, values, points, runs);
        // A prefix ending at a segment's end holds those runs; concatenating pieces gives the whole.
        const firstRuns = segments[0]!.runs;
        const head = records.prefix(firstRuns);
        assert.equal(head.runs, firstRuns);
        const tail = new Records(kinds, points, segments.slice(1));
        check(Records.concat(kinds, points, [head, tail]), kinds, values, points, runs);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a prefix that ends inside a segment, and a run out of range', () => {
    const kinds = Uint8Array.of(SERIES);
    const records = new Records(kinds, 1, [Records.encodeBlock(kinds, 1, Float64Array.of(1, 2, 3), 3)]);
    assert.throws(() => records.prefix(2), RangeError);
    assert.throws(() => records.at(0, 3, 0), RangeError);
    assert.equal(records.prefix(0).runs, 0);
    assert.deepEqual(Array.from(Records.empty(kinds, 1).column(0, 0)), []);
  });

  it('store whole numbers, flags and constant columns compactly', () => {
    const runs = 1000;
    const points = 10;
    const kinds = Uint8Array.of(SERIES, SERIES, FLAG, LEADER, SERIES);
    const values = [
      // counts, with one fraction among them
      Array.from({ length: runs * points }, (_, i) => (i === 17 ? 2.5 : i % 90)),
      // a constant
      Array.from({ length: runs * points }, () => 1),
      // flags
      Array.from({ length: runs * points }, (_, i) => i % 3),
      // member indices
      Array.from({ length: runs * points }, (_, i) => (i % 5) - 1),
      // doubles
      Array.from({ length: runs * points }, (_, i) => Math.sqrt(i + 0.1)),
    ];
    const records = Records.fromChannels(kinds, points, runs, values);
    check(records, kinds, values, points, runs);
    const plain = runs * points * (8 + 8 + 1 + 2 + 8);
    // 1 + 1/8 + 1 + 7 bytes a value for the four compact channels (the doubles lie between 0.3 and 100),
    // plus segment headers.
    assert.ok(records.bytes < 0.4 * plain, `${records.bytes} bytes against ${plain} as plain arrays`);
    assert.ok(records.bytes > runs * points * 7, 'every bit of the doubles is kept');
  });
});
