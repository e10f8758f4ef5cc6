/** Bit-for-bit reproducibility: same inputs give the same bits for any number of workers, blocks or shards. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type RunData, simulate } from '../../src/engine/simulate.js';
import { prepare } from '../../src/pipeline.js';
import { channelsOf, planOf, repoPath } from '../support/build.js';

const SCENARIO = repoPath('test/fixtures/rich-scenario.yaml');

/**
 * Whether two results hold the same bits. Lengths first: every channel of the plan must be there and hold
 * runs × points values, so an empty or truncated result cannot pass by agreeing with another like it.
 */
function sameBits(a: RunData, b: RunData): boolean {
  assertComplete(a);
  assertComplete(b);
  assert.equal(a.runs, b.runs, 'as many runs');
  const bs = channelsOf(b);
  return channelsOf(a).every((v, c) => v.every((x, i) => Object.is(x, bs[c]![i])));
}

/**
 * Fails unless the result has one array per channel, each of runs × points values, and the runs differ
 * (an engine that wrote nothing leaves zeros everywhere, which agree with any other such result).
 */
function assertComplete(d: RunData): void {
  const values = channelsOf(d);
  assert.equal(values.length, d.plan.channels.length, 'one array per channel');
  const points = d.plan.axis.steps + 1;
  values.forEach((v, c) => {
    assert.equal(v.length, d.runs * points, `channel ${c} holds runs × points values`);
  });
  const last = (d.runs - 1) * points;
  assert.ok(
    values.some((v) => v.some((x, i) => i < points && !Object.is(x, v[last + i]))),
    'the first and the last run differ somewhere',
  );
}

const { plan } = prepare(SCENARIO);

describe('determinism', () => {
  it('the same seed gives identical bits, run after run', async () => {
    const a = await simulate(plan, { runs: 200, seed: 5, workers: 0 });
    const b = await simulate(plan, { runs: 200, seed: 5, workers: 0 });
    assert.ok(sameBits(a, b));
  });

  it('1 and 2 worker threads, and any block size, give the bits of the in-thread run', async () => {
    const base = await simulate(plan, { runs: 300, seed: 'w', workers: 0 });
    const one = await simulate(plan, { runs: 300, seed: 'w', workers: 1, chunk: 64 });
    const two = await simulate(plan, { runs: 300, seed: 'w', workers: 2, chunk: 17 });
    assert.ok(sameBits(base, one), '1 worker differs');
    assert.ok(sameBits(base, two), '2 workers differ');
  });

  it('shards of runs concatenate to the whole run', async () => {
    const whole = await simulate(plan, { runs: 120, seed: 9, workers: 0 });
    const first = await simulate(plan, { runs: 50, seed: 9, workers: 0 });
    const second = await simulate(plan, { runs: 70, seed: 9, workers: 0, firstRun: 50 });
    for (const d of [whole, first, second]) assertComplete(d);
    assert.deepEqual([first.runs, second.runs, whole.runs], [50, 70, 120]);
    const [a, b] = [channelsOf(first), channelsOf(second)];
    channelsOf(whole).forEach((v, c) => {
      const joined = new Float64Array([...a[c]!, ...b[c]!]);
      assert.equal(joined.length, v.length, `channel ${c}: the shards hold as many values as the whole`);
      assert.ok(
        v.every((x, i) => Object.is(x, joined[i])),
        `channel ${c}`,
      );
    });
  });

  it('different seeds give different results', async () => {
    const a = await simulate(plan, { runs: 50, seed: 1, workers: 0 });
    const b = await simulate(plan, { runs: 50, seed: 2, workers: 0 });
    assert.ok(!sameBits(a, b));
  });

  it('cancellation stops a run with a CancelledError', async () => {
    const controller = new AbortController();
    const pending = simulate(plan, {
      runs: 5000,
      seed: 1,
      workers: 0,
      chunk: 16,
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    await assert.rejects(pending, { name: 'CancelledError' });
    const pool = new AbortController();
    const pooled = simulate(plan, {
      runs: 5000,
      seed: 1,
      workers: 2,
      chunk: 16,
      signal: pool.signal,
      onProgress: () => pool.abort(),
    });
    await assert.rejects(pooled, { name: 'CancelledError' });
  });
});

describe('the worker pool', () => {
  const broken = planOf(`oxus: 1
model: nan
title: a state that becomes NaN at the fourth step
time: { start: 2000, end: 2010, step: year }
state:
  x: { unit: "1", initial: 1 }
rules:
  blow: { target: x, set: "k >= 3 ? sqrt(-1) : 1", sources: [{ judgment: test }] }
`);

  it('reports a run that goes wrong with the run, the variable and the date, in any thread', async () => {
    for (const workers of [0, 2]) {
      await assert.rejects(
        simulate(broken, { runs: 50, seed: 1, workers }),
        (err: Error & { code?: string; run?: number }) => {
          assert.equal(err.code, 'E_NONFINITE');
          assert.match(
            err.message,
            /^state 'x' became NaN or infinite in the step from 2003 to 2004 \(run 0\)$/,
          );
          return true;
        },
      );
    }
  });

  it('serves the next simulation after a failed one, with the same bits as the calling thread', async () => {
    await assert.rejects(simulate(broken, { runs: 50, seed: 1, workers: 2 }));
    const pooled = await simulate(plan, { runs: 100, seed: 3, workers: 2, chunk: 16 });
    const again = await simulate(plan, { runs: 100, seed: 3, workers: 2, chunk: 32 });
    const local = await simulate(plan, { runs: 100, seed: 3, workers: 0 });
    assert.ok(sameBits(pooled, local));
    assert.ok(sameBits(again, local));
  });
});
