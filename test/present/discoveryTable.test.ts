/** The words of a discovery box's restrictions. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DiscoveryRestriction } from '../../src/discovery.js';
import { restrictionWords } from '../../src/present/discoveryTable.js';

const restriction = (bounds: { low?: number; high?: number }): DiscoveryRestriction => ({
  parameter: 'repression_mode',
  ...bounds,
  range: [0, 2],
  densityWithout: 0.25,
  coverageWithout: 1,
  pValue: 0.01,
});

describe('restriction words', () => {
  it('says a bound, a range, or one value when both bounds are the same (a structural choice)', () => {
    assert.equal(restrictionWords(restriction({ low: 0.71 })), 'repression_mode is at least 0.71');
    assert.equal(restrictionWords(restriction({ high: 0.3 })), 'repression_mode is at most 0.3');
    assert.equal(
      restrictionWords(restriction({ low: 0.2, high: 0.4 })),
      'repression_mode is between 0.2 and 0.4',
    );
    assert.equal(restrictionWords(restriction({ low: 1, high: 1 })), 'repression_mode is 1');
  });
});
