/** The summary computed by the worker threads is the one-thread summary, bit for bit. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { summarize } from '../../src/analysis/summarize.js';
import { dealChannels, summarizeInParallel } from '../../src/analysis/summarizeInParallel.js';
import { simulate } from '../../src/engine/simulate.js';
import { prepare } from '../../src/pipeline.js';
import { repoPath } from '../support/build.js';

describe('summarizeInParallel', () => {
  // The Central Asia model's 61 series, 74 thresholds and events and one leader output: 2,200 runs are
  // above the size from which the threads share the summary (5,000,000 series values).
  const { plan } = prepare(repoPath('scenarios', 'baseline-2016.yaml'));

  it('gives the one-thread summary bit for bit, on 2 and on 3 threads', async () => {
    const data = await simulate(plan, { runs: 2_200, seed: 7, workers: 2 });
    assert.ok(data.records.shared(), 'the engine threads made shared segments');
    const want = summarize(data);
    for (const workers of [2, 3]) assert.deepStrictEqual(await summarizeInParallel(data, workers), want);
  });

  it('stays in this thread for small jobs, with the same summary', async () => {
    const data = await simulate(plan, { runs: 50, seed: 7, workers: 0 });
    assert.deepStrictEqual(await summarizeInParallel(data, 2), summarize(data));
  });

  it('uses the threads below the usual size when told to (the warm-up), with the same summary', async () => {
    const data = await simulate(plan, { runs: 64, seed: 7, workers: 2 });
    assert.ok(data.records.shared(), 'the engine threads made shared segments');
    assert.deepStrictEqual(await summarizeInParallel(data, 2, 0), summarize(data));
  });

  it('deals every channel to exactly one thread, the series spread evenly', () => {
    const deals = dealChannels(plan, 2);
    assert.deepStrictEqual(
      deals.flat().sort((a, b) => a - b),
      plan.channels.map((_, i) => i),
    );
    const series = deals.map((d) => d.filter((i) => plan.channels[i]!.kind === 'series').length);
    assert.ok(Math.abs(series[0]! - series[1]!) <= 1, `series per thread: ${series}`);
    assert.deepStrictEqual(dealChannels(plan, 1), [plan.channels.map((_, i) => i)]);
  });
});
