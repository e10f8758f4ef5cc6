/**
 * Moving pure subexpressions out of the step (per-run constants once a run, comparisons once a step) must
 * change no number: every bundled scenario and model, and the rich fixture (schedules, forced and suppressed
 * events, initial expressions), gives the same bits with and without it.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { buildPlan } from '../../src/compile/buildPlan.js';
import type { Plan } from '../../src/compile/plan.js';
import { makeBlockRunner } from '../../src/engine/runBlock.js';
import { prepare } from '../../src/pipeline.js';
import { planOf, repoPath } from '../support/build.js';

const files = [
  ...readdirSync(repoPath('scenarios')).map((f) => `scenarios/${f}`),
  ...readdirSync(repoPath('models')).map((f) => `models/${f}`),
  'test/fixtures/rich-scenario.yaml',
].filter((f) => f.endsWith('.yaml'));

/** The plan of a file built both ways. */
function bothWays(file: string): { moved: Plan; plain: Plan; seed: number | string } {
  const p = prepare(repoPath(file));
  const plain = buildPlan(p.model, p.scenario, { hoist: false }).plan!;
  return { moved: p.plan, plain, seed: p.seed };
}

function records(plan: Plan, seed: number | string, runs: number): Float64Array {
  return makeBlockRunner(plan, seed)(0, runs).slice();
}

describe('moving pure subexpressions out of the step', () => {
  for (const file of files) {
    it(`${file}: the same bits as the plain code`, () => {
      const { moved, plain, seed } = bothWays(file);
      assert.notEqual(moved.code, plain.code, 'something was moved');
      const a = records(moved, seed, 150);
      const b = records(plain, seed, 150);
      assert.equal(a.length, b.length);
      assert.ok(
        a.every((v, i) => Object.is(v, b[i])),
        'every recorded value equal',
      );
    });
  }

  it('an expression over a parameter that a schedule changes is computed every step, after the schedule', () => {
    const { moved } = bothWays('test/fixtures/rich-scenario.yaml');
    const scheduled = new Set(moved.schedules.map((s) => s.slot));
    assert.ok(scheduled.size > 0, 'the fixture schedules a parameter');
    const bodies = (name: string) =>
      [...moved.code.matchAll(new RegExp(`function ${name}\\d+[\\s\\S]*?\\n}`, 'g'))]
        .map((m) => m[0])
        .join('\n');
    const reads = (code: string) => [...code.matchAll(/p\[(\d+)\]/g)].map((m) => Number(m[1]));
    for (const slot of reads(bodies('once')))
      assert.ok(!scheduled.has(slot), `p[${slot}] is scheduled but read once a run`);
    assert.ok(
      reads(bodies('pre')).some((slot) => scheduled.has(slot)),
      'a moved expression reads the scheduled parameter every step',
    );
  });

  it('the same comparison in many statements is computed once a step', () => {
    const plan = planOf(`oxus: 1
model: m
title: one comparison and one hazard in two rules
time: { start: 2000, end: 2010, step: quarter }
parameters:
  r:
    value: 0.5
    unit: 1/year
    range: [0, 1]
    uncertainty: { dist: uniform, min: 0.2, max: 0.8 }
    sources: [{ judgment: test }]
state:
  stage: { unit: "1", initial: 1 }
  a: { unit: "1", initial: 0 }
  b: { unit: "1", initial: 0 }
rules:
  grow_a: { target: a, add: "(stage == 1) * hazard(r)", sources: [{ judgment: test }] }
  grow_b: { target: b, add: "(stage == 1) * hazard(r) * 2", sources: [{ judgment: test }] }
outputs:
  a: { kind: series, expr: a, unit: "1" }
`);
    assert.equal(plan.code.match(/F\.eq\(x\[\d+\], 1\)/g)?.length, 1, 'one comparison');
    assert.equal(plan.code.match(/F\.hazard\(/g)?.length, 1, 'one hazard');
  });
});
