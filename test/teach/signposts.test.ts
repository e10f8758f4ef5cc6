/**
 * Signposts against known answers: p ~ Uniform(0, 1) per run and one Bernoulli(p) trial a year
 * (test/fixtures/beta-bernoulli.yaml). The sequence of trials is exchangeable, so with k3 the successes of
 * the first 3 trials and k10 of all 10, P(k3 = a, k10 = b) = C(3, a)·C(7, b − a)·b!(10 − b)!/11! (the
 * Beta(1, 1) mixture of binomials), and P(k10 ≥ 6 | p ≥ ½) = 2∫_{½}^{1} P(Bin(10, p) ≥ 6) dp.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnalysisError } from '../../src/errors.js';
import { prepare } from '../../src/pipeline.js';
import { signpostsJson } from '../../src/present/signpostsTable.js';
import { executeSignposts } from '../../src/signposts.js';
import { repoPath } from '../support/build.js';
import { oxus } from '../support/cli.js';

const MODEL = 'test/fixtures/beta-bernoulli.yaml';
const RUNS = 20_000;

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
const choose = (n: number, k: number) =>
  k < 0 || k > n ? 0 : factorial(n) / (factorial(k) * factorial(n - k));
/** P(k3 = a, k10 = b). */
const joint = (a: number, b: number) =>
  (choose(3, a) * choose(7, b - a) * factorial(b) * factorial(10 - b)) / factorial(11);
/** P(Bin(10, p) ≥ 6). */
const tail = (p: number) =>
  [6, 7, 8, 9, 10].reduce((s, k) => s + choose(10, k) * p ** k * (1 - p) ** (10 - k), 0);
/** ∫ f over [a, b] by Simpson's rule on 2,000 intervals (a polynomial of degree 10: exact to rounding). */
function integrate(f: (x: number) => number, a: number, b: number): number {
  const m = 2000;
  const h = (b - a) / m;
  let s = f(a) + f(b);
  for (let i = 1; i < m; i++) s += (i % 2 ? 4 : 2) * f(a + i * h);
  return (s * h) / 3;
}

