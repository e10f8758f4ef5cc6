/**
 * Bad input and exposure: malformed %-escapes, JavaScript's object machinery in bodies, Host names that
 * are not this server's (DNS rebinding), changes that are not JSON, and the headers every answer has.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { assertErrorShape, useTestApp } from '../support/serverApp.js';

describe('bad input and exposure', () => {
  const t = useTestApp();

  it('answers a malformed %-escape in any path with a 400 JSON error, without a stack or a log entry', async () => {
    for (const path of [
      '/api/saved-scenarios/%ff',
      '/api/runs/%E0%A4%A',
      '/api/history/%',
      '/api/models/%c0%af',
    ]) {
      const res = await request(t.app).get(path).expect(400).expect('Content-Type', /json/);
      assert.equal(assertErrorShape(res.body).code, 'E_BAD_PATH', path);
      assert.doesNotMatch(res.text, /at |node_modules|\/src\//);
    }
    assert.deepEqual(t.errors, []);
  });

  it('rejects __proto__, constructor and prototype keys in overrides and schedules with their path', async () => {
    const cases: [string, string][] = [
      ['{"scenario":"logistic-base","overrides":{"__proto__":{"r":0.5}}}', 'overrides.__proto__'],
      ['{"scenario":"logistic-base","overrides":{"constructor":1}}', 'overrides.constructor'],
      [
        '{"scenario":"logistic-base","schedules":{"r":[{"from":2020,"value":1,"prototype":2}]}}',
        'schedules.r[0].prototype',
      ],
      ['{"__proto__":{"runs":5},"scenario":"logistic-base"}', '__proto__'],
    ];
    for (const [body, path] of cases) {
      const res = await request(t.app)
        .post('/api/runs')
        .set('Content-Type', 'application/json')
        .send(body)
        .expect(400);
      const error = assertErrorShape(res.body);
      assert.equal(error.path, path, body);
      assert.equal(error.problems?.[0]?.code, 'E_RESERVED_KEY');
    }
    assert.equal(({} as Record<string, unknown>).r, undefined, 'no prototype was polluted');
  });

  it("refuses a Host that is not one of this server's names (DNS rebinding)", async () => {
    for (const host of ['attacker.example', 'attacker.example:3000', '127.0.0.1.attacker.example']) {
      const res = await request(t.app).get('/api/saved-scenarios').set('Host', host).expect(421);
      assert.equal(assertErrorShape(res.body).code, 'E_HOST');
    }
    for (const host of ['localhost:3000', '127.0.0.1', '[::1]:8080'])
      await request(t.app).get('/api/health').set('Host', host).expect(200);
  });

  it('takes changes only as JSON: no simple cross-site POSTs', async () => {
    const form = await request(t.app)
      .post('/api/runs')
      .type('form')
      .send('scenario=logistic-base')
      .expect(415);
    assert.equal(assertErrorShape(form.body).code, 'E_CONTENT_TYPE');
    await request(t.app).post('/api/tokens').set('Content-Type', 'text/plain').send('{}').expect(415);
    await request(t.app).post('/api/tokens').expect(415);
    await request(t.app).post('/api/tokens').send({}).expect(201);
  });

  it('sets the isolation and permission headers on every answer', async () => {
    for (const path of ['/api/health', '/', '/api/nowhere']) {
      const res = await request(t.app).get(path);
      assert.equal(res.headers['cross-origin-opener-policy'], 'same-origin', path);
      assert.match(
        String(res.headers['permissions-policy']),
        /camera=\(\), microphone=\(\), geolocation=\(\)/,
      );
      assert.match(String(res.headers['content-security-policy']), /default-src 'self'/);
    }
  });
});
