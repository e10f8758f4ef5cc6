/**
 * The teaching endpoints: `POST /api/assumptions`, `/api/condition` and `/api/futures` answer what the CLI's
 * `--format json` writes, bit for bit, are bounded, and refuse bad bodies in the API's error shape.
 */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import { executeAch } from '../../src/ach.js';
import { executeAssumptions } from '../../src/assumptions.js';
import { executeCondition } from '../../src/conditioning.js';
import { executeFutures } from '../../src/futures.js';
import { prepare } from '../../src/pipeline.js';
import { futuresJson } from '../../src/present/futuresTable.js';
import { signpostsJson } from '../../src/present/signpostsTable.js';
import { executeSignposts } from '../../src/signposts.js';
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

  it('POST /api/signposts and /api/ach answer their commands’ JSON', async () => {
    const s = await request(t.app).post('/api/signposts').send({
      model: 'beta-bernoulli',
      runs: 1000,
      output: 'successes',
      when: '>= 6',
      at: 2010,
      by: 2003,
      top: 2,
    });
    assert.equal(s.status, 200, JSON.stringify(s.body));
    const es = await executeSignposts(model('beta-bernoulli', 1000), {
      output: 'successes',
      when: '>= 6',
      at: '2010',
      by: '2003',
      top: 2,
    });
    assert.deepEqual(s.body, json(signpostsJson(es)));
    assert.equal(s.body.signposts.length, 2);
    const hypotheses = [
      { name: 'low', output: 'p', at: '2010', when: '< 0.3' },
      { name: 'high', output: 'p', at: '2010', when: '>= 0.6' },
    ];
    const evidence = [{ output: 'successes', at: 2010, between: [7, 7] }];
    const a = await request(t.app)
      .post('/api/ach')
      .send({ model: 'beta-bernoulli', runs: 2000, hypotheses, evidence, seen: [1] });
    assert.equal(a.status, 200, JSON.stringify(a.body));
    const ea = await executeAch(model('beta-bernoulli', 2000), {
      hypotheses,
      evidence: [{ output: 'successes', at: 2010, between: [7, 7] }],
      seen: [1],
    });
    assert.deepEqual(a.body, json(ea));
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
      ['signposts', { ...base, when: '>= 1', by: 2001 }, 'E_TIME'],
      ['signposts', { ...base, when: 'big', by: 2000 }, 'E_CONDITION'],
      ['signposts', { ...base, when: '>= 1', by: 2000, top: 0 }, 'E_VALIDATION'],
      [
        'ach',
        { model: 'futures-linear', hypotheses: [{ name: 'a', output: 'y', at: 2001, when: '> 1' }] },
        'E_VALIDATION',
      ],
      [
        'ach',
        {
          model: 'futures-linear',
          hypotheses: [
            { name: 'a\u0007', output: 'y', at: 2001, when: '> 1' },
            { name: 'b', output: 'y', at: 2001, when: '< 1' },
          ],
        },
        'E_VALIDATION',
      ],
      [
        'ach',
        {
          model: 'futures-linear',
          hypotheses: [
            { name: 'a', output: 'y', at: 2001, when: '> 1' },
            { name: 'b', output: 'y', at: 2001, when: '< 1' },
          ],
        },
        'E_NO_OBSERVATIONS',
      ],
    ];
    for (const [route, body, code] of cases) {
      const res = await request(t.app).post(`/api/${route}`).send(body);
      assert.equal(res.status, 400, `${route} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
      assert.equal(assertErrorShape(res.body).code, code, `${route} ${JSON.stringify(res.body)}`);
    }
    assert.deepEqual(t.errors, []);
  });
});
