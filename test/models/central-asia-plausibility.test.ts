/**
 * Plausibility of the Central Asia model (issue 3). Each check runs with a fixed seed, so it is exactly
 * repeatable; the margins are several standard errors wide, stated beside each assertion.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import type { Result } from '../../src/pipeline.js';
import { execute, prepare, prepareText } from '../../src/pipeline.js';
import { readRepo, repoPath } from '../support/build.js';

const RUNS = 400;

/** Runs a scenario that extends baseline-2016 with extra YAML (parameters, events…). */
async function whatIf(extra: string, runs = RUNS): Promise<Result> {
  const text = `oxus: 1
scenario: test_what_if
title: test
question: test
extends: baseline-2016.yaml
${extra}`;
  return execute(prepareText(text, repoPath('scenarios', 'test-what-if.yaml'), { runs }), { workers: 2 });
}

const series = (r: Result, output: string, member: string) => {
  const s = r.summary.series.find((x) => x.output === output && x.member === member);
  assert.ok(s, `no series ${member}.${output}`);
  return s;
};

describe('Central Asia model: plausibility', () => {
  it('with the 2015 pledge and a hostile Taliban the IMU is likely extinct by 2016Q4; without the pledge clearly less so', async () => {
    const at = (r: Result) => {
      const t = r.summary.thresholds.find((x) => x.output === 'extinct' && x.member === 'IMU');
      assert.ok(t, 'no IMU extinct output');
      return t.pBy[r.summary.dates.indexOf('2016Q4')]!;
    };
    const pledge = at(
      await execute(prepare(repoPath('scenarios/imu-pledge-2015.yaml'), { runs: RUNS }), { workers: 2 }),
    );
    const noPledge = at(
      await execute(prepare(repoPath('scenarios/imu-no-pledge.yaml'), { runs: RUNS }), { workers: 2 }),
    );
    // With 400 runs the standard error of a proportion is at most 0.025: the margins below are over 4 SE.
    assert.ok(pledge >= 0.6, `P(extinct by 2016Q4 | pledge) = ${pledge}`);
    assert.ok(noPledge <= 0.3, `P(extinct by 2016Q4 | no pledge) = ${noPledge}`);
    assert.ok(pledge - noPledge >= 0.3, `difference ${pledge - noPledge}`);
  });

  it('a group with no recruitment decays', async () => {
    const r = await whatIf(`parameters:
  recruit: 0
  ca_flow_base: 0
  absorb_rate: 0
  found_rate: 0
`);
    const last = r.summary.dates.length - 1;
    for (const member of ['IMU', 'KTJ', 'IBB', 'TIP', 'ISKP', 'HT']) {
      const s = series(r, 'strength', member);
      if (s.mean[0]! <= 0) continue;
      // Means over 400 runs: a decay to below 90% of the start is far outside their noise.
      assert.ok(s.mean[last]! < 0.9 * s.mean[0]!, `${member}: ${s.mean[0]} -> ${s.mean[last]}`);
      for (let k = 1; k <= last; k++)
        assert.ok(s.mean[k]! <= s.mean[k - 1]! + 1e-9, `${member} grows at ${r.summary.dates[k]}`);
    }
  });

  it('more Taliban haven never lowers a Taliban-aligned group’s median strength (0 to 1)', async () => {
    const model = parse(readRepo('models/central-asia.yaml')) as {
      state: { alignment: { initial: Record<string, number> } };
    };
    const aligned = Object.entries(model.state.alignment.initial)
      .filter(([, a]) => a === 1)
      .map(([m]) => m);
    assert.ok(aligned.length >= 2, `Taliban-aligned groups: ${aligned}`);
    const levels = [0, 0.25, 0.5, 0.75, 1];
    const results = [];
    for (const h of levels) results.push(await whatIf(`parameters:\n  taliban_haven: ${h}\n`, 300));
    const last = results[0]!.summary.dates.length - 1;
    for (const member of aligned) {
      for (let i = 1; i < levels.length; i++) {
        const lo = series(results[i - 1]!, 'strength', member);
        const hi = series(results[i]!, 'strength', member);
        // Same seed, so runs share their parameter draws; rule draws diverge, so medians carry noise.
        // SE of a median ≈ 1.2533·σ/√n with σ ≈ IQR/1.349; allow 3 SE of the difference.
        const se = (s: typeof lo) =>
          (1.2533 * ((s.percentiles['75']![last]! - s.percentiles['25']![last]!) / 1.349)) / Math.sqrt(300);
        const tol = 3 * Math.hypot(se(lo), se(hi));
        assert.ok(
          hi.percentiles['50']![last]! >= lo.percentiles['50']![last]! - tol,
          `${member}: median ${lo.percentiles['50']![last]} at haven ${levels[i - 1]} > ${hi.percentiles['50']![last]} at ${levels[i]} (tolerance ${tol})`,
        );
      }
      const first = series(results[0]!, 'strength', member).percentiles['50']![last]!;
      const full = series(results.at(-1)!, 'strength', member).percentiles['50']![last]!;
      assert.ok(full >= first, `${member}: full haven ${full} < no haven ${first}`);
    }
  });
});
