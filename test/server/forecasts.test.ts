/** GET /api/forecasts and /api/forecasts/scores: the bundled catalogue and its scores, words per scale. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { scoreReport } from '../../src/forecast/report.js';
import { EngineHost } from '../../src/server/engineHost/host.js';
import { repoPath } from '../support/build.js';
import { assertErrorShape, useTestApp } from '../support/serverApp.js';

/** The engine host, counting the score reports asked of it. */
class CountingHost extends EngineHost {
  scored = 0;
  override score(...args: Parameters<EngineHost['score']>) {
    this.scored++;
    return super.score(...args);
  }
}

describe('forecasts API', () => {
  const host = new CountingHost();
  const t = useTestApp({ engineHost: host });

  it('GET /api/forecasts lists every claim with its quote, reading and resolution', async () => {
    const res = await request(t.app).get('/api/forecasts').expect(200);
    assert.equal(res.body.claims.length, 20);
    assert.equal(res.body.scale.id, 'icd203');
    const azimov = res.body.claims.find((c: { id: string }) => c.id === 'azimov-serious-threat');
    assert.match(azimov.quote, /serious threat to Tajikistan/);
    assert.deepEqual([azimov.reading.low, azimov.reading.high], [0.55, 0.8]);
    assert.equal(azimov.outcome.outcome, 'yes');
    assert.equal(azimov.outcome.grade, 'B');
  });

  it('words follow the scale; an unknown scale is a 400 in the API error shape', async () => {
    const kent = await request(t.app).get('/api/forecasts?scale=kent').expect(200);
    assert.equal(kent.body.scale.id, 'kent');
    const azimov = kent.body.claims.find((c: { id: string }) => c.id === 'azimov-serious-threat');
    assert.match(azimov.expertWords, /^probable/); // 67.5%: nearest Kent central value is 75%
    const bad = await request(t.app).get('/api/forecasts?scale=vague').expect(400);
    assert.equal(assertErrorShape(bad.body).code, 'E_VALIDATION');
    await request(t.app).get('/api/forecasts?scale=kent&x=1').expect(400);
  });

  it('GET /api/forecasts/scores runs the scenarios once and scores every forecaster', async () => {
    const res = await request(t.app).get('/api/forecasts/scores?scale=phia').expect(200);
    assert.equal(res.body.scores.model.n, 13, 'six claims on sizes and events, seven on attacks');
    assert.equal(res.body.scores['no-change'].n, 14);
    assert.ok(Math.abs(res.body.scores['no-change'].brier - 9 / 14) < 1e-12);
    assert.equal(res.body.backtest.n, 7);
    const rashid = res.body.claims.find((c: { id: string }) => c.id === 'rashid-military-presence');
    assert.equal(typeof rashid.forecasts.model, 'number');
    assert.ok(rashid.words.model.length > 0);
    assert.equal(res.body.scale.warning !== null, true, 'PHIA carries its U-grade warning');
    const again = await request(t.app).get('/api/forecasts/scores').expect(200);
    assert.deepEqual(again.body.scores, res.body.scores, 'the same report, computed once');
    assert.equal(host.scored, 1, 'computed once, on the engine host thread (not the request thread)');
    const direct = await scoreReport({
      claims: repoPath('forecasts/claims.yaml'),
      outcomes: repoPath('forecasts/outcomes.yaml'),
      estimates: repoPath('forecasts/estimates.yaml'),
    });
    assert.deepEqual(res.body.scores, JSON.parse(JSON.stringify(direct.scores)), 'as computed in-process');
  });
});
