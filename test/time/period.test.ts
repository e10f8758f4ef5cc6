import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { axisLabels, decimalYear, formatPeriod, indexOf, parsePeriod } from '../../src/time/period.js';

describe('periods', () => {
  it('parses years, quarters and months', () => {
    assert.equal(parsePeriod('2016'), 2016 * 12);
    assert.equal(parsePeriod(2016), 2016 * 12);
    assert.equal(parsePeriod('2016Q2'), 2016 * 12 + 3);
    assert.equal(parsePeriod('2016-05'), 2016 * 12 + 4);
    for (const bad of ['2016Q5', '2016-13', '16Q1', '2016q1', '', 'Q1'])
      assert.equal(parsePeriod(bad), undefined, bad);
  });

  it('formats back what it parses (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 0, max: 11 }), (y, m) => {
        const month = y * 12 + m;
        return (
          parsePeriod(formatPeriod(month, 'month')) === month &&
          parsePeriod(formatPeriod(month - (m % 3), 'quarter')) === month - (m % 3)
        );
      }),
    );
  });

  it('decimal years and axis labels', () => {
    assert.equal(decimalYear(parsePeriod('2016Q2')!), 2016.25);
    const axis = { start: parsePeriod('2016Q3')!, steps: 3, unit: 'quarter' as const };
    assert.deepEqual(axisLabels(axis), ['2016Q3', '2016Q4', '2017Q1', '2017Q2']);
    assert.equal(indexOf(axis, parsePeriod('2017Q1')!), 2);
    assert.equal(indexOf(axis, parsePeriod('2017Q3')!), undefined);
    assert.equal(indexOf(axis, parsePeriod('2016-08')!), undefined);
  });
});
