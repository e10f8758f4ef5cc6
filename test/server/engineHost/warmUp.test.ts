/**
 * Describing a scenario starts a warm-up of the engine on it (hostWorker.ts): runs thrown away so that the
 * first real run starts with warm threads. The warm-up must never show: the description answers at once,
 * a run sent while the warm-up is under way waits for it and gives the numbers a run without any warm-up
 * gives, and a scenario's warm-up is made once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { EngineHost } from '../../../src/server/engineHost/host.js';
import { useTestApp } from '../../support/serverApp.js';

const RUN = { scenario: 'logistic-base', runs: 3000 };

describe('the warm-up after a description', () => {
  const host = new EngineHost();
  const t = useTestApp({ engineHost: host, workers: 2 });

  it('leaves the numbers of the runs after it as they are', async () => {
    // A run before any description (no warm-up), then the description and at once the same run.
    const cold = await request(t.app).post('/api/runs?wait=true').send(RUN).expect(200);
    const described = await request(t.app).get('/api/scenarios/logistic-base').expect(200);
    assert.equal(described.body.scenario.id, 'logistic-base');
    const warm = await request(t.app).post('/api/runs?wait=true').send(RUN).expect(200);
    assert.deepStrictEqual(warm.body.result.summary, cold.body.result.summary);
    assert.deepStrictEqual(warm.body.result.receipt, cold.body.result.receipt);
  });

  it('is asked for once per scenario: later descriptions come from the cache', async () => {
    const asked: unknown[] = [];
    const describeOnHost = host.describe.bind(host);
    host.describe = (source, warmUpWorkers) => {
      asked.push(warmUpWorkers);
      return describeOnHost(source, warmUpWorkers);
    };
    try {
      await request(t.app).get('/api/scenarios/logistic-fast').expect(200);
      await request(t.app).get('/api/scenarios/logistic-fast').expect(200);
    } finally {
      host.describe = describeOnHost;
    }
    assert.deepStrictEqual(asked, [2], "one description, warming the server's 2 engine threads");
  });
});
