/**
 * Analysis of competing hypotheses against known answers: p ~ Uniform(0, 1) per run and one Bernoulli(p)
 * trial a year (test/fixtures/beta-bernoulli.yaml). Hypotheses on p: "low" (p < 0.3), "middle" (p < 0.6,
 * so the low runs, meeting both, count as low: the first match), and the rest, p ≥ 0.6, "none of these".
 * Evidence: E1, 7 successes in 10; E2, at most 1 in the first 3. For a hypothesis p ∈ [a, b),
 * P(E | H) = ∫_a^b P(E | p) dp / (b − a), with P(E1 | p) = 120 p⁷(1 − p)³ and P(E2 | p) = (1 − p)³ + 3p(1 − p)².
 * Every sequence of 7 successes in 10 has probability p⁷(1 − p)³, so seeing E1 and E2 together still gives
 * the Beta(8, 4) posterior of E1 alone: E2 adds nothing once E1 is known, and treating the two as
 * independent given the hypothesis (the product of the cells) counts E2 again and is wrong.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { executeAch } from '../../src/ach.js';
import { AnalysisError } from '../../src/errors.js';
import { prepare } from '../../src/pipeline.js';
import { repoPath } from '../support/build.js';
import { oxus } from '../support/cli.js';

const MODEL = 'test/fixtures/beta-bernoulli.yaml';
const RUNS = 40_000;

/** ∫ f over [a, b] by Simpson's rule on 2,000 intervals (polynomials of degree ≤ 10: exact to rounding). */
function integrate(f: (x: number) => number, a: number, b: number): number {
  const m = 2000;
  const h = (b - a) / m;
  let s = f(a) + f(b);
  for (let i = 1; i < m; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}
const E1 = (p: number) => 120 * p ** 7 * (1 - p) ** 3;
const E2 = (p: number) => (1 - p) ** 3 + 3 * p * (1 - p) ** 2;
const BANDS: [number, number][] = [
  [0, 0.3],
  [0.3, 0.6],
  [0.6, 1],
];
const given = (f: (p: number) => number) => BANDS.map(([a, b]) => integrate(f, a, b) / (b - a));

const REQUEST = {
  hypotheses: [
    { name: 'low', output: 'p', at: '2010', when: '< 0.3' },
    { name: 'middle', output: 'p', at: '2010', when: '< 0.6' },
  ],
  evidence: [
    { output: 'successes', at: 2010, between: [7, 7] as [number, number], label: '7 successes in 10' },
    { output: 'successes', at: 2003, between: [0, 1] as [number, number], label: 'at most 1 in the first 3' },
  ],
};

describe('analysis of competing hypotheses', () => {
  it('cells are P(evidence | hypothesis), and the seen evidence gives the Beta(8, 4) posterior', async () => {
    const r = await executeAch(prepare(repoPath(MODEL), { runs: RUNS, seed: 8 }), REQUEST, { workers: 0 });
    assert.deepEqual(
      r.hypotheses.map((h) => h.name),
      ['low', 'middle', 'none of these'],
    );
    // The low runs also meet "middle": about 30% of the runs, counted once, as low.
    assert.ok(Math.abs(r.overlapping / RUNS - 0.3) < 4 * Math.sqrt((0.3 * 0.7) / RUNS), `${r.overlapping}`);
    r.hypotheses.forEach((h, i) => {
      const [a, b] = BANDS[i]!;
      assert.ok(Math.abs(h.prior.p - (b - a)) < 4 * h.prior.se, `${h.name} prior ${h.prior.p}`);
    });
    for (const [e, f] of [E1, E2].entries()) {
      const expected = given(f);
      r.evidence[e]!.cells.forEach((cell, h) => {
        const n = r.hypotheses[h]!.runs;
        const se = Math.sqrt((expected[h]! * (1 - expected[h]!)) / n);
        assert.ok(
          Math.abs(cell.p! - expected[h]!) < 4 * se + 1e-12,
          `E${e + 1} H${h}: ${cell.p}, expected ${expected[h]} ± ${4 * se}`,
        );
      });
    }
    // Beta(8, 4) mass on each band (the posterior of E1, and of E1 with E2).
    const beta = (p: number) => 1320 * p ** 7 * (1 - p) ** 3;
    const mass = BANDS.map(([a, b]) => integrate(beta, a, b));
    // 4 SE of a share of the accepted runs, from the expected mass (the estimate's own SE is 0 when no run
    // of a rare class is accepted).
    for (const [i, h] of r.hypotheses.entries()) {
      const se = Math.sqrt((mass[i]! * (1 - mass[i]!)) / r.effectiveRuns);
      assert.ok(
        Math.abs(h.posterior.p - mass[i]!) < 4 * se,
        `${h.name}: ${h.posterior.p}, expected ${mass[i]} ± ${4 * se}`,
      );
    }
    // As if independent: ∝ P(H)·P(E1 | H)·P(E2 | H), exactly from the cells, and far from the truth here.
    const un = r.hypotheses.map(
      (h, i) => h.prior.p * r.evidence[0]!.cells[i]!.p! * r.evidence[1]!.cells[i]!.p!,
    );
    const total = un.reduce((a, b) => a + b, 0);
    for (const [i, h] of r.hypotheses.entries())
      assert.ok(Math.abs(h.independentPosterior! - un[i]! / total) < 1e-12);
    const none = r.hypotheses[2]!;
    assert.ok(none.posterior.p - none.independentPosterior! > 8 * none.posterior.se, 'E2 counted twice');
  });

  it('diagnosticity, ratings and inconsistency follow from the cells', async () => {
    const r = await executeAch(
      prepare(repoPath(MODEL), { runs: RUNS, seed: 8 }),
      { ...REQUEST, seen: [2] },
      { workers: 0 },
    );
    const [e1, e2] = r.evidence as [(typeof r.evidence)[0], (typeof r.evidence)[0]];
    assert.equal(e1.seen, false);
    assert.equal(e2.seen, true);
    const ps = e2.cells.map((c) => c.p!);
    assert.ok(Math.abs(e2.diagnosticity! - Math.max(...ps) / Math.min(...ps)) < 1e-9);
    // E2 (at most 1 success in 3) fits "low" best (0.92); under p ≥ 0.6 it is 0.128, a ratio of 0.14: inconsistent.
    assert.equal(e2.cells[0]!.rating, 'C');
    assert.equal(e2.cells[0]!.ratio, 1);
    const expected = given(E2);
    assert.ok(Math.abs(e2.cells[2]!.ratio! - expected[2]! / expected[0]!) < 0.05);
    assert.equal(e2.cells[2]!.rating, 'I');
    // Only E2 is seen: each hypothesis' inconsistency is −log10 of its ratio on E2 alone.
    r.hypotheses.forEach((h, i) => {
      assert.ok(Math.abs(h.inconsistency.bans + Math.log10(e2.cells[i]!.ratio!)) < 1e-12);
      assert.deepEqual(h.inconsistency.ruledOutBy, []);
    });
    assert.equal(r.hypotheses[2]!.inconsistency.inconsistent, 1);
    // Seen alone, E2 conditions the runs: P(low | E2) = P(low)·P(E2 | low)/P(E2), P(E2) = 1/2.
    const low = r.hypotheses[0]!;
    assert.ok(Math.abs(low.posterior.p - (0.3 * expected[0]!) / 0.5) < 4 * low.posterior.se);
  });

  it('soft evidence scores each hypothesis by its mean likelihood, and a threshold needs no condition', async () => {
    // "p measured about 0.7 (sd 0.1)": P(E | p ∈ [a, b)) = ∫ exp(−(p − 0.7)²/0.02) dp/(b − a), the kernel
    // without its constant (which cancels in every ratio).
    const r = await executeAch(
      prepare(repoPath(MODEL), { runs: RUNS, seed: 8 }),
      {
        hypotheses: [
          { name: 'low', output: 'p', at: '2010', when: '< 0.3' },
          { name: 'seven', output: 'seven', at: '2010' },
        ],
        evidence: [{ output: 'p', at: 2010, about: { value: 0.7, sd: 0.1 } }],
      },
      { workers: 0 },
    );
    const kernel = (p: number) => Math.exp(-((p - 0.7) ** 2) / 0.02);
    const low = integrate(kernel, 0, 0.3) / 0.3;
    const cell = r.evidence[0]!.cells[0]!;
    // The kernel is below e^−8 on [0, 0.3]: the cell is tiny, and 4 SE of a mean of values in [0, e^−8].
    assert.ok(
      Math.abs(cell.p! - low) < (4 * Math.exp(-8)) / Math.sqrt(r.hypotheses[0]!.runs),
      `${cell.p} vs ${low}`,
    );
    assert.equal(cell.rating, 'II');
    // "seven" (a threshold: 7 successes by 2010) holds in the runs not already low, with k10 ≥ 7.
    assert.equal(r.hypotheses[1]!.kind, 'threshold');
    assert.deepEqual(r.hypotheses[1]!.when, { op: '==', value: 1 });
    assert.equal(r.consistentRuns, RUNS, 'a soft observation rejects no run');
  });

  it('evidence a hypothesis cannot produce rules it out, with no finite diagnosticity', async () => {
    const r = await executeAch(
      prepare(repoPath(MODEL), { runs: 2000, seed: 3 }),
      {
        hypotheses: [
          { name: 'few', output: 'successes', at: '2010', when: '< 7' },
          { name: 'many', output: 'successes', at: '2010', when: '>= 7' },
        ],
        evidence: [{ output: 'seven', at: 2010, happened: true, label: 'seven successes by 2010' }],
      },
      { workers: 0 },
    );
    // "seven" is exactly "at least 7 successes": impossible under "few", certain under "many".
    const e = r.evidence[0]!;
    assert.deepEqual(
      e.cells.map((c) => [c.p, c.ratio, c.rating]),
      [
        [0, 0, 'II'],
        [1, 1, 'C'],
      ],
    );
    assert.equal(e.diagnosticity, null);
    assert.deepEqual(e.excludes, ['few']);
    assert.deepEqual(r.hypotheses[0]!.inconsistency.ruledOutBy, [1]);
    assert.equal(r.hypotheses[0]!.posterior.p, 0);
    assert.equal(r.hypotheses[1]!.posterior.p, 1);
    assert.equal(r.hypotheses.length, 2, 'every run meets one of the two: no "none of these"');
  });

  it('`oxus ach` reads hypotheses and the scenario’s observations, and refuses what it cannot weigh', async () => {
    const res = await oxus(
      'ach',
      'test/fixtures/beta-bernoulli-observed.yaml',
      '--hypothesis',
      'low=p@2010 < 0.3',
      '--hypothesis',
      'high=p@2010 >= 0.6',
      '--runs',
      '4000',
    );
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /7 successes in 10/);
    assert.match(res.stdout, /none of these/);
    const json = await oxus(
      'ach',
      'test/fixtures/beta-bernoulli-observed.yaml',
      '--hypothesis',
      'low=p@2010<0.3',
      '--hypothesis',
      'high=p@2010>=0.6',
      '--runs',
      '4000',
      '--format',
      'json',
    );
    const expected = await executeAch(
      prepare(repoPath('test/fixtures/beta-bernoulli-observed.yaml'), { runs: 4000 }),
      {
        hypotheses: [
          { name: 'low', output: 'p', at: '2010', when: '<0.3' },
          { name: 'high', output: 'p', at: '2010', when: '>=0.6' },
        ],
      },
    );
    assert.deepEqual(JSON.parse(json.stdout), JSON.parse(JSON.stringify(expected)));
    const p = prepare(repoPath(MODEL), { runs: 300 });
    const bad: [object, RegExp][] = [
      [{ hypotheses: REQUEST.hypotheses.slice(0, 1) }, /need 2 to 8 of them; found 1/],
      [{ hypotheses: [REQUEST.hypotheses[0], REQUEST.hypotheses[0]] }, /two hypotheses are named 'low'/],
      [{ seen: [3] }, /evidence 3 marked as seen is not in the list: expected a number from 1 to 2/],
      [{ evidence: [] }, /no evidence to weigh/],
      [
        { evidence: [{ output: 'successes', at: 2010, between: [11, 12] }] },
        /none of the 300 runs is consistent/,
      ],
      [
        { hypotheses: [{ name: 'x', output: 'p', at: '2010' }, REQUEST.hypotheses[1]] },
        /a series needs a condition/,
      ],
    ];
    for (const [extra, message] of bad) {
      await assert.rejects(
        executeAch(p, { ...REQUEST, ...extra } as never, { workers: 0 }),
        (err: unknown) => err instanceof AnalysisError && message.test(err.message),
        JSON.stringify(extra),
      );
    }
  });
});
