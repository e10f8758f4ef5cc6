/**
 * Units per member and 0/1 switches, end to end: the compiled plan's channels carry each member's unit,
 * the summary reports it, a switch accepts only 0 and 1 (in the model, a scenario's override and
 * schedule), and the Central Asia model uses both.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildPlan } from '../../src/compile/buildPlan.js';
import { loadModel } from '../../src/model/load.js';
import { checkFile } from '../../src/pipeline.js';
import { planOf, repoPath, summaryOf } from '../support/build.js';

const MODEL = `oxus: 1
model: units
title: Units per member and a switch
time: { start: 2000, end: 2004, step: year }
entities: { group: [A, P] }
parameters:
  armed:
    for: group
    unit: 0/1
    switch: true
    members: { A: 1, P: 0 }
    sources: [{ judgment: test }]
  size:
    for: group
    unit: fighters
    units: { P: members }
    value: 100
    range: [0, 1000]
    sources: [{ judgment: test }]
  lucky:
    unit: 0/1
    switch: true
    value: 0
    uncertainty: { dist: choice, values: [0, 1], weights: [3, 1] }
    sources: [{ judgment: test }]
state:
  strength: { for: group, unit: fighters, units: { P: members }, initial: "size" }
outputs:
  strength: { kind: series, for: group, expr: "strength * (1 + lucky) * (armed + 1)", unit: fighters, units: { P: members } }
`;

describe('a unit per member', () => {
  it('each member’s series carries its own unit in the plan and the summary', async () => {
    const plan = planOf(MODEL);
    assert.deepEqual(
      plan.channels.filter((c) => c.kind === 'series').map((c) => [c.member, c.unit]),
      [
        ['A', 'fighters'],
        ['P', 'members'],
      ],
    );
    const summary = await summaryOf(MODEL, 20);
    assert.deepEqual(
      summary.series.map((s) => `${s.member}: ${s.unit}`),
      ['A: fighters', 'P: members'],
    );
  });

  it('the Central Asia model counts Hizb ut-Tahrir in members and the armed groups in fighters', () => {
    const built = buildPlan(loadModel(repoPath('models/central-asia.yaml')));
    assert.ok(built.plan);
    const strength = built.plan.channels.filter((c) => c.output === 'strength');
    assert.deepEqual(Object.fromEntries(strength.map((c) => [c.member, c.unit])), {
      IMU: 'fighters',
      KTJ: 'fighters',
      IBB: 'fighters',
      TIP: 'fighters',
      ISKP: 'fighters',
      HT: 'members',
    });
    assert.equal(built.plan.params.find((p) => p.name === 'HT.uzbek_led')?.switch, true);
  });
});

describe('0/1 switches', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oxus-switch-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'units.yaml'), MODEL);
  /** Problems of a scenario of MODEL with the given body. */
  const problemsOf = (name: string, body: string) => {
    const file = join(dir, `${name}.yaml`);
    writeFileSync(file, `oxus: 1\nscenario: ${name}\ntitle: t\nquestion: q?\nmodel: units.yaml\n${body}`);
    return checkFile(file).map((p) => `${p.path}: ${p.message} [${p.code}]`);
  };

  it('a switch is marked in the plan and draws only 0 or 1', async () => {
    const plan = planOf(MODEL);
    assert.deepEqual(
      plan.params.filter((p) => p.switch).map((p) => p.name),
      ['A.armed', 'P.armed', 'lucky'],
    );
    const summary = await summaryOf(MODEL, 200);
    const a = summary.series.find((s) => s.member === 'A')!;
    // strength 100 × (1 + lucky) × 2 is exactly 200 or 400 in every run, never in between.
    for (const q of ['5', '25', '50', '75', '95']) assert.ok([200, 400].includes(a.percentiles[q]![0]!));
    assert.equal(a.percentiles['5']![0], 200);
    assert.equal(a.percentiles['95']![0], 400);
  });

  it('a scenario may set a switch to 0 or 1, and nothing in between', () => {
    assert.deepEqual(problemsOf('ok', 'parameters: { P.armed: 1, lucky: { uncertainty: none } }\n'), []);
    assert.deepEqual(problemsOf('half', 'parameters: { A.armed: 0.37 }\n'), [
      "parameters.A.armed: value of 'A.armed' must be 0 or 1 (it is a switch) [E_RANGE]",
    ]);
    assert.deepEqual(
      problemsOf('smooth', 'parameters: { lucky: { uncertainty: { dist: uniform, min: 0, max: 1 } } }\n'),
      ['parameters.lucky.uncertainty: the uncertainty of a switch is a choice between 0 and 1 [E_RANGE]'],
    );
    assert.deepEqual(problemsOf('sched', 'schedules: { lucky: [{ from: 2001, value: 2 }] }\n'), [
      "schedules.lucky[0].value: scheduled value of 'lucky' must be 0 or 1 (it is a switch) [E_RANGE]",
    ]);
  });
});
