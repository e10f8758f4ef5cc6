/**
 * The engine's threads run below the request thread (hostWorker.ts, ENGINE_NICE): under load the kernel
 * gives the request thread the core it needs to answer, and the runs what is left. Linux keeps a nice value
 * per thread, read here from /proc.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import request from 'supertest';
import { EngineHost } from '../../../src/server/engineHost/host.js';
import { useTestApp } from '../../support/serverApp.js';

/** The nice value of each thread of this process (field 19 of /proc/self/task/<tid>/stat). */
function niceOfThreads(): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync('/proc/self/task')) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.set(Number(tid), Number(fields[16]));
  }
  return out;
}

describe('the engine runs below the request thread', {
  skip: process.platform !== 'linux' && 'per-thread nice values are Linux',
}, () => {
  const host = new EngineHost();
  const t = useTestApp({ engineHost: host });

  it('the engine host and the simulation workers it starts are at nice 10; the request thread is not lowered', async () => {
    const before = niceOfThreads();
    await request(t.app)
      .post('/api/runs?wait=true')
      .send({ scenario: 'logistic-base', runs: 10_000 })
      .expect(200);
    const after = niceOfThreads();
    assert.equal(after.get(process.pid), before.get(process.pid), 'the request thread keeps its priority');
    const lowered = [...after].filter(([tid, nice]) => !before.has(tid) && nice === 10);
    assert.ok(
      lowered.length >= 2,
      `the engine host and at least one worker at nice 10; threads started by the run: ${JSON.stringify([...after].filter(([tid]) => !before.has(tid)))}`,
    );
  });
});
