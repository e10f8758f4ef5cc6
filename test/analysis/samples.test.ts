/** Sample runs in the summary: whole trajectories of the first runs, the same for any worker count. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { channelKey, SAMPLE_RUNS, summarize } from '../../src/analysis/summarize.js';
import { simulate } from '../../src/engine/simulate.js';
import { planOf, runText } from '../support/build.js';

const MODEL = `oxus: 1
model: samples
title: samples
time: { start: 2000, end: 2012, step: year }
entities:
  group: [A, B]
parameters:
  growth:
    for: group
    value: 0.1
    unit: 1/year
    uncertainty: { dist: uniform, min: 0, max: 0.3 }
    sources: [{ judgment: test }]
state:
  size: { for: group, unit: people, initial: 100, min: 0 }
rules:
  grow: { for: group, target: size, add: "rpois(growth * dt * size) - rpois(0.1 * dt * size)", sources: [{ judgment: test }] }
derived:
  total: { expr: "sumOf(size)", unit: people }
outputs:
  size: { for: group, kind: series, expr: size, unit: people }
  total: { kind: series, expr: total, unit: people }
  gone: { for: group, kind: threshold, when: "size < 50" }
`;

describe('summary samples', () => {
  it('hold every date of every series channel for the first runs, in run order', async () => {
    const data = await runText(MODEL, 4, 3);
    const s = summarize(data);
    assert.deepEqual(s.samples.runs, [0, 1, 2, 3]);
    const series = data.plan.channels.flatMap((c, ci) => (c.kind === 'series' ? [{ c, ci }] : []));
    assert.deepEqual(Object.keys(s.samples.series), ['A.size', 'B.size', 'total']);
    assert.deepEqual(
      Object.keys(s.samples.series),
      series.map(({ c }) => channelKey(c)),
    );
    for (const { c, ci } of series) {
      const runs = s.samples.series[channelKey(c)]!;
      assert.equal(runs.length, 4);
      runs.forEach((trajectory, r) => {
        assert.equal(trajectory.length, s.dates.length);
        trajectory.forEach((x, k) => {
          assert.ok(Object.is(x, data.records.at(ci, r, k)));
        });
      });
    }
    // The runs differ (the test would pass vacuously on constants).
    const a = s.samples.series['A.size']!;
    assert.notDeepEqual(a[0], a[1]);
    // The last point lies in the snapshot's histogram at the last date.
    const snap = s.snapshots.at(-1)!;
    const bins = snap.histograms['A.size']!;
    for (const t of a) assert.ok(bins[0]!.lo <= t[snap.point]! && t[snap.point]! <= bins.at(-1)!.hi);
  });

  it(`keep at most ${SAMPLE_RUNS} runs, numbered from firstRun`, async () => {
    assert.equal(SAMPLE_RUNS, 10);
    const s = summarize(await runText(MODEL, 37, 3));
    assert.deepEqual(
      s.samples.runs,
      Array.from({ length: 10 }, (_, i) => i),
    );
    for (const runs of Object.values(s.samples.series)) assert.equal(runs.length, 10);
    const shard = summarize(await simulate(planOf(MODEL), { runs: 20, seed: 3, firstRun: 5, workers: 0 }));
    assert.deepEqual(
      shard.samples.runs,
      Array.from({ length: 10 }, (_, i) => 5 + i),
    );
    // Run 5 of the shard is run 5 of the whole job.
    assert.deepEqual(shard.samples.series.total![0], s.samples.series.total![5]);
  });

  it('are identical with 1 and 2 worker threads', async () => {
    const plan = planOf(MODEL);
    const one = summarize(await simulate(plan, { runs: 200, seed: 'w', workers: 1, chunk: 16 }));
    const two = summarize(await simulate(plan, { runs: 200, seed: 'w', workers: 2, chunk: 7 }));
    assert.deepEqual(one.samples, two.samples);
    assert.equal(JSON.stringify(one), JSON.stringify(two));
  });
});
