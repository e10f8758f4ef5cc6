/** `oxus score`, run in-process: the README's commands, the JSON shape of the issue, and bad input. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oxus as cli } from '../support/cli.js';

describe('oxus score', () => {
  it('prints the claims, the scores and the backtest (README: npm run oxus -- score)', async () => {
    const r = await cli('score');
    assert.equal(r.code, 0, r.stderr);
    for (const text of [
      'Claims (words: US ICD 203)',
      'Brier [95% CI]',
      'Backtest on sizes',
      'seed 2004, 1,000 runs',
    ])
      assert.ok(r.stdout.includes(text), text);
  });

  it('--format json has the shape of the issue, with the stated runs (README: --format json --scale kent)', async () => {
    const r = await cli('score', '--format', 'json', '--scale', 'kent');
    assert.equal(r.code, 0, r.stderr);
    const j = JSON.parse(r.stdout);
    assert.equal(j.scale, 'kent');
    assert.equal(j.claims.length, 20);
    for (const c of j.claims)
      for (const k of ['id', 'who', 'date', 'question', 'outcome', 'forecasts']) assert.ok(k in c, k);
    for (const k of ['model', 'base-rate', 'no-change', 'experts', 'experts@low', 'experts@high']) {
      const s = j.scores[k];
      for (const f of ['brier', 'log', 'n', 'brier_ci', 'log_ci']) assert.ok(f in s, `${k}.${f}`);
    }
    assert.equal(
      j.scores.model.n,
      13,
      'six claims on sizes and events, seven on attacks (zenn-mantle is unresolvable)',
    );
    assert.equal(j.scores['no-change'].n, 14);
    for (const f of ['coverage50', 'coverage90', 'n']) assert.equal(typeof j.backtest[f], 'number');
    assert.equal(typeof j.backtest.crps.model, 'number');
    assert.equal(typeof j.backtest.crps.persistence, 'number');
    // The bundled estimates carry a reporting error; the grades A and B count together.
    assert.deepEqual(j.backtest.reporting, { logsd: 0.5 });
    assert.equal(j.backtest.byGrade['A or B'].n, 4);
    assert.equal(typeof j.backtest.coverage90Reported, 'number');
    for (const e of j.backtest.estimates) assert.equal(e.reported.band90.length, 2);
    assert.deepEqual(
      Object.values(j.receipts).map((x) => [(x as { seed: number }).seed, (x as { runs: number }).runs]),
      [
        [2004, 1000],
        [2016, 1000],
      ],
    );
  });

  it('--format csv writes one value per row', async () => {
    const r = await cli('score', '--format', 'csv', '--no-backtest', '--runs', '50');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines[0], 'kind,key,field,value');
    assert.ok(lines.includes('outcome,azimov-serious-threat,outcome,yes'));
    assert.ok(lines.every((l) => l.split(',').length === 4 || l.includes('"')));
  });

  it('--format csv carries the reported bands and the coverage per grade', async () => {
    const r = await cli('score', '--format', 'csv', '--runs', '50');
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.ok(lines.includes('backtest_total,all,reporting_logsd,0.5'));
    assert.ok(lines.some((l) => l.startsWith('backtest,IMU.strength@2009Q4,reported_p95,')));
    assert.ok(lines.includes('backtest_grade,A or B,n,4'));
  });

  it('reports every problem of a broken file with file and line, exit 1', async () => {
    const r = await cli('score', '--outcomes', 'forecasts/claims.yaml');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /forecasts\/claims\.yaml:15:1 claims: unknown key 'claims'/);
    assert.match(r.stderr, /outcomes: required field is missing/);
  });
});
