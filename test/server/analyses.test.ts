/**
 * POST /api/compare, /api/sensitivity and /api/trace: the same numbers as the pipeline behind the CLI (bit
 * for bit, through JSON), bodies validated, the analysis's own checks as 400s in the user's terms, and the
 * server's limits on model evaluations, memory, analyses at once and time.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import { executeCompare } from '../../src/comparison.js';
import { prepare } from '../../src/pipeline.js';
import { executeTrace } from '../../src/runTrace.js';
import { executeSensitivity } from '../../src/sensitivity.js';
import { repoPath } from '../support/build.js';
import { assertErrorShape, makeApp, makeFixture, useTestApp } from '../support/serverApp.js';

/** What JSON makes of a value (the API's answer went through JSON.stringify). */
// biome-ignore lint/suspicious/noExplicitAny: deepEqual narrows the answer to this type; the tests read it freely
const asJson = (v: unknown): any => JSON.parse(JSON.stringify(v));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('analysis routes', () => {
  const t = useTestApp({ maxRuns: 20_000, maxEvaluations: 5000 }, (fixture) =>
    copyFileSync(repoPath('models', 'ishigami.yaml'), join(fixture.modelsDir, 'ishigami.yaml')),
  );
  const scenario = (name: string) => prepare(join(t.fixture.scenariosDir, `${name}.yaml`));
  // biome-ignore lint/suspicious/noExplicitAny: the tests read the answers' fields freely
  const post = async (path: string, body: unknown): Promise<{ status: number; body: any }> =>
    request(t.app)
      .post(path)
      .send(body as object);

  describe('POST /api/compare', () => {
    it('pairs B with A run by run, as `oxus compare` does', async () => {
      const res = await post('/api/compare', {
        a: { scenario: 'logistic-base' },
        b: { scenario: 'logistic-fast' },
        output: 'stock',
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const expected = await executeCompare(scenario('logistic-base'), scenario('logistic-fast'), {
        output: 'stock',
      });
      assert.deepEqual(res.body, asJson(expected));
      assert.deepEqual(res.body.names, { a: 'logistic_base', b: 'logistic_fast' });
    });

    it('a scenario against itself: every difference 0, P(B = A) = 1', async () => {
      const res = await post('/api/compare', {
        a: { scenario: 'logistic-base' },
        b: { scenario: 'logistic-base' },
        runs: 50,
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.ok(res.body.comparisons.length > 0);
      for (const c of res.body.comparisons as { pEqual: number; diff: { mean: number } }[]) {
        assert.equal(c.pEqual, 1);
        assert.equal(c.diff.mean, 0);
      }
    });

    it('compares edits: B is A with a driver fixed, on the same runs and seed', async () => {
      const res = await post('/api/compare', {
        a: { scenario: 'logistic-base' },
        b: { scenario: 'logistic-base', overrides: { r: 0.15 } },
        runs: 100,
        seed: 3,
        output: 'stock',
        at: ['2040'],
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.receipts.a.seed, 3);
      assert.equal(res.body.receipts.b.runs, 100);
      const [c] = res.body.comparisons as { date: string; pGreater: number }[];
      assert.equal(c?.date, '2040');
      // r at the top of its range grows the stock faster in nearly every run (a large margin over noise).
      assert.ok(c!.pGreater > 0.8, `P(B > A) = ${c!.pGreater}`);
    });

    it('says which output, member or date it does not know, in the model’s terms', async () => {
      const cases: [object, string, RegExp][] = [
        [{ output: 'stok' }, 'E_UNKNOWN_OUTPUT', /no output, threshold or event 'stok'.*stock/],
        [{ output: 'stock', at: ['2050'] }, 'E_TIME', /2050 is not a date.*2000 to 2040/],
        [{ output: 'stock', member: 'IMU' }, 'E_UNKNOWN_MEMBER', /no member 'IMU'/],
      ];
      for (const [extra, code, message] of cases) {
        const res = await post('/api/compare', {
          a: { scenario: 'logistic-base' },
          b: { scenario: 'logistic-fast' },
          ...extra,
        });
        assert.equal(res.status, 400, JSON.stringify(res.body));
        const e = assertErrorShape(res.body);
        assert.equal(e.code, code);
        assert.match(e.message, message);
      }
    });

    it('validates the body: unknown keys, a side without a scenario, runs over the limit', async () => {
      const cases: [object, string][] = [
        [{ a: { scenario: 'logistic-base' }, b: { scenario: 'logistic-fast' }, runz: 3 }, ''],
        [{ a: { scenario: 'logistic-base' }, b: {} }, 'b.scenario'],
        [{ a: { scenario: 'logistic-base' }, b: { scenario: 'logistic-fast', runs: 5 } }, 'b'],
        [{ a: { scenario: 'logistic-base' }, b: { scenario: 'logistic-fast' }, runs: 20_001 }, 'runs'],
        [{ a: { scenario: '../models/logistic' }, b: { scenario: 'logistic-fast' } }, 'a.scenario'],
      ];
      for (const [body, path] of cases) {
        const res = await post('/api/compare', body);
        assert.equal(res.status, 400, JSON.stringify(body));
        const e = assertErrorShape(res.body);
        assert.equal(e.code, 'E_VALIDATION');
        assert.equal(e.path, path, JSON.stringify(res.body));
      }
      const unknown = await post('/api/compare', {
        a: { scenario: 'nope' },
        b: { scenario: 'logistic-fast' },
      });
      assert.equal(unknown.status, 400);
      assert.equal(assertErrorShape(unknown.body).code, 'E_UNKNOWN_SCENARIO');
    });
  });

  describe('POST /api/sensitivity', () => {
    const ishigami = () => prepare(join(t.fixture.modelsDir, 'ishigami.yaml'), { runs: 400 });

    it('rank and Sobol give the pipeline’s numbers, with the indices at every date', async () => {
      for (const method of ['rank', 'sobol'] as const) {
        const body = { model: 'ishigami', runs: 400, output: 'y', at: '2001', method, samples: 64 };
        const res = await post('/api/sensitivity', body);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        const expected = await executeSensitivity(ishigami(), {
          method,
          output: 'y',
          at: '2001',
          samples: 64,
        });
        assert.deepEqual(res.body, asJson(expected), method);
        assert.deepEqual(res.body.horizons.dates, ['2000', '2001']);
        assert.equal(res.body.horizons.values.length, 4, 'one row per parameter');
      }
    });

    it('groups parameters by family (a declared one, else the name’s first word)', async () => {
      const res = await post('/api/sensitivity', {
        model: 'ishigami',
        output: 'y',
        at: 2001,
        method: 'morris',
        samples: 10,
        groupBy: 'family',
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      // x1…x4 have no underscore: each is a family of its own.
      assert.deepEqual(
        (res.body.parameters as { name: string }[]).map((p) => p.name),
        ['x1', 'x2', 'x3', 'x4'],
      );
      assert.equal(res.body.runs, 50, '10 trajectories of 4 + 1 evaluations');
    });

    it('analyses the time to a threshold, and refuses the time to a series', async () => {
      const body = {
        scenario: 'logistic-base',
        output: 'small',
        at: '2040',
        method: 'rank',
        measure: 'time',
      };
      const res = await post('/api/sensitivity', body);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.measure, 'time');
      const { measure: _m, ...rest } = body;
      const expected = await executeSensitivity(scenario('logistic-base'), {
        ...rest,
        method: 'rank',
        measure: 'time',
      });
      assert.deepEqual(res.body, asJson(expected));
      const series = await post('/api/sensitivity', { ...body, output: 'stock' });
      assert.equal(series.status, 400);
      assert.equal(assertErrorShape(series.body).code, 'E_MEASURE');
    });

    it('refuses a design larger than the server makes, saying how to shrink it', async () => {
      const res = await post('/api/sensitivity', {
        model: 'ishigami',
        output: 'y',
        at: '2001',
        method: 'sobol',
        samples: 1000,
      });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      const e = assertErrorShape(res.body);
      assert.match(e.message, /6000 model evaluations; this server makes at most 5000/);
      assert.match(e.message, /fewer samples or group the parameters/);
    });

    it('answers a wrong output, member, date or method with a 400 in the user’s terms', async () => {
      const base = { model: 'ishigami', output: 'y', at: '2001', method: 'rank' };
      const cases: [object, number, string, RegExp][] = [
        [{ output: 'z' }, 400, 'E_UNKNOWN_OUTPUT', /expected one of y, high/],
        [{ at: '2003' }, 400, 'E_TIME', /2003 is not a date of the time axis/],
        [{ method: 'anova' }, 400, 'E_VALIDATION', /method/],
        [{ samples: 1 }, 400, 'E_VALIDATION', /samples/],
        [{ groupBy: 'colour' }, 400, 'E_VALIDATION', /groupBy/],
        [{ overrides: { x1: 5 } }, 400, 'E_RANGE', /x1/],
      ];
      for (const [extra, status, code, message] of cases) {
        const res = await post('/api/sensitivity', { ...base, ...extra });
        assert.equal(res.status, status, `${JSON.stringify(extra)}: ${JSON.stringify(res.body)}`);
        const e = assertErrorShape(res.body);
        assert.equal(e.code, code, JSON.stringify(res.body));
        assert.match(`${e.path} ${e.message}`, message);
      }
    });
  });

  describe('POST /api/trace', () => {
    it('explains run I as `oxus trace --run I` does', async () => {
      const res = await post('/api/trace', { scenario: 'logistic-base', run: 7 });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body, asJson(executeTrace(scenario('logistic-base'), 7)));
      assert.equal(res.body.receipt.firstRun, 7);
      assert.ok(res.body.steps.length === 40, 'one step a year, 2000 to 2040');
    });

    it('validates the run number', async () => {
      for (const run of [-1, 1.5, '3']) {
        const res = await post('/api/trace', { scenario: 'logistic-base', run });
        assert.equal(res.status, 400);
        assert.equal(assertErrorShape(res.body).path, 'run');
      }
    });
  });

  describe('limits', () => {
    it('refuses a second analysis while the limit is reached (429), and one that runs too long (422)', async () => {
      const g = makeFixture();
      const busy = await makeApp(g, { maxConcurrentAnalyses: 1, runTimeoutMs: 1500 });
      try {
        const slow = request(busy.app)
          .post('/api/compare')
          .send({ a: { scenario: 'busy' }, b: { scenario: 'busy' } })
          .then((r) => r);
        // Let the first request reach the engine thread before the second arrives.
        await sleep(300);
        const second = await request(busy.app).post('/api/trace').send({ scenario: 'logistic-base', run: 0 });
        assert.equal(second.status, 429, JSON.stringify(second.body));
        assert.equal(assertErrorShape(second.body).code, 'E_BUSY');
        const first = await slow;
        assert.equal(first.status, 422, JSON.stringify(first.body));
        assert.equal(assertErrorShape(first.body).code, 'E_TIMEOUT');
      } finally {
        busy.close();
        g.cleanup();
      }
    });
  });

  it('logged no unexpected error', () => {
    assert.deepEqual(t.errors, []);
  });
});
