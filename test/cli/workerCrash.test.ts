/**
 * A worker thread that dies during `oxus run` is reported as one line with its code and what to do, and
 * exit code 1, never as a stack trace (issue 12).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { crashNextWorkerForTest } from '../../src/engine/pool.js';
import { oxus } from '../support/cli.js';

describe('a crashed engine worker in the CLI', () => {
  it('prints one line with E_WORKER_CRASHED and exits with 1; the next run succeeds', async () => {
    crashNextWorkerForTest();
    const crashed = await oxus('run', 'test/fixtures/rich-scenario.yaml', '--runs', '200', '--workers', '2');
    assert.equal(crashed.code, 1);
    assert.equal(
      crashed.stderr,
      'error: an engine worker thread crashed (injected crash); the run was abandoned and the thread replaced: run it again [E_WORKER_CRASHED]\n',
    );
    const again = await oxus('run', 'test/fixtures/rich-scenario.yaml', '--runs', '200', '--workers', '2');
    assert.equal(again.code, 0, again.stderr);
  });
});
