/**
 * GET /api/models/:id/map: the graph of the model with its drawing and loops; the same answer twice (built
 * once, on the engine host thread); a model that does not build is a 422 naming its file and line; an
 * unknown model a 404.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import { loadModel } from '../../src/model/load.js';
import { EngineHost } from '../../src/server/engineHost/host.js';
import { modelMap } from '../../src/teach/modelMap/modelMap.js';
import { assertErrorShape, useTestApp } from '../support/serverApp.js';

describe('model map route', () => {
  const t = useTestApp();

  it('answers the map of a model: nodes placed, edges routed, loops listed', async () => {
    const res = await request(t.app)
      .get('/api/models/logistic/map')
      .expect(200)
      .expect('Content-Type', /json/);
    const map = res.body;
    assert.equal(map.format, 'oxus-model-map/1');
    assert.equal(map.model, 'logistic_reference');
    assert.deepEqual(
      map.nodes.map((n: { id: string }) => n.id),
      ['parameter:r', 'parameter:K', 'state:S', 'rule:growth', 'output:stock', 'output:small'],
    );
    for (const n of map.nodes)
      assert.ok(n.width > 0 && n.x >= 0 && n.y >= 0 && n.x + n.width <= map.width, n.id);
    for (const e of map.edges) assert.ok(e.points.length >= 2, `${e.from}→${e.to} is routed`);
    assert.deepEqual(
      map.loops.loops.map((l: { stocks: string[] }) => l.stocks),
      [['state:S']],
    );
    // The logistic rule's own increment r·S·(1 − S/K) falls with S above K/2, where its runs spend most steps;
    // what is checked here is that the answer carries a sign from the runs, with its shares and method.
    const [link] = map.loops.loops[0].links;
    assert.ok(['+', '-', 'mixed'].includes(link.sign), link.sign);
    assert.equal(link.states, map.loops.signs.runs * map.loops.signs.steps);
    assert.ok(Math.abs(link.shares.plus + link.shares.minus + link.shares.zero - 1) < 1e-12);
    assert.ok(['reinforcing', 'balancing', 'mixed'].includes(map.loops.loops[0].polarity));
    assert.deepEqual(Object.keys(map.loops.signs).sort(), ['method', 'runs', 'share', 'steps']);
    const again = await request(t.app).get('/api/models/logistic/map').expect(200);
    assert.equal(again.text, res.text);
  });

  it('builds the map on the engine host thread, and it equals the map built in this thread', async () => {
    const path = join(t.fixture.modelsDir, 'logistic.yaml');
    const host = new EngineHost();
    try {
      const json = await host.map(path, 60_000);
      assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(await modelMap(loadModel(path)))));
      const res = await request(t.app).get('/api/models/logistic/map').expect(200);
      assert.equal(res.text, json, 'the route sends what the host built');
    } finally {
      await host.close();
    }
  });

  it('refuses an unknown model (404) and a model with problems (422, with its file and line)', async () => {
    assertErrorShape((await request(t.app).get('/api/models/nope/map').expect(404)).body);
    writeFileSync(
      join(t.fixture.modelsDir, 'broken.yaml'),
      `oxus: 1
model: broken
title: broken
time: { start: 2000, end: 2001, step: year }
state:
  x: { unit: index, initial: 0 }
rules:
  r: { target: x, add: "y + 1", sources: [{ judgment: "x" }] }
`,
    );
    const res = await request(t.app).get('/api/models/broken/map').expect(422);
    const error = assertErrorShape(res.body);
    assert.equal(error.code, 'E_UNKNOWN_SYMBOL');
    assert.match(error.message, /^models\/broken\.yaml:8: rules\.r\.add: unknown symbol 'y'/);
  });
});
