/**
 * The teaching endpoints: `POST /api/assumptions`, `/api/condition` and `/api/futures` answer what the CLI's
 * `--format json` writes, bit for bit, are bounded, and refuse bad bodies in the API's error shape.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import { executeAssumptions } from '../../src/assumptions.js';
import { executeCondition } from '../../src/conditioning.js';
import { executeFutures } from '../../src/futures.js';
import { prepare } from '../../src/pipeline.js';
import { futuresJson } from '../../src/present/futuresTable.js';
import { repoPath } from '../support/build.js';
import { assertErrorShape, useTestApp } from '../support/serverApp.js';

const json = (x: unknown) => JSON.parse(JSON.stringify(x));

describe('teaching endpoints', () => {
  const t = useTestApp({}, (fixture) => {
    for (const f of ['futures-linear.yaml', 'beta-bernoulli.yaml'])
      copyFileSync(repoPath('test/fixtures', f), join(fixture.modelsDir, f));
  });
  const model = (name: string, runs: number) => prepare(join(t.fixture.modelsDir, `${name}.yaml`), { runs });

  it('POST /api/futures answers the 2×2 of `oxus futures --format json`, narratives included', async () => {
    const drivers = [{ name: 'a' }, { name: 'b', low: 0.2, high: 0.8 }];
    const res = await request(t.app)
      .post('/api/futures')
      .send({ model: 'futures-linear', runs: 300, output: 'y', at: 2001, drivers });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const expected = futuresJson(
      await executeFutures(model('futures-linear', 300), { output: 'y', at: '2001', drivers }),
    );
    assert.deepEqual(res.body, json(expected));
    assert.equal(res.body.narratives.length, 4);
  });

  it('POST /api/assumptions and /api/condition answer their commands’ JSON', async () => {
    const a = await request(t.app)
      .post('/api/assumptions')
      .send({ model: 'futures-linear', runs: 300, output: 'y', at: '2001' });
    assert.equal(a.status, 200, JSON.stringify(a.body));
    const ea = await executeAssumptions(model('futures-linear', 300), { output: 'y', at: '2001' });
    assert.deepEqual(a.body, json(ea));
    const observations = [{ output: 'successes', at: 2010, between: [7, 7] }];
    const c = await request(t.app)
      .post('/api/condition')
      .send({ model: 'beta-bernoulli', runs: 2000, output: 'p', at: '2010', observations });
    assert.equal(c.status, 200, JSON.stringify(c.body));
    const ec = await executeCondition(model('beta-bernoulli', 2000), {
      output: 'p',
      at: '2010',
      observations: [{ output: 'successes', at: 2010, between: [7, 7] }],
    });
    assert.deepEqual(c.body, json(ec));
  });

  it('refuses what it cannot read with a 400 in the API error shape', async () => {
    const base = { model: 'futures-linear', output: 'y', at: '2001' };
    const cases: [string, object, string][] = [
      ['futures', { ...base, drivers: [{ name: 'a' }] }, 'E_VALIDATION'],
      ['futures', { ...base, drivers: [{ name: 'a' }, { name: 'zz' }] }, 'E_UNKNOWN_PARAMETER'],
      ['futures', { ...base, drivers: [{ name: 'a' }, { name: 'fixed' }] }, 'E_DRIVER'],
      ['futures', { ...base, drivers: [{ name: 'a' }, { name: 'b; x' }] }, 'E_VALIDATION'],
      ['futures', { ...base, at: '1999', drivers: [{ name: 'a' }, { name: 'b' }] }, 'E_TIME'],
      ['futures', { ...base, runs: 10_000_000, drivers: [{ name: 'a' }, { name: 'b' }] }, 'E_VALIDATION'],
      ['assumptions', { ...base, output: 'nope' }, 'E_UNKNOWN_OUTPUT'],
      ['assumptions', { ...base, extra: 1 }, 'E_VALIDATION'],
      [
        'condition',
        { ...base, observations: [{ output: 'y', at: 2001, happened: true, about: {} }] },
        'E_VALIDATION',
      ],
      ['condition', { ...base }, 'E_NO_OBSERVATIONS'],
    ];
    for (const [route, body, code] of cases) {
      const res = await request(t.app).post(`/api/${route}`).send(body);
      assert.equal(res.status, 400, `${route} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
      assert.equal(assertErrorShape(res.body).code, code, `${route} ${JSON.stringify(res.body)}`);
    }
    assert.deepEqual(t.errors, []);
  });
});
