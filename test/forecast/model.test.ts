/**
 * The model as a forecaster: its probabilities are computed from the named scenario and reproduce bit
 * for bit (whatever the worker threads); adding snapshot dates changes no number; answers the result lacks
 * are problems at the claim's line; the backtest's statistics follow from the runs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quantileSorted } from '../../src/analysis/quantile.js';
import { backtest, REPORT_POINTS, reportedSample } from '../../src/forecast/backtest.js';
import { loadEstimates } from '../../src/forecast/estimates.js';
import { loadCatalogue, parseCatalogue } from '../../src/forecast/load.js';
import { claimScenarios, modelProbabilities } from '../../src/forecast/modelForecast.js';
import { runScenarios } from '../../src/forecast/modelRuns.js';
import { crpsSample } from '../../src/forecast/scores/crps.js';
import { execute, prepare } from '../../src/pipeline.js';
import { standardNormalQuantile } from '../../src/random/normal.js';
import { repoPath } from '../support/build.js';

const RUNS = 200; // enough to exercise every answer; the stated scores use the scenarios' own 1,000

describe('model probabilities', () => {
  const catalogue = loadCatalogue(repoPath('forecasts', 'claims.yaml'));

  it('reproduce bit for bit in this thread and on two workers', async () => {
    const needs = claimScenarios(catalogue).values();
    const paths = [...needs];
    const a = modelProbabilities(catalogue, await runScenarios(paths, { runs: RUNS, workers: 0 }));
    const b = modelProbabilities(catalogue, await runScenarios(paths, { runs: RUNS, workers: 2 }));
    assert.deepEqual(a.problems, []);
    assert.equal(
      a.probabilities.size,
      14,
      'fourteen claims name a model answer, seven of them about attacks',
    );
    assert.deepEqual([...a.probabilities], [...b.probabilities]);
  });

  it("runs the scenario itself, and reads per-run values that give the result's own percentiles", async () => {
    const path = repoPath('scenarios', 'backtest-2004.yaml');
    const plain = await execute(prepare(path, { runs: RUNS }), { workers: 0 });
    const run = (await runScenarios([path], { runs: RUNS, workers: 0 })).get(path)!;
    assert.deepEqual(run.receipt, plain.receipt, "the scenario's own receipt: seed 2004, its hashes");
    const k = plain.summary.dates.indexOf('2009Q4');
    const series = plain.summary.series.find((s) => s.output === 'strength' && s.member === 'IMU')!;
    const values = Float64Array.from(run.valuesAt('2009Q4')!['IMU.strength']!).sort();
    assert.equal(values.length, RUNS);
    for (const q of ['5', '50', '95'])
      assert.equal(quantileSorted(values, Number(q) / 100), series.percentiles[q]![k]);
    assert.equal(run.valuesAt('1999Q1'), undefined);
  });

  it('report answers the result lacks at the claim, with line and field', async () => {
    const text = `oxus: 1
title: t
claims:
  - id: wrong-event
    who: W
    role: r
    expert: w
    date: "2004"
    seed: "002"
    quote: q
    reading: { words: w, scale: icd203, term: likely, why: y }
    unresolvable: a test claim with a model answer that names nothing real
    model: { scenario: ../scenarios/backtest-2004.yaml, kind: event, event: pledge_isis, member: XYZ, by: 2030Q1, note: n }
  - id: off-axis
    who: W
    role: r
    expert: w
    date: "2004"
    seed: "002"
    quote: q
    reading: { words: w, scale: icd203, term: likely, why: y }
    unresolvable: a test claim whose date is off the axis
    model: { scenario: ../scenarios/backtest-2004.yaml, kind: threshold, output: extinct, member: IMU, at: 2030Q1, note: n }
`;
    const { catalogue: bad, problems } = parseCatalogue(text, repoPath('forecasts', 'test.yaml'));
    assert.deepEqual(problems, []);
    const runs = await runScenarios(claimScenarios(bad!).values(), { runs: 20, workers: 0 });
    const got = modelProbabilities(bad!, runs).problems.map(
      (p) => `${p.line} ${p.path} ${p.code} ${p.message}`,
    );
    assert.deepEqual(got, [
      "13 claims[0].model.event E_MODEL_ANSWER the scenario's result has no pledge_isis for XYZ",
      "23 claims[1].model.at E_MODEL_ANSWER date 2030Q1 is not on the scenario's axis",
    ]);
  });
});

describe('backtest on sizes', () => {
  it('bands, coverage, CRPS and PIT follow from the runs', () => {
    const sample = Array.from({ length: 100 }, (_, i) => i + 1); // 1 … 100
    const valuesAt = (d: string) =>
      d === '2009Q4' ? { 'IMU.strength': Float64Array.from(sample) } : undefined;
    const file = loadEstimates(repoPath('forecasts', 'estimates.yaml')).file;
    const one = { ...file, estimates: [{ ...file.estimates[1]!, central: 50, low: 40, high: 200 }] };
    const out = backtest(one, valuesAt);
    assert.ok('report' in out);
    const e = out.report.estimates[0]!;
    assert.deepEqual(e.band50, [25.75, 75.25]); // type 7: h = 99 · 0.25 = 24.75
    assert.deepEqual(e.band90, [5.95, 95.05]);
    assert.equal(e.pit, 0.495); // 49 below, 1 equal: (49 + ½) / 100
    assert.equal(e.covered50, true);
    assert.equal(e.crps, crpsSample(sample, 50));
    assert.equal(e.crpsPersistence, 150); // |200 − 50|: the IMU's 2002 "couple of hundred"
    assert.deepEqual(out.report.pit.counts, [0, 0, 1, 0, 0]);
  });

  it('a reporting error widens the bands by the error alone when every run agrees, and counts per grade', () => {
    // Every run at 100: the model's band is [100, 100], and what a source would report is 100 · e^(σ·z_k)
    // for z_k = Φ⁻¹((k + ½)/101). Type-7 quantiles of 101 points land on points: p = 0.05 on the 6th
    // (index 5), the median on z = 0 exactly.
    const valuesAt = (d: string) =>
      d === '2009Q4' ? { 'IMU.strength': new Float64Array(50).fill(100) } : undefined;
    const file = loadEstimates(repoPath('forecasts', 'estimates.yaml')).file;
    const reporting = { logsd: 0.5, why: 'test', source: { judgment: 'test' } };
    const e = { ...file.estimates[1]!, central: 200, low: 150, high: 250, grade: 'B' as const };
    const out = backtest({ ...file, reporting, estimates: [e] }, valuesAt);
    assert.ok('report' in out);
    const s = out.report.estimates[0]!;
    assert.deepEqual(s.band90, [100, 100]);
    assert.equal(s.covered90, false);
    const z5 = standardNormalQuantile(5.5 / REPORT_POINTS);
    assert.ok(Math.abs(s.reported!.band90[0] - 100 * Math.exp(0.5 * z5)) < 1e-9);
    assert.ok(Math.abs(s.reported!.band90[1] - 100 * Math.exp(-0.5 * z5)) < 1e-9);
    assert.ok(Math.abs(s.reported!.median - 100) < 1e-9);
    assert.equal(s.reported!.covered90, true); // 100 · e^(0.5 · 1.60) ≈ 223 ≥ 200
    assert.deepEqual(out.report.byGrade, {
      'A or B': { n: 1, covered90: 0, covered90Reported: 1 },
      B: { n: 1, covered90: 0, covered90Reported: 1 },
    });
    assert.equal(out.report.coverage90Reported, 1);
    // Zero error: what a source reports is the model's own sample.
    const exact = backtest({ ...file, reporting: { ...reporting, logsd: 0 }, estimates: [e] }, valuesAt);
    assert.ok('report' in exact);
    assert.deepEqual(exact.report.estimates[0]!.reported!.band90, [100, 100]);
    assert.deepEqual(reportedSample([0, 3], 0.7).filter((x) => x === 0).length, REPORT_POINTS);
    // Without a reporting error there is no reported column.
    const { oxus, title, scenario, persistence } = file;
    const none = backtest({ oxus, title, scenario, persistence, estimates: [e] }, valuesAt);
    assert.ok(
      'report' in none && none.report.estimates[0]!.reported === null && none.report.reporting === null,
    );
  });

  it('a missing date or series is a problem, not a zero', () => {
    const file = loadEstimates(repoPath('forecasts', 'estimates.yaml')).file;
    const out = backtest(file, () => undefined);
    assert.ok('problems' in out && out.problems.length === file.estimates.length);
  });
});
