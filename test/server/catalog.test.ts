/** GET /api/models and /api/scenarios: lists, and one with its parameters, ranges and sources. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { repoPath } from '../support/build.js';
import { assertErrorShape, makeApp, SCENARIOS, type TestApp, useTestApp } from '../support/serverApp.js';

describe('catalog routes', () => {
  const t = useTestApp();

  it('lists models and scenarios by file name', async () => {
    const models = await request(t.app).get('/api/models').expect(200).expect('Content-Type', /json/);
    assert.deepEqual(
      models.body.models.map((m: { id: string }) => m.id),
      ['busy', 'logistic'],
    );
    const scenarios = await request(t.app).get('/api/scenarios').expect(200);
    const fast = scenarios.body.scenarios.find((s: { id: string }) => s.id === 'logistic-fast');
    assert.deepEqual(
      { file: fast.file, name: fast.name, title: fast.title, extends: fast.extends },
      {
        file: 'scenarios/logistic-fast.yaml',
        name: 'logistic_fast',
        title: 'Logistic, fast growth',
        extends: 'logistic-base',
      },
    );
  });

  it('sends the catalogue gzipped to clients that accept it, and plain to the others, with Vary', async () => {
    for (const path of ['/api/scenarios', '/api/scenarios/logistic-fast']) {
      const plain = await request(t.app).get(path).set('Accept-Encoding', 'identity').expect(200);
      assert.equal(plain.headers['content-encoding'], undefined, path);
      assert.match(plain.headers.vary ?? '', /Accept-Encoding/);
      const none = await request(t.app).get(path).unset('Accept-Encoding').expect(200);
      assert.equal(none.headers['content-encoding'], undefined, `${path}: no header means identity`);
      const zipped = await request(t.app).get(path).set('Accept-Encoding', 'gzip, deflate, br').expect(200);
      assert.equal(zipped.headers['content-encoding'], 'gzip', path);
      assert.match(zipped.headers.vary ?? '', /Accept-Encoding/);
      assert.ok(Number(zipped.headers['content-length']) < Number(plain.headers['content-length']));
      assert.deepEqual(zipped.body, plain.body, `${path}: the same answer once unzipped`);
      const refused = await request(t.app).get(path).set('Accept-Encoding', 'gzip;q=0').expect(200);
      assert.equal(refused.headers['content-encoding'], undefined, `${path}: gzip;q=0 refuses gzip`);
    }
  });

  it('describes a scenario: parameters with value, unit, range, uncertainty and sources as the scenario sets them', async () => {
    const res = await request(t.app)
      .get('/api/scenarios/logistic-fast')
      .expect(200)
      .expect('Content-Type', /json/);
    const s = res.body.scenario;
    assert.equal(s.model.id, 'logistic');
    assert.equal(s.runs, 200);
    assert.equal(s.seed, 7);
    assert.deepEqual(s.snapshots, ['2020', '2040']);
    assert.equal(s.dates.length, 41);
    const r = s.parameters.find((p: { name: string }) => p.name === 'r');
    assert.deepEqual(
      {
        value: r.value,
        unit: r.unit,
        range: r.range,
        uncertainty: r.uncertainty,
        changed: r.changedByScenario,
      },
      { value: 0.14, unit: '1/year', range: [0, 1], uncertainty: null, changed: true },
    );
    assert.equal(r.sources[0].judgment.length > 0, true);
    const K = s.parameters.find((p: { name: string }) => p.name === 'K');
    assert.deepEqual(K.uncertainty, { dist: 'uniform', min: 500, max: 1500 });
    assert.equal(K.changedByScenario, false);
    assert.deepEqual(
      s.outputs.map((o: { id: string; kind: string }) => `${o.id}:${o.kind}`),
      ['stock:series', 'small:threshold'],
    );
    assert.equal(JSON.stringify(res.body).includes(t.fixture.root), false, 'no server path leaks');
  });

  it('describes a model on its defaults', async () => {
    const res = await request(t.app).get('/api/models/logistic').expect(200);
    assert.equal(res.body.model.model.name, 'logistic_reference');
    assert.equal(res.body.model.scenario, null);
    assert.equal(res.body.model.parameters.find((p: { name: string }) => p.name === 'r').value, 0.1);
  });

  it('gives the raw YAML of a file', async () => {
    const res = await request(t.app)
      .get('/api/scenarios/logistic-fast/yaml')
      .expect(200)
      .expect('Content-Type', /text\/yaml/);
    assert.match(res.text, /extends: logistic-base.yaml/);
  });

  it('answers an unknown or malformed id with a JSON 404', async () => {
    for (const path of [
      '/api/scenarios/nope',
      '/api/models/nope',
      '/api/scenarios/..%2F..%2Fetc%2Fpasswd',
      '/api/models/nope/yaml',
    ]) {
      const res = await request(t.app).get(path).expect(404).expect('Content-Type', /json/);
      assert.equal(assertErrorShape(res.body).code, 'E_NOT_FOUND');
    }
  });

  it('describes the bundled baseline with its threat outputs', async () => {
    const bundled = await makeApp({
      modelsDir: repoPath('models'),
      scenariosDir: repoPath('scenarios'),
      dbPath: t.fixture.dbPath.replace('oxus.sqlite', 'bundled.sqlite'),
    });
    try {
      const res = await request(bundled.app).get('/api/scenarios/baseline-2016').expect(200);
      const s = res.body.scenario;
      assert.equal(s.model.id, 'central-asia');
      const threat = s.outputs.filter((o: { id: string }) => o.id.startsWith('threat'));
      assert.ok(threat.length >= 2, 'threat index outputs');
      const haven = s.parameters.find((p: { name: string }) => p.name === 'taliban_haven');
      assert.ok(
        haven.sources.some((src: { quote?: string }) => typeof src.quote === 'string'),
        'quotes from the seed article',
      );
    } finally {
      bundled.close();
    }
  });
});

describe('catalog of several scenarios folders', () => {
  const t = useTestApp({}, (f) => {
    const more = join(f.root, 'more');
    mkdirSync(more);
    writeFileSync(
      join(more, 'slow.yaml'),
      'oxus: 1\nscenario: slow\ntitle: Slow\nquestion: What if growth is slow?\nextends: ../scenarios/logistic-base.yaml\nparameters:\n  r: 0.05\n',
    );
    writeFileSync(join(more, 'logistic-fast.yaml'), SCENARIOS['logistic-fast.yaml']!);
  });
  let app: TestApp;
  before(async () => {
    app = await makeApp(
      { ...t.fixture, scenariosDir: [t.fixture.scenariosDir, join(t.fixture.root, 'more')] },
      { dbPath: join(t.fixture.root, 'data', 'several.sqlite') },
    );
  });
  after(() => app.close());

  it('lists the files of both folders, a shared name once (the first folder’s)', async () => {
    const res = await request(app.app).get('/api/scenarios').expect(200);
    assert.deepEqual(
      res.body.scenarios.map((s: { id: string; file: string; extends: string | null }) => [
        s.id,
        s.file,
        s.extends,
      ]),
      [
        ['busy', 'scenarios/busy.yaml', null],
        ['logistic-base', 'scenarios/logistic-base.yaml', null],
        ['logistic-fast', 'scenarios/logistic-fast.yaml', 'logistic-base'],
        ['slow', 'more/slow.yaml', 'logistic-base'],
      ],
    );
    const slow = await request(app.app).get('/api/scenarios/slow').expect(200);
    assert.equal(slow.body.scenario.model.id, 'logistic');
  });

  it('refuses a name two folders share, naming both files, rather than choosing one', async () => {
    const message =
      "2 scenario files are named 'logistic-fast': scenarios/logistic-fast.yaml and more/logistic-fast.yaml; rename all but one";
    const described = await request(app.app).get('/api/scenarios/logistic-fast').expect(409);
    assert.deepEqual(
      { code: assertErrorShape(described.body).code, message: described.body.error.message },
      { code: 'E_NAME_CLASH', message },
    );
    const run = await request(app.app)
      .post('/api/runs?wait=true')
      .send({ scenario: 'logistic-fast', runs: 10 })
      .expect(409);
    assert.equal(run.body.error.message, message);
  });
});
