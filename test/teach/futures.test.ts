/**
 * Alternative futures (2×2) against a model whose answer is known (test/fixtures/futures-linear.yaml):
 * y = a + 2b + 3ab + c + N(0, 1) with a, b, c ~ U(0, 1). Split at the median, a driver averages 0.25 in its
 * low half and 0.75 in its high half, so each future's mean is a + 2b + 3ab + 0.5 at those averages (a and
 * b independent). On common random numbers, run i of every future shares c, the shock and the driver's own
 * uniform u (low Q(u/2) = u/2, high Q((1 + u)/2) = (1 + u)/2), so the interaction (HH − HL) − (LH − LL) is
 * 3 × 0.5 × 0.5 = 0.75 in every run, to rounding.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnalysisError } from '../../src/errors.js';
import { executeFutures } from '../../src/futures.js';
import { prepare, prepareText } from '../../src/pipeline.js';
import { futuresJson } from '../../src/present/futuresTable.js';
import { readRepo, repoPath } from '../support/build.js';
import { oxus } from '../support/cli.js';

const MODEL = 'test/fixtures/futures-linear.yaml';
const RUNS = 4000;
const linear = (a: number, b: number) => a + 2 * b + 3 * a * b + 0.5;

describe('alternative futures (2×2)', () => {
  it('each future has its known mean, and the drivers pair run by run (common random numbers)', async () => {
    const p = prepare(repoPath(MODEL), { runs: RUNS, seed: 5 });
    const r = await executeFutures(
      p,
      { output: 'y', at: '2001', drivers: [{ name: 'a' }, { name: 'b' }] },
      { workers: 0 },
    );
    assert.deepEqual(
      r.futures.map((f) => f.levels.join('-')),
      ['low-low', 'low-high', 'high-low', 'high-high'],
    );
    const half = { low: 0.25, high: 0.75 };
    for (const f of r.futures) {
      const expected = linear(half[f.levels[0]], half[f.levels[1]]);
      // 4 Monte Carlo SE of the future's mean (sd about 1.1 over 4,000 runs: 0.07).
      assert.ok(
        Math.abs(f.outcome.mean - expected) < 4 * f.outcome.se,
        `${f.levels}: mean ${f.outcome.mean}, expected ${expected} ± ${4 * f.outcome.se}`,
      );
      // Each future is a quarter of the scenario's draws (a and b independent): 4 binomial SE.
      assert.ok(Math.abs(f.share! - 0.25) < 4 * Math.sqrt((0.25 * 0.75) / RUNS), `share ${f.share}`);
    }
    assert.equal(r.drivers[0].split![0], 0.5);
    assert.deepEqual(r.drivers[0].low, [[0, 0.5]]);
    // c and the shock cancel exactly: the interaction is 0.75 in every run, so its SE is rounding alone.
    assert.ok(Math.abs(r.effects.interaction.mean - 0.75) < 1e-12, `${r.effects.interaction.mean}`);
    assert.ok(r.effects.interaction.se < 1e-12, `interaction SE ${r.effects.interaction.se}`);
    // A's effect with B low, per run 0.5 (1 + 3 b) with b = v/2, v ~ U(0, 1): mean 0.875, sd 0.75/√12.
    const sd = 0.75 / Math.sqrt(12);
    assert.ok(Math.abs(r.effects.a.low.mean - 0.875) < (4 * sd) / Math.sqrt(RUNS), `${r.effects.a.low.mean}`);
    assert.ok(Math.abs(r.effects.a.low.se - sd / Math.sqrt(RUNS)) < 0.1 * (sd / Math.sqrt(RUNS)));
    // Unpaired, the shock's variance (1) would be in the SE: paired, it is gone.
    assert.ok(r.effects.a.low.se < 0.3 / Math.sqrt(RUNS));
    // The four halves together are the scenario's runs: the mean of the futures' means is the mean of all.
    const pooled = r.futures.reduce((s, f) => s + f.outcome.mean, 0) / 4;
    assert.ok(Math.abs(r.all.mean - 2.75) < 4 * r.all.se, `all ${r.all.mean}`);
    assert.ok(Math.abs(pooled - 2.75) < 4 * r.all.se, `pooled ${pooled}`);
    assert.deepEqual(r.notes, []);
  });

  it('fixes a driver at two values when given them, exactly', async () => {
    const p = prepare(repoPath(MODEL), { runs: 500, seed: 2 });
    const r = await executeFutures(
      p,
      {
        output: 'y',
        at: '2001',
        drivers: [
          { name: 'a', low: 0.1, high: 0.9 },
          { name: 'fixed', low: 0.2, high: 0.8 },
        ],
      },
      { workers: 0 },
    );
    assert.equal(r.drivers[1].setting, 'values');
    assert.ok(r.futures.every((f) => f.share === null));
    // `fixed` is not in the formula: B's effect is exactly 0 in every run; A's is 0.8 (1 + 3b) run by run.
    assert.equal(r.effects.b.low.mean, 0);
    assert.equal(r.effects.b.low.se, 0);
    assert.ok(Math.abs(r.effects.interaction.mean) < 1e-12);
    // A's effect is 0.8 (1 + 3b) run by run, b ~ U(0, 1): mean 2, sd 0.8 × 3/√12 (4 SE).
    const se = (0.8 * 3) / Math.sqrt(12) / Math.sqrt(500);
    assert.ok(Math.abs(r.effects.a.low.mean - 2) < 4 * se, `${r.effects.a.low.mean} ± ${4 * se}`);
    assert.equal(r.effects.a.low.mean, r.effects.a.high.mean);
    // Low-low: 0.1 + 2.3 b + c + shock, mean 1.75.
    const ll = r.futures[0]!.outcome;
    assert.ok(Math.abs(ll.mean - 1.75) < 4 * ll.se, `${ll.mean} ± ${4 * ll.se}`);
  });

  it('correlated drivers: the shares follow the copula, and a note says the futures split them alone', async () => {
    // Rank correlation 0.6 is a Gaussian copula of Pearson r = 2 sin(0.1π); both below the median:
    // 1/4 + arcsin(r)/(2π) (the orthant probability of a bivariate normal, Sheppard 1899).
    const text = `${readRepo(MODEL)}correlations:\n  - { between: [a, b], rank: 0.6 }\n`;
    const runs = 4000;
    const p = prepareText(text, repoPath('test/fixtures/futures-correlated.yaml'), { runs, seed: 9 });
    const r = await executeFutures(
      p,
      { output: 'y', at: '2001', drivers: [{ name: 'a' }, { name: 'b' }] },
      { workers: 0 },
    );
    const both = 0.25 + Math.asin(2 * Math.sin(0.1 * Math.PI)) / (2 * Math.PI);
    const se = Math.sqrt((both * (1 - both)) / runs);
    for (const i of [0, 3])
      assert.ok(Math.abs(r.futures[i]!.share! - both) < 4 * se, `${r.futures[i]!.share}`);
    for (const i of [1, 2])
      assert.ok(Math.abs(r.futures[i]!.share! - (0.5 - both)) < 4 * se, `${r.futures[i]!.share}`);
    assert.equal(r.notes.length, 2);
    assert.match(r.notes[0]!, /a is correlated with other parameters/);
  });

  it('a driver naming a parameter table moves every member’s entry into its half together', async () => {
    const text = `oxus: 1
model: futures_table
title: A table driver (two members) against a scalar one
time: { start: 2000, end: 2001, step: year }
entities:
  unit: [U1, U2]
parameters:
  w:
    for: unit
    unit: index
    range: [0, 1]
    members:
      U1: { value: 0.5, uncertainty: { dist: uniform, min: 0, max: 1 } }
      U2: { value: 0.5, uncertainty: { dist: uniform, min: 0, max: 1 } }
    sources: [{ judgment: "test input" }]
  z:
    value: 0.5
    unit: index
    range: [0, 1]
    uncertainty: { dist: uniform, min: 0, max: 1 }
    sources: [{ judgment: "test input" }]
state:
  y: { unit: index, initial: 0 }
rules:
  sum: { target: y, add: "sumOf(w) + z", sources: [{ judgment: "the known-answer formula" }] }
outputs:
  y: { kind: series, expr: y, unit: index }
`;
    const runs = 4000;
    const p = prepareText(text, repoPath('test/fixtures/futures-table.yaml'), { runs, seed: 6 });
    const r = await executeFutures(
      p,
      { output: 'y', at: '2001', drivers: [{ name: 'w' }, { name: 'z' }] },
      { workers: 0 },
    );
    assert.deepEqual(r.drivers[0].slots, ['U1.w', 'U2.w']);
    assert.deepEqual(r.drivers[0].split, [0.5, 0.5]);
    // Both entries low: a quarter of the scenario's runs; with z low too, an eighth (4 binomial SE).
    const eighth = 1 / 8;
    assert.ok(Math.abs(r.futures[0]!.share! - eighth) < 4 * Math.sqrt((eighth * (1 - eighth)) / runs));
    // Each entry moves by exactly 0.5 from its low half to its high half: w's effect is 1.0 in every run.
    assert.ok(Math.abs(r.effects.a.low.mean - 1) < 1e-12 && r.effects.a.low.se < 1e-12);
    // Low-low: E[w1 + w2 + z] = 0.25 + 0.25 + 0.25.
    const ll = r.futures[0]!.outcome;
    assert.ok(Math.abs(ll.mean - 0.75) < 4 * ll.se, `${ll.mean}`);
  });

  it('refuses drivers it cannot set, in the user’s terms', async () => {
    const p = prepare(repoPath(MODEL), { runs: 50 });
    const cases: [object[], RegExp][] = [
      [[{ name: 'aa' }, { name: 'b' }], /driver 'aa' is not a parameter of the model: .*did you mean 'a'/],
      [[{ name: 'a' }], /exactly two drivers; found 1/],
      [[{ name: 'a' }, { name: 'a' }], /both set a/],
      [[{ name: 'a', low: 0.2 }, { name: 'b' }], /give both its low and its high value, or neither/],
      [[{ name: 'a', low: 0.8, high: 0.2 }, { name: 'b' }], /low value \(0.8\) must be below its high/],
      [[{ name: 'a', low: 0.2, high: 2 }, { name: 'b' }], /2 is outside a's allowed range \[0, 1\]/],
      [[{ name: 'fixed' }, { name: 'b' }], /fixed cannot be split at its median: it is fixed/],
    ];
    for (const [drivers, message] of cases) {
      await assert.rejects(
        executeFutures(p, { output: 'y', at: '2001', drivers: drivers as never }, { workers: 0 }),
        (err: unknown) => err instanceof AnalysisError && message.test(err.message),
        JSON.stringify(drivers),
      );
    }
    const scheduled = prepare(repoPath('test/fixtures/futures-scheduled.yaml'));
    await assert.rejects(
      executeFutures(scheduled, { output: 'y', at: '2001', drivers: [{ name: 'a' }, { name: 'b' }] }),
      /the scenario schedules b, so a future cannot set it/,
    );
  });

  it('`oxus futures` prints the 2×2 with narratives, and its JSON is the engine’s with them', async () => {
    const args = ['futures', MODEL, '--drivers', 'a,b=0.2:0.8', '--output', 'big', '--at', '2001'];
    const table = await oxus(...args, '--runs', '400');
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /a high, b low/);
    assert.match(
      table.stdout,
      /With a high \(drawn above its median 0\.5\), b at 0\.2: the chance that Y of 3 or more has happened by 2001 is \d+%/,
    );
    const json = await oxus(...args, '--runs', '400', '--format', 'json');
    assert.equal(json.code, 0, json.stderr);
    const p = prepare(repoPath(MODEL), { runs: 400 });
    const expected = futuresJson(
      await executeFutures(p, {
        output: 'big',
        at: '2001',
        drivers: [{ name: 'a' }, { name: 'b', low: 0.2, high: 0.8 }],
      }),
    );
    assert.deepEqual(JSON.parse(json.stdout), JSON.parse(JSON.stringify(expected)));
    const bad = await oxus('futures', MODEL, '--drivers', 'a,b=1:', '--output', 'y', '--at', '2001');
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /NAME=LOW:HIGH/);
  });
});
