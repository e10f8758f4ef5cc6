/**
 * The worker pool survives a worker that dies: the simulation it served fails with a clear error instead
 * of hanging, and the next simulation runs on a fresh thread and gives the same bits as one never disturbed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crashNextWorkerForTest } from '../../src/engine/pool.js';
import { simulate } from '../../src/engine/simulate.js';
import { WorkerCrashedError } from '../../src/errors.js';
import { prepare } from '../../src/pipeline.js';
import { channelsOf, repoPath } from '../support/build.js';

describe('worker pool', () => {
  it('fails the run of a worker that crashes, replaces the thread, and runs the next one unchanged', async () => {
    const { plan } = prepare(repoPath('test/fixtures/rich-scenario.yaml'));
    const options = { runs: 400, seed: 3, workers: 2, chunk: 16 };
    const undisturbed = await simulate(plan, options);
    crashNextWorkerForTest();
    await assert.rejects(simulate(plan, options), (err: unknown) => {
      assert.ok(err instanceof WorkerCrashedError);
      assert.equal(err.code, 'E_WORKER_CRASHED');
      assert.match(err.message, /worker thread crashed \(injected crash\).*run it again/);
      return true;
    });
    const after = await simulate(plan, options);
    const before = channelsOf(undisturbed);
    assert.ok(
      channelsOf(after).every((v, c) => v.every((x, i) => Object.is(x, before[c]![i]))),
      'the run after the crash gives the same bits as before it',
    );
  });
});
