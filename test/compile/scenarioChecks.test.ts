/**
 * Schedules do what docs/model-format.md (Schedules) says: a window covers its points from `from` to `to`
 * inclusive (without `to`, to the end), a later window wins where windows overlap, the run's drawn value
 * holds outside every window, `Member.parameter` schedules one member's entry and a bare name every
 * member's, a staircase of windows gives exactly its steps, and a ramp (`to_value`) moves in a straight
 * line from `value` at `from` to `to_value` at `to`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OxusError } from '../../src/errors.js';
import { execute, type Prepared, prepareText } from '../../src/pipeline.js';

const MODEL = `oxus: 1
model: sched
title: Schedules
time: { start: 2017Q1, end: 2018Q4, step: quarter }
entities:
  group: [A, B]
parameters:
  level:
    value: 1
    unit: index
    range: [0, 2]
    uncertainty: { dist: uniform, min: 0.5, max: 1.5 }
    sources: [{ judgment: "test" }]
  offer:
    for: group
    value: 0.5
    unit: fraction
    range: [0, 1]
    sources: [{ judgment: "test" }]
  on:
    unit: 0/1
    switch: true
    value: 0
    sources: [{ judgment: "test" }]
state:
  s: { unit: index, initial: 0 }
outputs:
  level: { kind: series, expr: level, unit: index }
  offer: { kind: series, for: group, expr: offer, unit: fraction }
`;

/** The scheduled values per point of one parameter slot (null: the drawn value holds). */
const valuesOf = (p: Prepared, name: string) => {
  const slot = p.plan.params.findIndex((s) => s.name === name);
  return p.plan.schedules.find((s) => s.slot === slot)?.values;
};

describe('scenario schedules', () => {
  let dir = '';
  const scenario = (schedules: string): Prepared =>
    prepareText(
      `oxus: 1\nscenario: s\ntitle: S\nquestion: Q?\nmodel: model.yaml\nruns: 200\nschedules:\n${schedules}`,
      join(dir, 'scenario.yaml'),
    );
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'oxus-sched-'));
    writeFileSync(join(dir, 'model.yaml'), MODEL);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('windows include both ends, run to the end without `to`, and the later one wins', () => {
    const p = scenario(
      '  level:\n    - { from: 2017Q2, to: 2017Q3, value: 0.2 }\n    - { from: 2018Q2, value: 1.8 }\n    - { from: 2018Q3, to: 2018Q3, value: 0.7 }\n',
    );
    // Points 2017Q1 … 2018Q4: 7 steps, 8 points.
    assert.deepEqual(valuesOf(p, 'level'), [null, 0.2, 0.2, null, null, 1.8, 0.7, 1.8]);
  });

  it('outside the windows every run keeps its drawn value; inside, every run has the scheduled one', async () => {
    const p = scenario('  level:\n    - { from: 2017Q3, to: 2017Q4, value: 0.2 }\n');
    const { summary } = await execute(p, { workers: 0 });
    const level = summary.series.find((s) => s.output === 'level')!;
    const [p5, p95] = [level.percentiles['5']!, level.percentiles['95']!];
    for (const k of [2, 3]) assert.deepEqual([p5[k], p95[k]], [0.2, 0.2], `point ${k}: scheduled`);
    for (const k of [0, 1, 4, 7]) {
      // Uniform(0.5, 1.5) over 200 runs: the 5th and 95th percentiles lie near 0.55 and 1.45.
      assert.ok(p5[k]! < 0.65 && p95[k]! > 1.35, `point ${k}: the drawn spread (${p5[k]}, ${p95[k]})`);
      assert.deepEqual(p5[k], p5[0], 'the same drawn value before and after the window');
    }
  });

  it('a member-qualified schedule changes that member only; a bare name changes every member', () => {
    const one = scenario('  B.offer: [{ from: 2018Q1, value: 1 }]\n');
    assert.equal(valuesOf(one, 'A.offer'), undefined);
    assert.deepEqual(valuesOf(one, 'B.offer'), [null, null, null, null, 1, 1, 1, 1]);
    const every = scenario('  offer: [{ from: 2018Q1, value: 1 }]\n');
    assert.deepEqual(valuesOf(every, 'A.offer'), valuesOf(every, 'B.offer'));
    assert.deepEqual(valuesOf(every, 'A.offer'), [null, null, null, null, 1, 1, 1, 1]);
  });

  it('a ramp moves in a straight line from value at `from` to to_value at `to`, then the drawn value holds', async () => {
    const p = scenario('  level:\n    - { from: 2017Q1, to: 2017Q4, value: 1.2, to_value: 0.3 }\n');
    const values = valuesOf(p, 'level')!;
    // Quarters are 3 months apart, so the line is at 0, 1/3, 2/3 and 1 of the way; 1e-12 allows for the
    // rounding of that arithmetic (the values are of order 1).
    for (const [k, v] of [1.2, 0.9, 0.6, 0.3].entries())
      assert.ok(Math.abs(values[k]! - v) < 1e-12, `point ${k}: ${values[k]} ≈ ${v}`);
    assert.deepEqual(values.slice(4), [null, null, null, null]);
    const { summary } = await execute(p, { workers: 0 });
    const level = summary.series.find((s) => s.output === 'level')!;
    for (let k = 0; k < 4; k++)
      assert.deepEqual(
        [level.percentiles['5']![k], level.percentiles['95']![k]],
        [values[k], values[k]],
        `every run follows the ramp at point ${k}`,
      );
  });

  it('a ramp needs `to`, keeps both ends in the range, and is refused for a switch', () => {
    const problems = (schedules: string) => {
      try {
        scenario(schedules);
        return [];
      } catch (err) {
        if (!(err instanceof OxusError)) throw err;
        return err.problems.map((q) => `${q.code} ${q.path}: ${q.message}`);
      }
    };
    assert.deepEqual(problems('  level: [{ from: 2017Q2, value: 0.2, to_value: 1 }]\n'), [
      'E_MISSING schedules.level[0]: a ramp (`to_value`) needs `to`, the date it reaches `to_value`',
    ]);
    assert.deepEqual(problems('  level: [{ from: 2017Q2, to: 2018Q1, value: 0.2, to_value: 3 }]\n'), [
      "E_RANGE schedules.level[0].to_value: scheduled value of 'level' is outside its allowed range",
    ]);
    assert.deepEqual(problems('  on: [{ from: 2017Q2, to: 2018Q1, value: 0, to_value: 1 }]\n'), [
      'E_RANGE schedules.on[0].to_value: a switch cannot ramp: it is 0 or 1',
    ]);
  });

  it('a staircase of windows gives exactly its steps', () => {
    const p = scenario(
      '  level:\n    - { from: 2017Q1, to: 2017Q1, value: 1.2 }\n    - { from: 2017Q2, to: 2017Q2, value: 0.9 }\n    - { from: 2017Q3, to: 2017Q3, value: 0.6 }\n    - { from: 2017Q4, value: 0.3 }\n',
    );
    assert.deepEqual(valuesOf(p, 'level'), [1.2, 0.9, 0.6, 0.3, 0.3, 0.3, 0.3, 0.3]);
  });
});
