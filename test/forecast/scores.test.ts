/**
 * Proper scores, their decomposition, calibration bins, the bootstrap and the estimative scales, against
 * values computed by hand (shown next to each assertion), and propriety as a property.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { baseRateProbability } from '../../src/forecast/baseRate.js';
import { bootstrapInterval } from '../../src/forecast/bootstrap.js';
import { calibration } from '../../src/forecast/calibration.js';
import { murphy } from '../../src/forecast/murphy.js';
import { expertRange } from '../../src/forecast/reading.js';
import { rangeOf, SCALE_IDS, SCALES, describe as say, wordFor } from '../../src/forecast/scales.js';
import { brier } from '../../src/forecast/scores/brier.js';
import { crpsSample } from '../../src/forecast/scores/crps.js';
import { LOG_CLIP, logScore } from '../../src/forecast/scores/log.js';
import { skill } from '../../src/forecast/scores/skill.js';

const RUNS = { seed: 20_261_201, numRuns: 500 };
/** Sums of a few terms in double precision: 1e-12 is far above their rounding error and far below any score difference that matters. */
const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

describe('Brier and logarithmic scores', () => {
  it('match hand-computed values', () => {
    // (0.2² + 0.3² + 0.5²) / 3 = 0.38 / 3
    close(brier([0.8, 0.3, 0.5], [1, 0, 1]), 0.38 / 3);
    // −(ln 0.8 + ln 0.7 + ln 0.5) / 3 = 1.2729656758 / 3
    close(logScore([0.8, 0.3, 0.5], [1, 0, 1]), (-Math.log(0.8) - Math.log(0.7) - Math.log(0.5)) / 3);
    close(logScore([0.8, 0.3, 0.5], [1, 0, 1]), 0.424321891938, 1e-11);
  });

  it('a perfect forecaster scores 0 Brier; the log score of certainty is that of the clip', () => {
    assert.equal(brier([1, 0, 1, 0], [1, 0, 1, 0]), 0);
    close(logScore([1, 0], [1, 0]), -Math.log(1 - LOG_CLIP));
    close(logScore([1], [0]), -Math.log(0.01)); // 4.60517…: a certain, wrong forecast is clipped to 1%
  });

  it('are proper: the expected score is lowest at the true probability', () => {
    const expected = (score: typeof brier, p: number, q: number) =>
      q * score([p], [1]) + (1 - q) * score([p], [0]);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (p, q) => {
          assert.ok(expected(brier, p, q) >= expected(brier, q, q) - 1e-12);
        },
      ),
      RUNS,
    );
    // The log score is proper inside its clip range, where a true probability can be stated.
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: LOG_CLIP, max: 1 - LOG_CLIP, noNaN: true }),
        (p, q) => {
          assert.ok(expected(logScore, p, q) >= expected(logScore, q, q) - 1e-12);
        },
      ),
      RUNS,
    );
  });

  it('Brier skill against a reference', () => {
    close(skill(0.1, 0.2)!, 0.5);
    close(skill(0.3, 0.2)!, -0.5);
    assert.equal(skill(0.1, 0), null);
  });
});

describe('Murphy decomposition and calibration', () => {
  it('match a hand-computed example', () => {
    // groups 0.8 (n 2, freq ½) and 0.3 (n 2, freq 0); base rate ¼
    const m = murphy([0.8, 0.8, 0.3, 0.3], [1, 0, 0, 0]);
    close(m.reliability, (2 * 0.3 ** 2 + 2 * 0.3 ** 2) / 4); // 0.09
    close(m.resolution, (2 * 0.25 ** 2 + 2 * 0.25 ** 2) / 4); // 0.0625
    close(m.uncertainty, 0.1875);
    close(m.brier, 0.215);
    close(brier([0.8, 0.8, 0.3, 0.3], [1, 0, 0, 0]), 0.215);
  });

  it('reliability − resolution + uncertainty is the Brier score', () => {
    const values = fc.constantFrom(0, 0.05, 0.2, 0.45, 0.5, 0.8, 0.95, 1);
    fc.assert(
      fc.property(fc.array(fc.tuple(values, fc.boolean()), { minLength: 1, maxLength: 40 }), (pairs) => {
        const p = pairs.map(([f]) => f);
        const y = pairs.map(([, o]) => (o ? 1 : 0) as 0 | 1);
        close(murphy(p, y).brier, brier(p, y));
      }),
      RUNS,
    );
  });

  it('calibration bins count every forecast once, with means and observed frequencies', () => {
    const bins = calibration([0.05, 0.15, 0.12, 0.95, 1], [0, 1, 0, 1, 1]);
    assert.equal(bins.length, 10);
    assert.deepEqual(
      bins.map((b) => b.count),
      [1, 2, 0, 0, 0, 0, 0, 0, 0, 2],
    );
    close(bins[1]!.meanForecast!, 0.135);
    assert.equal(bins[1]!.observed, 0.5);
    assert.equal(bins[2]!.observed, null);
    assert.equal(bins[9]!.observed, 1);
  });
});

