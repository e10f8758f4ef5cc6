/** Paired comparison on common random numbers: exact identities, the paired table, and the CLI. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareRuns } from '../../src/analysis/compare.js';
import { simulate } from '../../src/engine/simulate.js';
import { prepare } from '../../src/pipeline.js';
import { planOf, repoPath } from '../support/build.js';
import { oxus as cli } from '../support/cli.js';

const SCENARIO = repoPath('test/fixtures/rich-scenario.yaml');

const STEP_MODEL = (shift: number) => `oxus: 1
model: step
title: A parameter and a threshold
time: { start: 2000, end: 2004, step: year }
parameters:
  level:
    value: 0.5
    unit: fraction
    uncertainty: { dist: uniform, min: 0, max: 1 }
    sources: [{ judgment: test }]
state:
  x: { unit: index, initial: 0 }
rules:
  grow: { target: x, set: "level + ${shift}", sources: [{ judgment: test }] }
outputs:
  x: { kind: series, expr: x, unit: index }
  high: { kind: threshold, when: "x > 0.6" }
`;

describe('compareRuns', () => {
  it('a scenario compared with itself: every difference exactly 0 and pEqual = 1', async () => {
    const { plan } = prepare(SCENARIO);
    const a = await simulate(plan, { runs: 200, seed: 4, workers: 0 });
    const b = await simulate(plan, { runs: 200, seed: 4, workers: 0 });
    const all = compareRuns(a, b);
    assert.ok(all.length > 0);
    for (const c of all) {
      assert.equal(c.diff.mean, 0, `${c.output} ${c.member ?? ''} ${c.date}`);
      for (const v of Object.values(c.diff.percentiles)) assert.equal(v, 0);
      assert.equal(c.pEqual, 1);
      assert.equal(c.pLess, 0);
      assert.equal(c.pGreater, 0);
      if (c.table) assert.equal(c.table.onlyA + c.table.onlyB, 0);
    }
  });

  it('a shift of 0.2 in every run: difference 0.2, P(B > A) = 1, and the paired table of the threshold', async () => {
    const a = await simulate(planOf(STEP_MODEL(0)), { runs: 1000, seed: 1, workers: 0 });
    const b = await simulate(planOf(STEP_MODEL(0.2)), { runs: 1000, seed: 1, workers: 0 });
    const [x] = compareRuns(a, b, { output: 'x', dates: ['2004'] });
    assert.ok(x);
    // level + 0.2 − level in floating point: within a few ulps of 0.2.
    assert.ok(Math.abs(x.diff.mean - 0.2) < 1e-12);
    assert.equal(x.pGreater, 1);
    const [high] = compareRuns(a, b, { output: 'high', dates: ['2004'] });
    const t = high!.table!;
    // A is high when level > 0.6, B when level > 0.4: every run high in A is high in B.
    assert.equal(t.onlyA, 0);
    assert.equal(t.both + t.onlyA + t.onlyB + t.neither, 1000);
    const count = (data: typeof a, c: number) =>
      Array.from({ length: 1000 }, (_, r) => data.records.at(c, r, 4)).filter((v) => v !== 0).length;
    const ci = a.plan.channels.findIndex((c) => c.output === 'high');
    assert.equal(t.both, count(a, ci));
    assert.equal(t.both + t.onlyB, count(b, ci));
    const p01 = t.onlyB / 1000;
    assert.equal(t.diff, p01);
    assert.equal(t.diffSe, Math.sqrt((p01 - p01 * p01) / 1000));
    // P(0.4 < level ≤ 0.6) = 0.2: pB − pA within 4 of its paired standard errors (≈ 0.0126 each).
    assert.ok(Math.abs(t.diff - 0.2) < 4 * t.diffSe, `${t.diff} ± ${t.diffSe}`);
    assert.equal(high!.pGreater, p01);
  });

  it('runs with different seeds do not pair', async () => {
    const plan = planOf(STEP_MODEL(0));
    const a = await simulate(plan, { runs: 10, seed: 1, workers: 0 });
    const b = await simulate(plan, { runs: 10, seed: 2, workers: 0 });
    assert.throws(() => compareRuns(a, b), /pair only with the same seed/);
  });
});

describe('oxus compare', () => {
  it('prints paired tables naming both scenarios', async () => {
    const r = await cli(
      'compare',
      'test/fixtures/rich-scenario.yaml',
      'test/fixtures/rich-model.yaml',
      '--runs',
      '100',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /B = rich against A = rich_pressure/);
    assert.match(r.stdout, /P\(B<A\)/);
    assert.match(r.stdout, /only A/);
  });

  it('gives JSON with receipts and comparisons, one output at one date', async () => {
    const r = await cli(
      'compare',
      'test/fixtures/rich-scenario.yaml',
      'test/fixtures/rich-scenario.yaml',
      '--output',
      'strength',
      '--member',
      'A',
      '--at',
      '2015Q1',
      '--format',
      'json',
    );
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.receipts.a.planHash, json.receipts.b.planHash);
    assert.equal(json.comparisons.length, 1);
    const [c] = json.comparisons;
    assert.deepEqual([c.output, c.member, c.date, c.kind], ['strength', 'A', '2015Q1', 'series']);
    assert.equal(c.pEqual, 1);
    assert.deepEqual(Object.keys(c).sort(), [
      'date',
      'diff',
      'kind',
      'label',
      'member',
      'output',
      'pEqual',
      'pGreater',
      'pLess',
      'se',
      'unit',
    ]);
  });

  it("runs the README's example: the IMU without its pledge, against the 2014 counterfactual", async () => {
    const r = await cli(
      'compare',
      'scenarios/counterfactual-2014.yaml',
      'scenarios/imu-no-pledge.yaml',
      '--member',
      'IMU',
      '--at',
      '2016Q4',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /B = imu_no_pledge against A = counterfactual_2014/);
    assert.match(r.stdout, /IMU Pledges allegiance to ISIS \(event\)/);
  });

  it('writes CSV, and names an unknown output or a date off the axis', async () => {
    const csv = await cli(
      'compare',
      'test/fixtures/rich-scenario.yaml',
      'test/fixtures/rich-model.yaml',
      '--output',
      'extinct',
      '--format',
      'csv',
    );
    assert.equal(csv.code, 0, csv.stderr);
    assert.match(csv.stdout, /^# a\.oxus: /);
    assert.match(csv.stdout, /threshold,extinct,A,2020Q1,only_b,\d+/);
    const bad = await cli(
      'compare',
      'test/fixtures/rich-scenario.yaml',
      'test/fixtures/rich-model.yaml',
      '--output',
      'strenght',
    );
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /no output, threshold or event 'strenght': expected one of strength, total/);
    const date = await cli(
      'compare',
      'test/fixtures/rich-scenario.yaml',
      'test/fixtures/rich-model.yaml',
      '--at',
      '2031Q1',
    );
    assert.equal(date.code, 1);
    assert.match(
      date.stderr,
      /2031Q1 is not a date of rich_pressure's time axis: expected one from 2010Q1 to 2020Q1/,
    );
  });
});
