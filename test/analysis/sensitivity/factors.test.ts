/** Factors merged where the model correlates their parameters (indices of correlated groups). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { correlatedGroups } from '../../../src/analysis/sensitivity/factors.js';

describe('correlated groups', () => {
  const factors = [
    { name: 'a', slots: [0, 1] },
    { name: 'b', slots: [2] },
    { name: 'c', slots: [3] },
    { name: 'd', slots: [4] },
  ];

  it('merges the factors a block links, directly or through others, at the first one’s place', () => {
    assert.deepEqual(
      correlatedGroups(factors, [
        [1, 3],
        [3, 4],
      ]),
      [
        { name: 'a + c + d', slots: [0, 1, 3, 4], correlated: true },
        { name: 'b', slots: [2] },
      ],
    );
  });

  it('leaves factors alone when no block links two of them', () => {
    assert.deepEqual(correlatedGroups(factors, []), factors);
    // Both slots of a block inside one factor: nothing to merge, but the factor is marked.
    assert.deepEqual(correlatedGroups(factors, [[0, 1]]), [
      { name: 'a', slots: [0, 1], correlated: true },
      ...factors.slice(1),
    ]);
  });
});