describe('sample CRPS', () => {
  it('matches hand-computed values', () => {
    // E|X − 2| = 2/3, ½E|X − X′| = ½ · 8/9: 2/3 − 4/9 = 2/9
    close(crpsSample([3, 1, 2], 2), 2 / 9);
    assert.equal(crpsSample([5], 3), 2); // a single value: the absolute error
  });

  it('approaches the closed form for a uniform distribution', () => {
    // CRPS(U(0,1), y) = y³/3 + (1 − y)³/3 (integrate F² below y and (1 − F)² above); y = ½ gives 1/12.
    const m = 2000;
    const grid = Array.from({ length: m }, (_, i) => (i + 0.5) / m);
    // The mid-point grid's error is of order 1/m² (about 2.5e-7 here); 1e-6 bounds it with margin.
    close(crpsSample(grid, 0.5), 1 / 12, 1e-6);
    close(crpsSample(grid, 0.2), 0.2 ** 3 / 3 + 0.8 ** 3 / 3, 1e-6);
  });
});

describe('bootstrap intervals', () => {
  const data = [0.1, 0.4, 0.35, 0.8, 0.2];
  const mean = (idx: readonly number[]) => idx.reduce((s, i) => s + data[i]!, 0) / idx.length;

  it('are reproducible from their seed and contain the statistic', () => {
    const a = bootstrapInterval(data.length, mean, 7);
    assert.deepEqual(bootstrapInterval(data.length, mean, 7), a);
    assert.ok(a[0] <= 0.37 && 0.37 <= a[1], `${a}`); // the mean is 0.37
    assert.ok(a[0] >= 0.1 && a[1] <= 0.8, 'inside the data range');
  });

  it('collapse for constant data', () => {
    assert.deepEqual(
      bootstrapInterval(4, () => 0.25),
      [0.25, 0.25],
    );
  });
});

describe('estimative scales, both ways', () => {
  it('give each probability its word', () => {
    assert.equal(wordFor('icd203', 0.6).term, 'likely');
    assert.equal(wordFor('icd203', 0.55).term, 'likely'); // shared endpoint: the upper row
    assert.equal(wordFor('kent', 0.7).term, 'probable');
    assert.equal(wordFor('kent', 1).term, 'certain');
    assert.equal(wordFor('kent', 0.97).term, 'almost certain');
    assert.equal(wordFor('phia', 0.07).term, 'remote chance'); // in the 5–10 gap, nearer 5
    assert.equal(wordFor('phia', 0.075).term, 'highly unlikely'); // midway: up
    assert.equal(wordFor('nato', 0.95).term, 'highly likely');
    assert.equal(say('icd203', 0.6), 'likely (55–80%)');
  });

  it('give each word its range, and the range back its word', () => {
    assert.deepEqual(rangeOf('kent', 'Probable'), {
      term: 'probable',
      lower: 0.63,
      upper: 0.87,
      central: 0.75,
    });
    assert.equal(rangeOf('icd203', 'probable'), undefined); // ICD 203's second row is not in the table
    for (const id of SCALE_IDS) {
      for (const t of SCALES[id].terms) assert.equal(wordFor(id, t.central).term, t.term, `${id}: ${t.term}`);
    }
  });

  it("score an expert's reading at its ends and midpoint", () => {
    assert.deepEqual(expertRange({ words: 'w', scale: 'icd203', term: 'likely', why: 'y' }), {
      low: 0.55,
      high: 0.8,
      mid: 0.675,
      label: 'likely (icd203)',
    });
    const r = expertRange({ words: 'could', range: [0.2, 0.8], why: 'y' });
    close(r.mid, 0.5);
  });
});

describe('base rates', () => {
  it('Poisson with a half-count and constant-hazard survival', () => {
    const poisson = {
      kind: 'poisson',
      count: 0,
      years: 5,
      window: 4.92,
      counted: 'c',
      source: { judgment: 'j' },
    } as const;
    close(baseRateProbability(poisson), 1 - Math.exp(-0.1 * 4.92)); // 0.3886
    const survival = {
      kind: 'survival',
      medianYears: 8,
      years: 5.1,
      groups: 2,
      why: 'w',
      source: { judgment: 'j' },
    } as const;
    close(baseRateProbability(survival), 2 ** -1.275); // 0.4130
  });
});
