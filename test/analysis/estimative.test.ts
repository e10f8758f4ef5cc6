/** Estimative words (ICD 203), including the ends of the scale, whose ranges must hold 0% and 100%. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeProbability, estimativeTerm } from '../../src/analysis/estimative.js';

describe('estimative words (ICD 203, half-open intervals)', () => {
  it('maps probabilities to terms', () => {
    assert.equal(estimativeTerm(0).term, 'almost no chance');
    assert.equal(estimativeTerm(0.05).term, 'very unlikely');
    assert.equal(estimativeTerm(0.5).term, 'roughly even chance');
    assert.equal(estimativeTerm(0.55).term, 'likely');
    assert.equal(estimativeTerm(0.94).term, 'very likely');
    assert.equal(estimativeTerm(1).term, 'almost certain');
    assert.equal(describeProbability(0.6), 'likely (55–80%)');
  });
});

describe('estimative words at the ends of the scale', () => {
  it('never give 0% or 100% a range that excludes them', () => {
    assert.equal(describeProbability(0), 'almost no chance (under 5%)');
    assert.equal(describeProbability(0.004), 'almost no chance (under 5%)');
    assert.equal(describeProbability(0.03), 'almost no chance (1–5%)');
    assert.equal(describeProbability(0.99), 'almost certain (95–99%)');
    assert.equal(describeProbability(1), 'almost certain (over 95%)');
  });
});
