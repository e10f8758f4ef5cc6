/** Saved scenarios: checked by the engine before saving, kept in the SQLite file across app instances. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { execute, prepare } from '../../src/pipeline.js';
import { assertErrorShape, type Fixture, makeApp, makeFixture } from '../support/serverApp.js';

describe('saved scenario routes', () => {
  let f: Fixture;
  before(() => {
    f = makeFixture();
  });
  after(() => f.cleanup());

  it('saves, lists, replaces and deletes, and keeps them across app instances', async () => {
    const first = await makeApp(f);
    let id: string;
    let owner: string;
    try {
      const created = await request(first.app)
        .post('/api/saved-scenarios')
        .send({
          name: 'Fast and small',
          description: 'for class',
          scenario: 'logistic-fast',
          overrides: { K: 700 },
          runs: 100,
          seed: 5,
        })
        .expect(201)
        .expect('Content-Type', /json/);
      id = created.body.saved.id;
      owner = `Bearer ${created.body.token}`;
      assert.equal(created.headers.location, `/api/saved-scenarios/${id}`);
      assert.deepEqual(created.body.saved.edit, {
        scenario: 'logistic-fast',
        overrides: { K: 700 },
        runs: 100,
        seed: 5,
      });
    } finally {
      await first.close();
    }

    const second = await makeApp(f);
    try {
      const list = await request(second.app).get('/api/saved-scenarios').expect(200);
      assert.deepEqual(
        list.body.items.map((s: { id: string; name: string }) => [s.id, s.name]),
        [[id, 'Fast and small']],
      );
      const replaced = await request(second.app)
        .put(`/api/saved-scenarios/${id}`)
        .set('Authorization', owner)
        .send({ name: 'Renamed', scenario: 'logistic-base', overrides: { r: 0.05 } })
        .expect(200);
      assert.equal(replaced.body.saved.name, 'Renamed');
      assert.equal(replaced.body.saved.description, null);
      const one = await request(second.app).get(`/api/saved-scenarios/${id}`).expect(200);
      assert.deepEqual(one.body.saved.edit, { scenario: 'logistic-base', overrides: { r: 0.05 } });
      await request(second.app).delete(`/api/saved-scenarios/${id}`).set('Authorization', owner).expect(204);
      await request(second.app).get(`/api/saved-scenarios/${id}`).expect(404);
      await request(second.app)
        .put(`/api/saved-scenarios/${id}`)
        .send({ name: 'x', scenario: 'logistic-base' })
        .expect(404);
    } finally {
      second.close();
    }
  });

  it('refuses edits the engine rejects, naming the field', async () => {
    const t = await makeApp({ ...f, dbPath: join(f.root, 'bad.sqlite') });
    try {
      const res = await request(t.app)
        .post('/api/saved-scenarios')
        .send({ name: 'Bad', scenario: 'logistic-base', overrides: { r: 7 } })
        .expect(400);
      const e = assertErrorShape(res.body);
      assert.equal(e.code, 'E_RANGE');
      assert.equal(e.path, 'overrides.r');
      const noName = await request(t.app)
        .post('/api/saved-scenarios')
        .send({ name: ' ', scenario: 'logistic-base' })
        .expect(400);
      assert.equal(assertErrorShape(noName.body).path, 'name');
      const control = await request(t.app)
        .post('/api/saved-scenarios')
        .send({ name: 'a\nb', scenario: 'logistic-base' })
        .expect(400);
      assert.equal(assertErrorShape(control.body).path, 'name');
      const list = await request(t.app).get('/api/saved-scenarios').expect(200);
      assert.deepEqual(list.body.items, []);
    } finally {
      t.close();
    }
  });

  it('gives a scenario file that the CLI runs to the same numbers', async () => {
    const t = await makeApp({ ...f, dbPath: join(f.root, 'yaml.sqlite') });
    try {
      const body = {
        name: 'Slow growth',
        scenario: 'logistic-base',
        overrides: { r: 0.06 },
        runs: 120,
        seed: 11,
      };
      const created = await request(t.app).post('/api/saved-scenarios').send(body).expect(201);
      const yaml = await request(t.app)
        .get(created.body.saved.links.yaml)
        .expect(200)
        .expect('Content-Type', /text\/yaml/);
      assert.match(String(yaml.headers['content-disposition']), /attachment/);
      const file = join(f.scenariosDir, 'from-ui.yaml');
      writeFileSync(file, yaml.text);
      const cli = await execute(prepare(file), { workers: 0 });
      const run = await request(t.app)
        .post('/api/runs?wait=true')
        .send({ scenario: 'logistic-base', overrides: { r: 0.06 }, runs: 120, seed: 11 })
        .expect(200);
      assert.equal(cli.receipt.runs, 120);
      assert.equal(cli.receipt.seed, 11);
      assert.equal(JSON.stringify(run.body.result.summary), JSON.stringify(cli.summary));
    } finally {
      t.close();
    }
  });
});
