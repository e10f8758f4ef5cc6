/** `POST /api/discover`: `oxus discover` through the API, bounded, with the API's error shape. */
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import { executeDiscovery } from '../../src/discovery.js';
import { prepare } from '../../src/pipeline.js';
import { discoveryJson } from '../../src/present/discoveryTable.js';
import { repoPath } from '../support/build.js';
import { assertErrorShape, useTestApp } from '../support/serverApp.js';

describe('POST /api/discover', () => {
  const t = useTestApp({}, (fixture) =>
    copyFileSync(repoPath('test/fixtures/prim-box.yaml'), join(fixture.modelsDir, 'prim-box.yaml')),
  );
  const post = (body: object) => request(t.app).post('/api/discover').send(body);

  it('answers what `oxus discover --format json` writes, sentences included', async () => {
    const res = await post({ model: 'prim-box', runs: 500, output: 'inside', at: '2001' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const p = prepare(join(t.fixture.modelsDir, 'prim-box.yaml'), { runs: 500 });
    const expected = discoveryJson(await executeDiscovery(p, { output: 'inside', at: '2001' }));
    assert.deepEqual(res.body, JSON.parse(JSON.stringify(expected)));
    assert.match(res.body.sentences[1], /^In \d+% of the runs where Inside the box has happened by 2001, x1/);
  });

  it('refuses what it cannot read with a 400 in the API error shape', async () => {
    const cases: [object, string][] = [
      [{ model: 'prim-box', output: 'hit', at: '2001', when: 'lots' }, 'E_CONDITION'],
      [{ model: 'prim-box', output: 'hit', at: '2001' }, 'E_CONDITION'],
      [{ model: 'prim-box', output: 'hit', at: '2001', when: '> 5' }, 'E_NO_CONTRAST'],
      [{ model: 'prim-box', output: 'nope', at: '2001', when: '> 5' }, 'E_UNKNOWN_OUTPUT'],
      [{ model: 'prim-box', output: 'inside', at: '2001', alpha: 0.001 }, 'E_VALIDATION'],
      [{ model: 'prim-box', output: 'inside', at: '2001', runs: 10_000_000 }, 'E_VALIDATION'],
      [{ model: 'prim-box', output: 'inside', at: '2001', extra: 1 }, 'E_VALIDATION'],
    ];
    for (const [body, code] of cases) {
      const res = await post(body);
      assert.equal(res.status, 400, `${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
      assert.equal(assertErrorShape(res.body).code, code, JSON.stringify(res.body));
    }
    assert.deepEqual(t.errors, []);
  });
});
