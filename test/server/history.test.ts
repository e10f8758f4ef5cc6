/**
 * Run history in the SQLite file: kept across app instances, re-opened with the same numbers, reproduced
 * bit for bit, refused when the inputs changed since; a comparison's side kept with its run.
 */
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { assertErrorShape, type Fixture, makeApp, makeFixture } from '../support/serverApp.js';

describe('history routes', () => {
  let f: Fixture;
  before(() => {
    f = makeFixture();
  });
  after(() => f.cleanup());

  it('keeps finished runs across app instances and reproduces them bit for bit', async () => {
    const first = await makeApp(f);
    let id: string;
    let resultText: string;
    try {
      const run = await request(first.app)
        .post('/api/runs?wait=true')
        .send({ scenario: 'logistic-base', overrides: { r: 0.08 }, runs: 150, seed: 3 })
        .expect(200);
      id = run.body.run.id;
      resultText = JSON.stringify(run.body.result);
    } finally {
      await first.close();
    }

    const second = await makeApp(f);
    try {
      const list = await request(second.app).get('/api/history').expect(200).expect('Content-Type', /json/);
      assert.equal(list.body.total, 1);
      const entry = list.body.items[0];
      assert.equal(entry.id, id);
      assert.deepEqual(entry.request, {
        scenario: 'logistic-base',
        overrides: { r: 0.08 },
        runs: 150,
        seed: 3,
      });
      assert.equal(entry.receipt.runs, 150);
      assert.equal(entry.title, 'Logistic base (edited)');

      const stored = await request(second.app)
        .get(`/api/history/${id}/result`)
        .expect(200)
        .expect('Content-Type', /json/);
      assert.equal(JSON.stringify(stored.body), resultText);
      const viaRuns = await request(second.app).get(`/api/runs/${id}`).expect(200);
      assert.equal(viaRuns.body.run.status, 'done');

      const again = await request(second.app)
        .post(`/api/history/${id}/reproduce?wait=true`)
        .send({})
        .expect(200);
      assert.deepEqual(again.body.run.reproduced, { receipt: true, summary: true });
      assert.equal(again.body.run.reproduces, id);
      assert.equal(JSON.stringify(again.body.result.summary), JSON.stringify(stored.body.summary));
      const newer = await request(second.app).get('/api/history?limit=1').expect(200);
      assert.equal(newer.body.total, 2);
      assert.equal(newer.body.items.length, 1);
    } finally {
      second.close();
    }
  });

  it('keeps the comparison a run was part of, refuses a malformed one, and reproduces a side alone', async () => {
    const t = await makeApp({ ...f, dbPath: join(f.root, 'pair.sqlite') });
    try {
      const pair = { id: '7f1d7a52-4d6e-4b57-9a39-0c1a3c1f2b11', side: 'B' };
      const bad = await request(t.app)
        .post('/api/runs')
        .send({ scenario: 'logistic-base', runs: 20, comparison: { id: 'one', side: 'C' } })
        .expect(400);
      assertErrorShape(bad.body);
      const run = await request(t.app)
        .post('/api/runs?wait=true')
        .send({ scenario: 'logistic-base', runs: 20, comparison: pair })
        .expect(200);
      const [entry] = (await request(t.app).get('/api/history').expect(200)).body.items;
      assert.equal(entry.id, run.body.run.id);
      assert.deepEqual(entry.request.comparison, pair);
      const again = await request(t.app)
        .post(`/api/history/${entry.id}/reproduce?wait=true`)
        .send({})
        .expect(200);
      assert.deepEqual(again.body.run.reproduced, { receipt: true, summary: true });
      assert.equal(again.body.run.request.comparison, undefined, 'a reproduction is no side of the pair');
    } finally {
      await t.close();
    }
  });

  it('refuses to reproduce a run whose scenario file has changed since', async () => {
    const t = await makeApp({ ...f, dbPath: join(f.root, 'changed.sqlite') });
    try {
      const run = await request(t.app)
        .post('/api/runs?wait=true')
        .send({ scenario: 'logistic-fast', runs: 50 })
        .expect(200);
      appendFileSync(join(f.scenariosDir, 'logistic-fast.yaml'), '# edited after the run\n');
      const res = await request(t.app).post(`/api/history/${run.body.run.id}/reproduce`).send({}).expect(409);
      const e = assertErrorShape(res.body);
      assert.equal(e.code, 'E_RECEIPT_MISMATCH');
      assert.match(e.message, /scenarioHash/);
    } finally {
      t.close();
    }
  });

  it('deletes an entry, and answers 404 for unknown ones and 400 for a bad page', async () => {
    const t = await makeApp({ ...f, dbPath: join(f.root, 'delete.sqlite') });
    try {
      const run = await request(t.app)
        .post('/api/runs?wait=true')
        .send({ scenario: 'logistic-base', runs: 20 })
        .expect(200);
      const id = run.body.run.id;
      await request(t.app).get(`/api/history/${id}`).expect(200);
      await request(t.app).delete(`/api/history/${id}`).expect(401);
      await request(t.app)
        .delete(`/api/history/${id}`)
        .set('Authorization', `Bearer ${run.body.token}`)
        .expect(204);
      const gone = await request(t.app).get(`/api/history/${id}`).expect(404);
      assert.equal(assertErrorShape(gone.body).code, 'E_NOT_FOUND');
      const page = await request(t.app).get('/api/history?limit=0').expect(400);
      assert.equal(assertErrorShape(page.body).path, 'limit');
    } finally {
      t.close();
    }
  });

  it('keeps the stored results within the configured size', async () => {
    const t = await makeApp({ ...f, dbPath: join(f.root, 'bytes.sqlite') }, { historyMaxBytes: 1 });
    try {
      for (const seed of [1, 2])
        await request(t.app)
          .post('/api/runs?wait=true')
          .send({ scenario: 'logistic-base', runs: 10, seed })
          .expect(200);
      const list = await request(t.app).get('/api/history').expect(200);
      assert.equal(list.body.total, 1, 'the newest run is kept even when it alone is larger than the limit');
      assert.equal(list.body.items[0].receipt.seed, 2);
    } finally {
      t.close();
    }
  });

  it('keeps at most the configured number of runs', async () => {
    const t = await makeApp({ ...f, dbPath: join(f.root, 'limit.sqlite') }, { historyLimit: 2 });
    try {
      for (const seed of [1, 2, 3])
        await request(t.app)
          .post('/api/runs?wait=true')
          .send({ scenario: 'logistic-base', runs: 10, seed })
          .expect(200);
      const list = await request(t.app).get('/api/history').expect(200);
      assert.equal(list.body.total, 2);
      assert.deepEqual(
        list.body.items.map((i: { receipt: { seed: number } }) => i.receipt.seed),
        [3, 2],
      );
    } finally {
      t.close();
    }
  });
});
