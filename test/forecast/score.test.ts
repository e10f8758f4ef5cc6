/** The scorer on the bundled catalogue and outcomes, for forecasters whose answers can be counted by hand. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalogue, loadOutcomes } from '../../src/forecast/load.js';
import { scoreClaims } from '../../src/forecast/score.js';
import { LOG_CLIP } from '../../src/forecast/scores/log.js';
import { repoPath } from '../support/build.js';

describe('scoreClaims', () => {
  const catalogue = loadCatalogue(repoPath('forecasts', 'claims.yaml')).file;
  const outcomes = loadOutcomes(repoPath('forecasts', 'outcomes.yaml'), catalogue).file.outcomes;

  it('"no change" is right on 5 of the 14 resolved claims: Brier 9/14', () => {
    const report = scoreClaims(catalogue.claims, outcomes, new Map());
    const s = report.scores['no-change']!;
    assert.equal(s.n, 14);
    // Forecasts of 0 or 1: each right one scores 0, each wrong one 1.
    assert.ok(Math.abs(s.brier - 9 / 14) < 1e-12);
    const log = (5 * -Math.log(1 - LOG_CLIP) + 9 * -Math.log(LOG_CLIP)) / 14;
    assert.ok(Math.abs(s.log - log) < 1e-12);
    assert.ok(s.brier_ci && s.brier_ci[0] <= s.brier && s.brier <= s.brier_ci[1]);
    assert.equal(report.scores['expert:azimov']!.brier_ci, null, 'one claim: no interval');
  });

  it('a forecaster that knew the outcomes scores 0 Brier, and the model abstains without probabilities', () => {
    const perfect = new Map(outcomes.map((o) => [o.claim, o.outcome === 'yes' ? 1 : 0]));
    const report = scoreClaims(catalogue.claims, outcomes, perfect);
    assert.equal(report.scores.model!.brier, 0);
    assert.equal(report.scores.model!.n, 14);
    assert.ok(report.scores.model!.brier_skill!.value! > 0);
    assert.equal(scoreClaims(catalogue.claims, outcomes, new Map()).scores.model, undefined);
  });

  it('every expert is scored at the ends and midpoint of their reading', () => {
    const { scores, claims } = scoreClaims(catalogue.claims, outcomes, new Map());
    for (const key of ['expert:azimov', 'expert:azimov@low', 'expert:azimov@high'])
      assert.equal(scores[key]?.n, 1);
    // Azimov: "likely", 55–80%, outcome yes: Brier at the ends (0.45² and 0.2²) and the midpoint 0.325².
    assert.ok(Math.abs(scores['expert:azimov@low']!.brier - 0.45 ** 2) < 1e-12);
    assert.ok(Math.abs(scores['expert:azimov@high']!.brier - 0.2 ** 2) < 1e-12);
    assert.ok(Math.abs(scores['expert:azimov']!.brier - 0.325 ** 2) < 1e-12);
    assert.equal(claims.find((c) => c.id === 'zenn-mantle')!.outcome, null);
  });
});
