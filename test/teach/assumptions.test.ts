/**
 * The key assumptions check: its ranks are the rank-sensitivity ranks for the same question and seed; grades
 * come from the sources; a sensitive judgment-only parameter is flagged; the re-run on graded evidence
 * only spreads it over its range, and on a model whose answer is known moves the output as computed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { executeAssumptions } from '../../src/assumptions.js';
import { parseModel } from '../../src/model/load.js';
import { type Prepared, prepare } from '../../src/pipeline.js';
import { ranked } from '../../src/present/sensitivityTable.js';
import { executeSensitivity } from '../../src/sensitivity.js';
import { planOf, repoPath } from '../support/build.js';
import { oxus } from '../support/cli.js';

const MODEL = `oxus: 1
model: assumed
title: y = 10 a + b c
time: { start: 2000, end: 2001, step: year }
parameters:
  a: { value: 0.5, unit: fraction, range: [0, 1], uncertainty: { dist: uniform, min: 0.4, max: 0.6 }, sources: [{ judgment: "a guess" }] }
  b: { value: 0.5, unit: fraction, uncertainty: { dist: uniform, min: 0, max: 1 }, sources: [{ domain: "timeline.md", entry: "x", grade: A }] }
  c: { value: 1, unit: index, sources: [{ seed: "000", quote: "a sentence" }] }
  d: { value: 0.5, unit: fraction, uncertainty: { dist: uniform, min: 0, max: 1 }, sources: [{ ref: "a paper" }] }
state:
  y: { unit: index, initial: "10 * a + b * c" }
outputs:
  y: { kind: series, expr: y, unit: index }
`;

function preparedOf(text: string, runs: number): Prepared {
  return { plan: planOf(text), runs, seed: 7, model: parseModel(text, 'inline.yaml').model! };
}

/** The README's example: the question "IBB's strength in 2026Q2" of the 2016 baseline. */
const README = [
  'assumptions',
  'scenarios/baseline-2016.yaml',
  '--output',
  'strength',
  '--member',
  'IBB',
  '--at',
  '2026Q2',
];

describe('oxus assumptions', () => {
  it('grades each parameter from its sources and flags the sensitive, weakly sourced one', async () => {
    const r = await executeAssumptions(preparedOf(MODEL, 2000), { output: 'y', at: '2001' }, { workers: 0 });
    const by = Object.fromEntries(r.parameters.map((p) => [p.name, p]));
    assert.deepEqual(
      ['a', 'b', 'c', 'd'].map((n) => [by[n]!.grade, by[n]!.rank, by[n]!.flagged]),
      [
        ['judgment', 1, true],
        ['A', 2, false],
        ['seed', null, false],
        ['ungraded', 3, false],
      ],
    );
    // d is unused: its |ρ| is noise, below the threshold 3/√(n − 1) = 0.067 at n = 2000.
    assert.ok(!by.d!.sensitive && Math.abs(by.d!.rho!) < r.sensitiveAt);
    assert.deepEqual(r.gradedOnly.spread, ['a']);
  });

  it('on graded evidence only, a ~ U(0.4, 0.6) becomes U(0, 1): y moves by 8u − 4 in each run', async () => {
    const n = 4000;
    const r = await executeAssumptions(preparedOf(MODEL, n), { output: 'y', at: '2001' }, { workers: 0 });
    const d = r.gradedOnly.difference;
    // Both runs use the same uniform u for a: a = 0.4 + 0.2u, then a' = u; the difference 10(a' − a) = 8u − 4
    // has mean 0 and sd 8/√12; 4 standard errors of the mean of n runs.
    const se = 8 / Math.sqrt(12) / Math.sqrt(n);
    assert.ok(Math.abs(d.diff.mean) < 4 * se, `mean difference ${d.diff.mean}, 4 SE = ${4 * se}`);
    // P(8u − 4 < 0) = 1/2, SE √(1/4n).
    assert.ok(Math.abs(d.pLess - 0.5) < 4 * Math.sqrt(0.25 / n), `P(lower) ${d.pLess}`);
    // The 5th–95th percentile range of 10a widens from 10·0.2·0.9 = 1.8 to 10·0.9 = 9 (b adds its own spread).
    const width = (o: typeof r.gradedOnly.scenario) => o.p95! - o.p5!;
    assert.ok(width(r.gradedOnly.gradedOnly) > 3 * width(r.gradedOnly.scenario));
  });

  it('ranks the Central Asia model’s parameters exactly as `oxus sensitivity --method rank` does', async () => {
    const p = prepare(repoPath('scenarios/baseline-2016.yaml'), { runs: 200 });
    const request = { output: 'strength', member: 'IBB', at: '2021Q2' };
    const a = await executeAssumptions(p, request, { workers: 0 });
    const s = await executeSensitivity(p, { method: 'rank', ...request }, { workers: 0 });
    const expected = new Map(ranked(s).map((f, i) => [f.name, i + 1]));
    const got = new Map(a.parameters.filter((r) => r.rank !== null).map((r) => [r.name, r.rank]));
    assert.deepEqual(got, expected);
    assert.equal(a.receipt.planHash, s.receipt.planHash);
  });

  it('--format json has the issue’s shape (README: oxus assumptions … --format json)', async () => {
    const r = await oxus(...README, '--runs', '200', '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as {
      question: string;
      parameters: {
        name: string;
        grade: string;
        sources: { grade: string }[];
        rank: number | null;
        flagged: boolean;
      }[];
    };
    assert.match(json.question, /As known in May 2016/);
    assert.ok(json.parameters.length > 100);
    for (const p of json.parameters) {
      assert.ok(['A', 'B', 'C', 'U', 'seed', 'judgment'].includes(p.grade), `${p.name}: ${p.grade}`);
      assert.ok(p.sources.length > 0 && p.sources.every((s) => typeof s.grade === 'string'));
      assert.equal(typeof p.flagged, 'boolean');
    }
  });

  it('prints the table (README: oxus assumptions scenarios/baseline-2016.yaml …)', async () => {
    const r = await oxus(...README);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Key assumptions check of IBB\.strength at 2026Q2: 1,000 runs, seed 2016/);
    assert.match(r.stdout, /On graded evidence only \(\d+ judgment-only parameters/);
    assert.match(r.stdout, /run by run: +mean [-+]/);
  });

  it('refuses an unknown output and a date off the axis, naming what exists', async () => {
    const bad = await oxus(
      'assumptions',
      'scenarios/baseline-2016.yaml',
      '--output',
      'nope',
      '--at',
      '2026Q2',
    );
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /no output, threshold or event 'nope'/);
    const late = await oxus(
      'assumptions',
      'scenarios/baseline-2016.yaml',
      '--output',
      'threat_uzbekistan',
      '--at',
      '2040',
    );
    assert.equal(late.code, 1);
    assert.match(late.stderr, /2040 is not a date of the time axis/);
  });
});
