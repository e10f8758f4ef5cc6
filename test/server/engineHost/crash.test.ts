/**
 * A thread that dies under a run, an engine worker or the engine host itself, fails that run with a clear
 * error (its status, its JSON error and its end event) and the next run succeeds on a replaced thread.
 * The crash comes through a test-only method of the engine host, which no route reaches.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { EngineHost } from '../../../src/server/engineHost/host.js';
import { assertErrorShape, parseEvents, textParser, useTestApp } from '../../support/serverApp.js';

const RUN = { scenario: 'logistic-base', runs: 200 };

describe('a crashed thread fails its run and is replaced', () => {
  const host = new EngineHost();
  const t = useTestApp({ engineHost: host });

  it('when an engine worker crashes: the run fails, its stream ends, the next run succeeds', async () => {
    const before = await request(t.app).post('/api/runs?wait=true').send(RUN).expect(200);
    t.errors.length = 0;
    host.injectCrashForTest('worker');
    const started = await request(t.app).post('/api/runs').send(RUN).expect(202);
    const id = started.body.run.id as string;
    const events = await request(t.app).get(`/api/runs/${id}/events`).buffer(true).parse(textParser);
    const end = parseEvents(events.body as string).at(-1);
    assert.equal(end?.event, 'end');
    const ended = (await request(t.app).get(`/api/runs/${id}`).expect(200)).body.run;
    assert.equal(ended.status, 'failed');
    assert.equal(ended.error.code, 'E_WORKER_CRASHED');
    assert.match(ended.error.message, /worker thread crashed \(injected crash\).*run it again/);
    assert.deepEqual((end!.data as { error: unknown }).error, ended.error);
    assert.equal(t.errors.length, 1, 'the crash is logged once');
    const result = await request(t.app).get(`/api/runs/${id}/result`).expect(409);
    assert.equal(assertErrorShape(result.body).code, 'E_NOT_READY');

    const next = await request(t.app).post('/api/runs?wait=true').send(RUN).expect(200);
    assert.deepEqual(next.body.result.summary, before.body.result.summary, 'the same numbers as before');
  });

  it('when the engine host thread crashes under a run: the run fails, the next run succeeds', async () => {
    // The busy scenario takes seconds, so the crash comes while it runs.
    const started = await request(t.app).post('/api/runs').send({ scenario: 'busy' }).expect(202);
    host.injectCrashForTest('host');
    const id = started.body.run.id as string;
    await request(t.app).get(`/api/runs/${id}/events`).buffer(true).parse(textParser);
    const { error, status } = (await request(t.app).get(`/api/runs/${id}`).expect(200)).body.run;
    assert.equal(status, 'failed');
    assert.equal(error.code, 'E_WORKER_CRASHED');
    assert.match(error.message, /engine host thread crashed .*restarted/);
    await request(t.app).post('/api/runs?wait=true').send(RUN).expect(200);
  });

  it('answers a waiting request whose run crashed with a JSON 500 that says so', async () => {
    host.injectCrashForTest('worker');
    const res = await request(t.app).post('/api/runs?wait=true').send(RUN).expect(500);
    assert.equal(assertErrorShape(res.body).code, 'E_WORKER_CRASHED');
    await request(t.app).post('/api/runs?wait=true').send(RUN).expect(200);
  });
});
