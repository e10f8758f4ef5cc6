/**
 * Conditioning on observations against a known posterior: p ~ Uniform(0, 1) drawn per run, one Bernoulli(p)
 * trial a year for n = 10 years; seeing k = 7 successes makes p ~ Beta(k + 1, n − k + 1) = Beta(8, 4)
 * (conjugacy; e.g. Gelman et al., Bayesian Data Analysis, 3rd ed., §2.1). Exact rejection must give its
 * mean and variance; a soft observation its importance-weighted truncated-normal posterior; no consistent
 * run is a clear error.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { executeCondition } from '../../src/conditioning.js';
import { AnalysisError } from '../../src/errors.js';
import { prepare } from '../../src/pipeline.js';
import { repoPath } from '../support/build.js';
import { oxus } from '../support/cli.js';

const SCENARIO = 'test/fixtures/beta-bernoulli-observed.yaml';

/** ∫ f over [0, 1] by Simpson's rule on 10,000 intervals (the integrands are polynomials of degree ≤ 14). */
function integrate(f: (x: number) => number): number {
  const m = 10_000;
  let s = f(0) + f(1);
  for (let i = 1; i < m; i++) s += (i % 2 ? 4 : 2) * f(i / m);
  return s / (3 * m);
}

describe('conditioning on observations', () => {
  it('7 successes in 10 trials: the accepted runs’ p has the Beta(8, 4) mean and variance', async () => {
    const r = await executeCondition(
      prepare(repoPath(SCENARIO)),
      { output: 'p', at: '2010' },
      { workers: 0 },
    );
    const mean = 8 / 12;
    const variance = (8 * 4) / (12 * 12 * 13);
    const beta = (x: number) => 1320 * x ** 7 * (1 - x) ** 3; // 1/B(8, 4) = 11!/(7! 3!) = 1320
    const mu4 = integrate((x) => (x - mean) ** 4 * beta(x));
    const n = r.effectiveRuns;
    assert.equal(n, r.consistentRuns, 'exact rejection: every accepted run weighs 1');
    // About n/11 of 20,000 runs are accepted (k is uniform on 0..10 a priori); 4 SE of 1,818 draws.
    assert.ok(Math.abs(r.consistentRuns - 20000 / 11) < 4 * Math.sqrt(20000 * (1 / 11) * (10 / 11)));
    const seMean = Math.sqrt(variance / n);
    assert.ok(
      Math.abs(r.posterior.mean - mean) < 4 * seMean,
      `mean ${r.posterior.mean}, 4 SE = ${4 * seMean}`,
    );
    // SE of a sample variance: √((μ4 − σ⁴)/n).
    const seVar = Math.sqrt((mu4 - variance ** 2) / n);
    const got = r.posterior.sd ** 2;
    assert.ok(Math.abs(got - variance) < 4 * seVar, `variance ${got}, expected ${variance} ± ${4 * seVar}`);
    assert.equal(r.warning, null);
  });

  it('a soft observation (p about 0.3, sd 0.1) weights runs to the truncated-normal posterior', async () => {
    const r = await executeCondition(
      prepare(repoPath(SCENARIO)),
      { output: 'p', at: '2010', observations: [{ output: 'p', at: 2010, about: { value: 0.3, sd: 0.1 } }] },
      { workers: 0 },
    );
    // Posterior ∝ N(0.3, 0.1²) on [0, 1]: mean 0.3 + 0.1 (φ(−3) − φ(7)) / (Φ(7) − Φ(−3)) = 0.300444.
    const mean = 0.3 + (0.1 * 0.004431848) / (1 - 0.001349898);
    const se = r.posterior.sd / Math.sqrt(r.effectiveRuns);
    assert.ok(Math.abs(r.posterior.mean - mean) < 4 * se, `mean ${r.posterior.mean}, 4 SE = ${4 * se}`);
    assert.equal(r.consistentRuns, r.runs, 'a soft observation rejects no run');
    // Weights exp(−(p − 0.3)²/0.02) over p ~ U(0, 1) keep about a quarter of the runs' worth.
    assert.ok(r.effectiveRuns > 0.2 * r.runs && r.effectiveRuns < 0.4 * r.runs, `${r.effectiveRuns}`);
  });

  it('warns when few runs are left, and refuses when none is consistent (README: oxus condition)', async () => {
    const few = await oxus('condition', SCENARIO, '--output', 'p', '--at', '2010', '--runs', '300');
    assert.equal(few.code, 0, few.stderr);
    assert.match(few.stdout, /Warning: the conditioned result rests on about \d+ effective runs of 300/);
    const p = prepare(repoPath(SCENARIO), { runs: 500 });
    await assert.rejects(
      executeCondition(p, {
        output: 'p',
        at: '2010',
        observations: [{ output: 'successes', at: 2010, between: [11, 12] }],
      }),
      (err: unknown) =>
        err instanceof AnalysisError &&
        err.code === 'E_NO_CONSISTENT_RUNS' &&
        /none of the 500 runs is consistent.*successes at 2010: between 11 and 12: 0 runs/.test(err.message),
    );
  });

  it('refuses an observation its output cannot have, naming it', async () => {
    const p = prepare(repoPath(SCENARIO), { runs: 50 });
    await assert.rejects(
      executeCondition(p, {
        output: 'p',
        at: '2010',
        observations: [{ output: 'p', at: 2010, happened: true }],
      }),
      /observation 1 \(p by 2010: happened\): 'p' is a series: observe it with `between` or `about`/,
    );
    await assert.rejects(
      executeCondition(p, {
        output: 'p',
        at: '2010',
        observations: [{ output: 'seven', at: 1990, happened: true }],
      }),
      /1990 is not a date of the time axis/,
    );
  });

  it('prints the table (README: oxus condition test/fixtures/beta-bernoulli-observed.yaml --output p --at 2010)', async () => {
    const r = await oxus('condition', SCENARIO, '--output', 'p', '--at', '2010');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /7 successes in 10 trials +│ hard \(rejection\) │ 1,\d{3} of 20,000/);
    assert.match(r.stdout, /conditioned: +mean 0\.6/);
  });
});