describe('signposts', () => {
  it('P(future | seen) and P(future | not seen) match the beta-binomial answers within 4 SE', async () => {
    const p = prepare(repoPath(MODEL), { runs: RUNS, seed: 4 });
    const r = await executeSignposts(
      p,
      {
        output: 'successes',
        at: '2010',
        when: '>= 6',
        signposts: [
          { output: 'successes', at: 2003, between: [2, 3], label: 'two or three of the first three' },
          { output: 'p', at: 2003, between: [0.5, 1], label: 'p at least a half' },
          { output: 'seven', at: 2003, happened: true },
        ],
      },
      { workers: 0 },
    );
    // k10 is uniform on 0..10: P(k10 ≥ 6) = 5/11.
    assert.ok(Math.abs(r.prior.p - 5 / 11) < 4 * r.prior.se, `prior ${r.prior.p}`);
    const first3 = r.signposts.find((s) => s.text.startsWith('two'))!;
    let both = 0;
    for (const a of [2, 3]) for (let b = 6; b <= 10; b++) both += joint(a, b);
    // P(k3 ≥ 2) = 1/2 (k3 uniform on 0..3).
    const cases: [string, number, number, number][] = [
      ['k3 ≥ 2: P(seen)', first3.pSeen, 0.5, Math.sqrt(0.25 / RUNS)],
      ['k3 ≥ 2: P(F | seen)', first3.ifSeen.p, both / 0.5, first3.ifSeen.se],
      ['k3 ≥ 2: P(F | not)', first3.ifNot.p, (5 / 11 - both) / 0.5, first3.ifNot.se],
    ];
    const half = r.signposts.find((s) => s.text.startsWith('p at'))!;
    const high = 2 * integrate(tail, 0.5, 1);
    cases.push(['p ≥ ½: P(F | seen)', half.ifSeen.p, high, half.ifSeen.se]);
    cases.push(['p ≥ ½: P(F | not)', half.ifNot.p, 2 * (5 / 11) - high, half.ifNot.se]);
    for (const [what, got, expected, se] of cases)
      assert.ok(Math.abs(got - expected) < 4 * se, `${what}: ${got}, expected ${expected} ± ${4 * se}`);
    // Diagnosticity: P(seen | F)/P(seen | not F) = (both/(5/11)) / ((0.5 − both)/(6/11)).
    const lr = both / (5 / 11) / ((0.5 - both) / (6 / 11));
    assert.ok(
      Math.abs(first3.likelihoodRatio! - lr) < 0.05 * lr,
      `LR ${first3.likelihoodRatio}, expected ${lr}`,
    );
    // What is seen and what is not average back to the prior, and the expected shift is E|shift|.
    for (const s of r.signposts) {
      assert.ok(Math.abs(s.pSeen * s.ifSeen.p + (1 - s.pSeen) * s.ifNot.p - r.prior.p) < 1e-12);
      const direct =
        s.pSeen * Math.abs(s.ifSeen.p - r.prior.p) + (1 - s.pSeen) * Math.abs(s.ifNot.p - r.prior.p);
      assert.ok(Math.abs(s.expectedShift - direct) < 1e-12);
    }
    // p itself says more than three trials of it: it ranks first.
    assert.deepEqual(
      r.signposts.map((s) => s.text),
      ['p at least a half', 'two or three of the first three'],
    );
    // Seven successes cannot have happened by 2003: nothing to watch.
    assert.deepEqual(r.unobservable, ['seven by 2003: happened']);
  });

  it('generates a signpost from every output at --by, and refuses what it cannot read', async () => {
    const res = await oxus(
      'signposts',
      MODEL,
      '--output',
      'successes',
      '--when',
      '>= 6',
      '--at',
      '2010',
      '--by',
      '2003',
      '--runs',
      '2000',
    );
    assert.equal(res.code, 0, res.stderr);
    assert.match(
      res.stdout,
      /If p at 2003 at or above its median, 0\.\d+ probability: P\(successes at 2010 >= 6 successes\) goes from \d+% to \d+% \(if not, to \d+%\)/,
    );
    const json = await oxus(
      'signposts',
      MODEL,
      '--output',
      'successes',
      '--when',
      '>= 6',
      '--at',
      '2010',
      '--by',
      '2003',
      '--runs',
      '2000',
      '--format',
      'json',
    );
    const expected = signpostsJson(
      await executeSignposts(prepare(repoPath(MODEL), { runs: 2000 }), {
        output: 'successes',
        at: '2010',
        when: '>= 6',
        by: '2003',
      }),
    );
    assert.deepEqual(JSON.parse(json.stdout), JSON.parse(JSON.stringify(expected)));
    assert.equal(expected.signposts[0]!.observation.output, 'p');
    const p = prepare(repoPath(MODEL), { runs: 200 });
    const bad: [object, RegExp][] = [
      [{ by: '2010' }, /--by 2010 must come before --at 2010/],
      [{}, /give the date the signposts are seen by/],
      [{ when: '>= 11', by: '2003' }, /no run of the 200 meets successes >= 11 at 2010/],
      [
        { signposts: [{ output: 'p', at: 2003, about: { value: 0.5, sd: 0.1 } }] },
        /a signpost is seen or not/,
      ],
      [{ signposts: [{ output: 'seven', at: 2003, between: [0, 1] }] }, /'seven' is a threshold or event/],
      [{ signposts: [{ output: 'p', at: 2010, between: [0, 1] }] }, /must be seen before the future's date/],
    ];
    for (const [extra, message] of bad) {
      await assert.rejects(
        executeSignposts(p, { output: 'successes', at: '2010', when: '>= 6', ...extra } as never, {
          workers: 0,
        }),
        (err: unknown) => err instanceof AnalysisError && message.test(err.message),
        JSON.stringify(extra),
      );
    }
  });
});
