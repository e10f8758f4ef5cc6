/** The one home of "did you mean" and of "expected one of" lists. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { didYouMean, nameList, oneOf, similar } from '../src/didYouMean.js';

describe('similar and didYouMean', () => {
  it('suggests near names, nearest first, case ignored', () => {
    assert.deepEqual(similar('recriut', ['recruit', 'attrition', 'RECRUIT']), ['recruit', 'RECRUIT']);
    assert.deepEqual(similar('b', ['A', 'B', 'C']), ['B']);
    assert.deepEqual(similar('rr', ['r', 'x']), ['r']);
    // One letter off a one-letter name is half of it or more: no suggestion.
    assert.deepEqual(similar('X', ['A', 'B']), []);
    assert.equal(didYouMean('X', ['A']), '');
  });

  it('joins suggestions with "or", qualified by a member when given', () => {
    assert.equal(didYouMean('strenght', ['strength']), "; did you mean 'strength'?");
    assert.equal(didYouMean('abcd', ['abce', 'abcf', 'zzzz']), "; did you mean 'abce' or 'abcf'?");
    assert.equal(didYouMean('recriut', ['recruit'], 'IMU'), "; did you mean 'IMU.recruit'?");
  });
});

describe('nameList and oneOf', () => {
  it('never cuts a list without saying how many were left out', () => {
    const names = Array.from({ length: 33 }, (_, i) => `n${i}`);
    assert.equal(nameList(names.slice(0, 3)), 'n0, n1, n2');
    assert.match(nameList(names), /^n0, .*, n29, … and 3 more$/);
    assert.equal(nameList(names, 2), 'n0, n1, … and 31 more');
    assert.equal(oneOf(['a', 'b']), 'one of a, b');
    assert.equal(oneOf([], 'no events'), 'no events');
  });
});
