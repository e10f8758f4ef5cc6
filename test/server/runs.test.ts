/**
 * POST /api/runs and friends: validation of bodies, the engine's own checks of overrides, results equal
 * to the pipeline's (the CLI's) bit for bit, progress as server-sent events, cancellation and limits.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import { execute, prepare } from '../../src/pipeline.js';
import { repoPath } from '../support/build.js';
import { assertErrorShape, makeApp, parseEvents, textParser, useTestApp } from '../support/serverApp.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('run routes', () => {
  const t = useTestApp({ maxRuns: 20_000 });

  describe('validation', () => {
    const bad: [string, unknown, string][] = [
      ['an unknown key', { scenario: 'logistic-base', runz: 10 }, ''],
      ['too many runs', { scenario: 'logistic-base', runs: 20_001 }, 'runs'],
      ['a fractional run count', { scenario: 'logistic-base', runs: 1.5 }, 'runs'],
      [
        'an override that is not a number',
        { scenario: 'logistic-base', overrides: { r: '0.2' } },
        'overrides.r',
      ],
      [
        'a malformed parameter name',
        { scenario: 'logistic-base', overrides: { 'r;drop': 0.2 } },
        'overrides.r;drop',
      ],
      ['both a scenario and a model', { scenario: 'logistic-base', model: 'logistic' }, 'scenario'],
      ['neither a scenario nor a model', { runs: 10 }, 'scenario'],
      ['a path as the scenario', { scenario: '../models/logistic' }, 'scenario'],
      ['an array body', [1, 2], ''],
    ];
    for (const [what, body, path] of bad) {
      it(`rejects ${what} with a 400 naming the field`, async () => {
        const res = await request(t.app)
          .post('/api/runs')
          .send(body as object)
          .expect(400)
          .expect('Content-Type', /json/);
        const e = assertErrorShape(res.body);
        assert.equal(e.code, 'E_VALIDATION');
        assert.equal(e.path, path);
        assert.ok(e.problems && e.problems.length >= 1);
      });
    }

    it('rejects a body that is not JSON with 415, and broken JSON with 400', async () => {
      let res = await request(t.app).post('/api/runs').type('text/plain').send('scenario=x').expect(415);
      assert.equal(assertErrorShape(res.body).code, 'E_CONTENT_TYPE');
      res = await request(t.app).post('/api/runs').type('application/json').send('{"scenario": ').expect(400);
      assert.equal(assertErrorShape(res.body).code, 'E_JSON');
    });

    it('rejects a body larger than the limit with 413', async () => {
      const overrides = Object.fromEntries(Array.from({ length: 8000 }, (_, i) => [`p${i}`, i]));
      const res = await request(t.app)
        .post('/api/runs')
        .send({ scenario: 'logistic-base', overrides })
        .expect(413);
      assert.equal(assertErrorShape(res.body).code, 'E_TOO_LARGE');
    });

    it('rejects an unknown scenario with a 400 listing the known ones', async () => {
      const res = await request(t.app).post('/api/runs').send({ scenario: 'nope' }).expect(400);
      const e = assertErrorShape(res.body);
      assert.equal(e.code, 'E_UNKNOWN_SCENARIO');
      assert.match(e.message, /logistic-base/);
    });

    it('checks an override against its range with the engine’s own check', async () => {
      const res = await request(t.app)
        .post('/api/runs')
        .send({ scenario: 'logistic-base', overrides: { r: 2, K: -5 }, runs: 10 })
        .expect(400);
      const e = assertErrorShape(res.body);
      assert.equal(e.code, 'E_RANGE');
      assert.equal(e.path, 'overrides.r');
      assert.deepEqual(
        e.problems?.map((p) => [p.code, p.path]),
        [
          ['E_RANGE', 'overrides.r'],
          ['E_RANGE', 'overrides.K'],
        ],
      );
      assert.equal(e.problems?.[0]?.expected, 'a value in [0, 1]');
    });

    it('reports an unknown parameter with the names the model has', async () => {
      const res = await request(t.app)
        .post('/api/runs')
        .send({ scenario: 'logistic-base', overrides: { growth: 0.2 } })
        .expect(400);
      const e = assertErrorShape(res.body);
      assert.equal(e.code, 'E_UNKNOWN_PARAMETER');
      assert.equal(e.path, 'overrides.growth');
      assert.match(String(e.problems?.[0]?.expected), /r, K/);
    });
  });

  it('runs a bundled scenario and returns the same numbers as the CLI, bit for bit', async () => {
    const bundled = await makeApp({
      modelsDir: repoPath('models'),
      scenariosDir: repoPath('scenarios'),
      dbPath: join(t.fixture.root, 'bundled.sqlite'),
    });
    try {
      const expected = await execute(
        prepare(repoPath('scenarios', 'baseline-2016.yaml'), { runs: 200, seed: 2016 }),
        { workers: 0 },
      );
      const res = await request(bundled.app)
        .post('/api/runs?wait=true')
        .send({ scenario: 'baseline-2016', runs: 200, seed: 2016 })
        .expect(200)
        .expect('Content-Type', /json/);
      assert.equal(res.body.run.status, 'done');
      assert.deepEqual(res.body.result.receipt, expected.receipt);
      assert.equal(JSON.stringify(res.body.result.summary), JSON.stringify(expected.summary));
      assert.equal(JSON.stringify(res.body.result), JSON.stringify(expected));
      assert.ok(
        res.body.result.summary.series.some((s: { output: string }) => s.output.startsWith('threat')),
      );
    } finally {
      bundled.close();
    }
  });

  it('runs an edited scenario exactly as the CLI runs its YAML text saved in scenarios/', async () => {
    const res = await request(t.app)
      .post('/api/runs?wait=true')
      .send({ scenario: 'logistic-fast', overrides: { K: 900, r: 0.12 }, runs: 300, seed: 'abc' })
      .expect(200);
    const text: string = res.body.run.scenarioText;
    assert.match(text, /extends: logistic-fast.yaml/);
    const file = join(t.fixture.scenariosDir, 'saved-edit.yaml');
    writeFileSync(file, text);
    const cli = await execute(prepare(file, { runs: 300, seed: 'abc' }), { workers: 0 });
    assert.equal(JSON.stringify(res.body.result.summary), JSON.stringify(cli.summary));
    assert.equal(res.body.result.receipt.planHash, cli.receipt.planHash);
  });

  it('starts a run with 202, streams its progress as server-sent events, and gives its result and CSV', async () => {
    const started = await request(t.app)
      .post('/api/runs')
      .send({ scenario: 'busy', runs: 4000 })
      .expect(202)
      .expect('Content-Type', /json/);
    const { run } = started.body;
    assert.equal(started.headers.location, `/api/runs/${run.id}`);
    assert.equal(run.status, 'running');
    assert.equal(run.receipt.runs, 4000);
    const stream = await request(t.app)
      .get(run.links.events)
      .buffer(true)
      .parse(textParser)
      .expect(200)
      .expect('Content-Type', /text\/event-stream/);
    const events = parseEvents(stream.body as string);
    const progress = events
      .filter((e) => e.event === 'progress')
      .map((e) => e.data as { done: number; total: number });
    assert.ok(progress.length >= 1, 'at least one progress event');
    for (let i = 1; i < progress.length; i++)
      assert.ok(progress[i]!.done >= progress[i - 1]!.done, 'progress never goes back');
    assert.ok(progress.every((p) => p.total === 4000));
    const end = events.at(-1)!;
    assert.equal(end.event, 'end');
    assert.equal((end.data as { status: string }).status, 'done');

    const info = await request(t.app).get(run.links.self).expect(200);
    assert.equal(info.body.run.status, 'done');
    assert.deepEqual(info.body.run.progress, { done: 4000, total: 4000 });
    const result = await request(t.app).get(run.links.result).expect(200).expect('Content-Type', /json/);
    assert.equal(result.body.format, 'oxus-result/1');
    assert.equal(result.body.summary.series[0].output, 'total');
    const csv = await request(t.app)
      .get(run.links.csv)
      .expect(200)
      .expect('Content-Type', /text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="?oxus-busy-/);
    assert.match(csv.text, /^# oxus: /);
    assert.match(csv.text, /\nkind,output,member,date,statistic,value\n/);
  });

  it('cancels a run in progress', async () => {
    const started = await request(t.app).post('/api/runs').send({ scenario: 'busy' }).expect(202);
    const { run } = started.body;
    const early = await request(t.app).get(run.links.result).expect(409);
    assert.equal(assertErrorShape(early.body).code, 'E_NOT_READY');
    await sleep(200);
    const owner = `Bearer ${started.body.token}`;
    const res = await request(t.app).post(run.links.cancel).send({}).set('Authorization', owner).expect(200);
    assert.equal(res.body.run.status, 'cancelled');
    assert.equal(res.body.run.error.code, 'E_CANCELLED');
    const again = await request(t.app)
      .post(run.links.cancel)
      .send({})
      .set('Authorization', owner)
      .expect(409);
    assert.equal(assertErrorShape(again.body).code, 'E_NOT_RUNNING');
    const stream = await request(t.app).get(run.links.events).buffer(true).parse(textParser).expect(200);
    const end = parseEvents(stream.body as string).at(-1);
    assert.ok(end);
    assert.deepEqual([end.event, (end.data as { status: string }).status], ['end', 'cancelled']);
  });

  it('answers 404 for an unknown run', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const path of [`/api/runs/${id}`, `/api/runs/${id}/result`, `/api/runs/${id}/events`]) {
      const res = await request(t.app).get(path).expect(404).expect('Content-Type', /json/);
      assert.equal(assertErrorShape(res.body).code, 'E_NOT_FOUND');
    }
    await request(t.app).post(`/api/runs/${id}/cancel`).send({}).expect(404);
  });

  it('refuses more concurrent runs than allowed with 429 and Retry-After', async () => {
    const one = await makeApp(
      { ...t.fixture, dbPath: join(t.fixture.root, 'one.sqlite') },
      { maxConcurrentRuns: 1 },
    );
    try {
      const first = await request(one.app).post('/api/runs').send({ scenario: 'busy' }).expect(202);
      const second = await request(one.app).post('/api/runs').send({ scenario: 'logistic-base' }).expect(429);
      assert.equal(assertErrorShape(second.body).code, 'E_BUSY');
      assert.equal(second.headers['retry-after'], '2');
      await request(one.app)
        .post(first.body.run.links.cancel)
        .send({})
        .set('Authorization', `Bearer ${first.body.token}`)
        .expect(200);
      await request(one.app)
        .post('/api/runs?wait=true')
        .send({ scenario: 'logistic-base', runs: 20 })
        .expect(200);
    } finally {
      one.close();
    }
  });

  it('refuses a run whose per-run records would exceed the memory limit', async () => {
    // logistic: a series (41 dates × 8 bytes) and a threshold (41 × 1 byte) = 369 bytes per run, so
    // 10,000 bytes allow 27 runs.
    const small = await makeApp(
      { ...t.fixture, dbPath: join(t.fixture.root, 'small.sqlite') },
      { maxRunBytes: 10_000 },
    );
    try {
      const res = await request(small.app)
        .post('/api/runs')
        .send({ scenario: 'logistic-base', runs: 100 })
        .expect(400);
      const e = assertErrorShape(res.body);
      assert.equal(e.code, 'E_TOO_MANY_RUNS');
      assert.equal(e.path, 'runs');
      assert.match(e.message, /at most 27 runs/);
      await request(small.app)
        .post('/api/runs?wait=true')
        .send({ scenario: 'logistic-base', runs: 15 })
        .expect(200);
    } finally {
      small.close();
    }
  });

  it('aborts a run that exceeds the time limit', async () => {
    const slow = await makeApp(
      { ...t.fixture, dbPath: join(t.fixture.root, 'slow.sqlite') },
      { runTimeoutMs: 300 },
    );
    try {
      const res = await request(slow.app).post('/api/runs?wait=true').send({ scenario: 'busy' }).expect(422);
      const e = assertErrorShape(res.body);
      assert.equal(e.code, 'E_TIMEOUT');
      assert.match(e.message, /0.3 s/);
    } finally {
      slow.close();
    }
  });

  it('keeps answering other requests while a run simulates', async () => {
    const started = await request(t.app).post('/api/runs').send({ scenario: 'busy' }).expect(202);
    const { run } = started.body;
    await request(t.app).get('/api/health').expect(200);
    // The behaviour, not a time: health answered while the run was still simulating (20,000 runs of the
    // busy model take seconds; a server that simulated on the thread that answers requests would answer only after them).
    const during = await request(t.app).get(run.links.self).expect(200);
    assert.equal(during.body.run.status, 'running', 'health answered before the run finished');
    assert.ok(during.body.run.progress.done < during.body.run.progress.total, 'runs were left to do');
    await request(t.app)
      .post(run.links.cancel)
      .send({})
      .set('Authorization', `Bearer ${started.body.token}`)
      .expect(200);
    assert.deepEqual(t.errors, []);
  });
});
