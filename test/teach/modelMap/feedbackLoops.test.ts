/**
 * Feedback loops: on a model whose loops are known by construction every loop is found once and no other;
 * on the Central Asia model the repression loop (threat → repression → radicalisation → recruitment →
 * threat) is found, with each of its links' channels.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadModel, parseModel } from '../../../src/model/load.js';
import { feedbackLoops } from '../../../src/teach/modelMap/feedbackLoops.js';
import { modelGraph } from '../../../src/teach/modelMap/modelGraph.js';
import { repoPath } from '../../support/build.js';

/**
 * Stocks a, b, c, d and an event halve. Loops by construction: b → b (the event fires on b and halves it),
 * c → c (its own rule), a ⇄ b (through derived value ab), a → c → d → a (c's rule reads a, d's reads c,
 * a's reads d). No other: nothing reads the event's flag, and the output closes nothing.
 */
const KNOWN = `oxus: 1
model: loops
title: known loops
time: { start: 2000, end: 2003, step: year }
parameters:
  r: { value: 0.1, unit: 1/year, sources: [{ judgment: "x" }] }
state:
  a: { unit: index, initial: 1 }
  b: { unit: index, initial: 1 }
  c: { unit: index, initial: 1 }
  d: { unit: index, initial: 1 }
derived:
  ab: { expr: "a * r", unit: index }
rules:
  to_b: { target: b, add: "ab", sources: [{ judgment: "x" }] }
  to_a: { target: a, add: "b * r + d", sources: [{ judgment: "x" }] }
  to_c: { target: c, add: "-c * r + a", sources: [{ judgment: "x" }] }
  to_d: { target: d, set: "c", sources: [{ judgment: "x" }] }
events:
  halve: { probability: 0.5, when: "b > 2", effects: { b: "b / 2" }, sources: [{ judgment: "x" }] }
outputs:
  out: { kind: series, expr: "a + b + c + d", unit: index }
`;

const names = (ids: readonly string[]) => ids.map((id) => id.split(':')[1]).join(' ');

describe('feedback loops', () => {
  it('finds every loop of a model with known loops, each once, and no other', () => {
    const report = feedbackLoops(modelGraph(parseModel(KNOWN, 'loops.yaml').model!));
    assert.deepEqual(
      report.loops.map((l) => names(l.stocks)),
      ['b', 'c', 'a b', 'a c d'],
    );
    const [b, , ab] = report.loops;
    assert.deepEqual(
      b!.links.map((k) => k.channels.map((c) => `${c.writer}: ${names(c.path)}`)),
      [['event:halve: b halve']],
    );
    assert.deepEqual(
      ab!.links.map((k) => k.channels.map((c) => names(c.path))),
      [['a ab to_b'], ['b to_a']],
    );
  });

  it('limits the loops listed to the stocks asked for', () => {
    const report = feedbackLoops(modelGraph(parseModel(KNOWN, 'loops.yaml').model!), 2);
    assert.deepEqual(
      report.loops.map((l) => names(l.stocks)),
      ['b', 'c', 'a b'],
    );
  });

  it('finds the repression loop of the Central Asia model: threat → repression → radicalisation → recruitment', () => {
    const graph = modelGraph(loadModel(repoPath('models', 'central-asia.yaml')));
    const report = feedbackLoops(graph);
    const loop = report.loops.find((l) => names(l.stocks) === 'strength attacks_UZ alarm repression');
    assert.ok(loop, 'the loop through Uzbekistan');
    const [toAttacks, toAlarm, toRepression, toStrength] = loop.links;
    assert.ok(toAttacks!.channels.some((c) => c.path.includes('derived:threat_part_UZ')));
    assert.ok(toAlarm!.channels.some((c) => c.writer === 'rule:alarm_rule'));
    assert.ok(toRepression!.channels.some((c) => c.writer === 'rule:repression_feedback'));
    const recruitment = toStrength!.channels.find((c) => c.writer === 'rule:recruitment_own');
    assert.deepEqual(recruitment?.path, [
      'state:repression',
      'derived:radical_mult',
      'derived:recruit_mult',
      'rule:recruitment_own',
    ]);
    assert.ok(
      toStrength!.channels.some((c) => c.writer === 'rule:attrition_arrests'),
      'and the arrests',
    );
  });
});
