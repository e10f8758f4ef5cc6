/** Run traces: the replay is the run, and each step's parts chain exactly from its start to its end. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { simulate } from '../../src/engine/simulate.js';
import { prepare } from '../../src/pipeline.js';
import { executeTrace } from '../../src/runTrace.js';
import { repoPath } from '../support/build.js';
import { oxus } from '../support/cli.js';

const SCENARIO = prepare(repoPath('test/fixtures/rich-scenario.yaml'));

describe('trace', () => {
  it('attribution: the parts of every change chain exactly from its start to its end and sum to it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), (run) => {
        const t = executeTrace(SCENARIO, run);
        for (const step of t.steps) {
          for (const c of step.changes) {
            let at = c.from;
            let sum = 0;
            for (const x of c.contributions) {
              assert.ok(Object.is(x.from, at), `${step.from} ${c.state}: chain broken at ${x.source}`);
              assert.equal(x.amount, x.to - x.from);
              at = x.to;
              sum += x.amount;
            }
            assert.ok(Object.is(at, c.to), `${step.from} ${c.state}: chain ends at ${at}, not ${c.to}`);
            // Each part is one rounded difference; their sum differs from the change by rounding only:
            // at most one ulp of the largest value in the chain per part.
            const scale = Math.max(
              Math.abs(c.from),
              Math.abs(c.to),
              ...c.contributions.map((x) => Math.abs(x.to)),
            );
            assert.ok(
              Math.abs(sum - (c.to - c.from)) <= c.contributions.length * scale * 2 ** -52,
              `${c.state}`,
            );
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('replays run I exactly as the simulation ran it', async () => {
    const data = await simulate(SCENARIO.plan, { runs: 8, seed: SCENARIO.seed, workers: 0 });
    const c = SCENARIO.plan.channels.findIndex((ch) => ch.output === 'strength' && ch.member === 'A');
    const t = executeTrace(SCENARIO, 7);
    t.steps.forEach((step, k) => {
      const change = step.changes.find((x) => x.state === 'A.strength');
      const recorded = data.records.at(c, 7, k + 1);
      if (change) assert.equal(change.to, recorded, step.to);
    });
    assert.ok(
      t.events.some((e) => e.event === 'pledge' && e.member === 'B' && e.date === '2013Q3'),
      'the forced pledge',
    );
  });

  it('oxus trace tells the story of a run, and gives JSON and CSV', async () => {
    const r = await oxus('trace', 'scenarios/counterfactual-2014.yaml', '--run', '3');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Run 3 of counterfactual_2014 \(seed 2014\)/);
    assert.match(r.stdout, /most moved by rule/);
    const json = JSON.parse(
      (await oxus('trace', 'test/fixtures/rich-scenario.yaml', '--format', 'json')).stdout,
    );
    assert.equal(json.format, 'oxus-trace/1');
    assert.equal(json.steps.length, json.dates.length - 1);
    const csv = await oxus('trace', 'test/fixtures/rich-scenario.yaml', '--format', 'csv');
    assert.match(csv.stdout, /^2010Q1,2010Q2,A\.strength,rule A\.recruitment,/m);
  });
});
