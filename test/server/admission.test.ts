/**
 * Admission control: beyond `maxActiveRequests` requests in flight, the API answers 429 with
 * `Retry-After` at once, while `GET /api/health` is still answered; and a run refused as busy issues no
 * token (storing one costs an fsync, which a crowd of refused requests would pay over and over).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { assertErrorShape, useTestApp } from '../support/serverApp.js';

describe('admission control', () => {
  describe('requests in flight', () => {
    const t = useTestApp({ maxActiveRequests: 1 });

    it('refuses requests beyond the limit with 429 and Retry-After, and still answers health', async () => {
      // A waited-for run of the busy scenario holds the one request slot for a while.
      const holder = request(t.app).post('/api/runs?wait=true').send({ scenario: 'busy', runs: 3000 });
      const held = holder.then((res) => res);
      let refused: request.Response | undefined;
      while (!refused) {
        const res = await request(t.app).get('/api/scenarios');
        if (res.status === 429) refused = res;
      }
      assert.equal(refused.headers['retry-after'], '1');
      assert.equal(assertErrorShape(refused.body).code, 'E_BUSY');
      await request(t.app).get('/api/health').expect(200);
      assert.equal((await held).status, 200);
      await request(t.app).get('/api/scenarios').expect(200);
    });
  });

  describe('simulations at once', () => {
    const t = useTestApp({ maxConcurrentRuns: 1 });

    it('issues no token for a run refused as busy', async () => {
      const started = await request(t.app).post('/api/runs').send({ scenario: 'busy' }).expect(202);
      const auth = `Bearer ${started.body.token}`;
      const refused = await request(t.app).post('/api/runs').send({ scenario: 'logistic-base' }).expect(429);
      assert.equal(refused.headers['oxus-token'], undefined);
      assert.equal(refused.headers['retry-after'], '2');
      await request(t.app)
        .post(`/api/runs/${started.body.run.id}/cancel`)
        .set('Authorization', auth)
        .send({})
        .expect(200);
    });
  });
});
