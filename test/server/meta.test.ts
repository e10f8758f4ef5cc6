/** The app's frame: index, health, JSON 404s, security headers, static UI files. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { assertErrorShape, useTestApp } from '../support/serverApp.js';

describe('app frame', () => {
  const t = useTestApp({ maxRuns: 5000 });

  it('GET /api describes the server and its limits', async () => {
    const res = await request(t.app)
      .get('/api')
      .expect(200)
      .expect('Content-Type', /application\/json/);
    assert.equal(res.body.name, 'oxus');
    assert.equal(res.body.limits.maxRuns, 5000);
    assert.equal(res.body.limits.maxConcurrentRuns, 2);
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('GET /api/health answers ok', async () => {
    const res = await request(t.app).get('/api/health').expect(200);
    assert.equal(res.body.ok, true);
  });

  it('answers unknown routes with a JSON 404', async () => {
    for (const path of ['/api/nothing', '/nothing.html', '/api/runs/not-a-uuid']) {
      const res = await request(t.app)
        .get(path)
        .expect(404)
        .expect('Content-Type', /application\/json/);
      assert.equal(assertErrorShape(res.body).code, 'E_NOT_FOUND', path);
    }
    const res = await request(t.app).delete('/api/models').expect(404);
    assert.equal(assertErrorShape(res.body).code, 'E_NOT_FOUND');
  });

  it('sets security headers and no X-Powered-By', async () => {
    const res = await request(t.app).get('/api');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(res.headers['x-powered-by'], undefined);
  });

  it('serves the UI, Chart.js from the installed package, and the shared modules', async () => {
    const page = await request(t.app)
      .get('/')
      .expect(200)
      .expect('Content-Type', /text\/html/);
    assert.match(page.text, /<script type="module" src="app.js"><\/script>/);
    assert.match(page.text, /\/vendor\/chart.js\/chart.umd.min.js/);
    await request(t.app)
      .get('/app.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
    await request(t.app)
      .get('/style.css')
      .expect(200)
      .expect('Content-Type', /text\/css/);
    const chart = await request(t.app)
      .get('/vendor/chart.js/chart.umd.min.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
    assert.ok(chart.text.length > 100_000);
    const words = await request(t.app)
      .get('/lib/estimative.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
    assert.match(words.text, /export function describeProbability/);
    await request(t.app)
      .get('/lib/format.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
    await request(t.app).get('/vendor/chart.js/../../package.json').expect(404);
  });
});
