/**
 * Signs of the feedback loops' links, estimated from runs (teach/modelMap/linkSigns.ts): on a toy model whose
 * links' signs are known from its expressions (one reinforcing loop, one balancing loop, one self-link whose
 * sign changes with the state), and on the Central Asia model's repression loop.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadModel, parseModel } from '../../../src/model/load.js';
import { feedbackLoops } from '../../../src/teach/modelMap/feedbackLoops.js';
import { linkSigns, polarityOf } from '../../../src/teach/modelMap/linkSigns.js';
import { modelGraph } from '../../../src/teach/modelMap/modelGraph.js';
import { signedLoops } from '../../../src/teach/modelMap/modelMap.js';
import { repoPath } from '../../support/build.js';

/**
 * a ⇄ b: each adds a share of the other (both links +: reinforcing). c → d → c: d grows with c, c falls with
 * d (+ and −: balancing). g → g: logistic growth r·g·(1 − g), whose own increment rises with g below ½ and
 * falls above it (mixed). The rpois makes a's step random: its mean r·b is what the sign reads.
 */
const TOY = `oxus: 1
model: toy_loops
title: toy loops
time: { start: 2000, end: 2020, step: year }
parameters:
  r: { value: 0.5, unit: 1/year, sources: [{ judgment: "x" }] }
state:
  a: { unit: index, initial: 1 }
  b: { unit: index, initial: 1 }
  c: { unit: index, initial: 1 }
  d: { unit: index, initial: 1 }
  g: { unit: index, initial: 0.02 }
rules:
  to_a: { target: a, add: "rpois(r * b * dt)", sources: [{ judgment: "x" }] }
  to_b: { target: b, add: "r * a * dt", sources: [{ judgment: "x" }] }
  to_d: { target: d, add: "r * c * dt", sources: [{ judgment: "x" }] }
  to_c: { target: c, add: "-r * d * dt", sources: [{ judgment: "x" }] }
  to_g: { target: g, add: "r * g * (1 - g) * dt", sources: [{ judgment: "x" }] }
outputs:
  out: { kind: series, expr: "a + b + c + d + g", unit: index }
`;

const names = (ids: readonly string[]) => ids.map((id) => id.split(':')[1]).join(' ');

describe('signs of the loops’ links', () => {
  const model = parseModel(TOY, 'toy.yaml').model!;
  const report = feedbackLoops(modelGraph(model));
  // Every step of the 20-year axis (1 … 19) in each of 3 runs.
  const options = { runs: 3, steps: 19 };

  it('finds the toy model’s loops and gives each link the sign its expressions fix', () => {
    const signed = signedLoops(model, report, options);
    const byName = new Map(signed.loops.map((l) => [names(l.stocks), l]));
    assert.deepEqual([...byName.keys()].sort(), ['a b', 'c d', 'g']);
    const ab = byName.get('a b')!;
    assert.deepEqual(
      ab.links.map((l) => [l.sign, l.shares.plus, l.states]),
      [
        ['+', 1, 57],
        ['+', 1, 57],
      ],
    );
    assert.equal(ab.polarity, 'reinforcing');
    const cd = byName.get('c d')!;
    assert.deepEqual(
      cd.links.map((l) => [names([l.from, l.to]), l.sign, l.shares]),
      [
        ['c d', '+', { plus: 1, minus: 0, zero: 0 }],
        ['d c', '-', { plus: 0, minus: 1, zero: 0 }],
      ],
    );
    assert.equal(cd.polarity, 'balancing');
  });

  it('calls a link whose sign depends on the state mixed, with the share of each sign the states imply', () => {
    // g follows g ← g + r·g·(1 − g) (dt = 1) from 0.02 in every run; the increment's slope in g is
    // r·(1 − 2g), + at the steps that start below ½ and − above. Counted here from the recurrence.
    let g = 0.02;
    let below = 0;
    for (let k = 1; k <= 19; k++) {
      g += 0.5 * g * (1 - g);
      if (g < 0.5) below++;
    }
    assert.ok(below > 0 && below < 19, 'the toy crosses ½ within the axis');
    const [link] = linkSigns(
      model,
      { maxStocks: 1, loops: report.loops.filter((l) => names(l.stocks) === 'g') },
      options,
    );
    assert.equal(link!.sign, 'mixed');
    assert.deepEqual(link!.shares, { plus: below / 19, minus: (19 - below) / 19, zero: 0 });
    assert.equal(
      signedLoops(model, report, options).loops.find((l) => names(l.stocks) === 'g')!.polarity,
      'mixed',
    );
  });

  it('multiplies the signs into the polarity', () => {
    assert.equal(polarityOf(['+', '-', '-']), 'reinforcing');
    assert.equal(polarityOf(['+', '-']), 'balancing');
    assert.equal(polarityOf(['+', 'mixed']), 'mixed');
    assert.equal(polarityOf(['0', '-']), 'none');
  });

  it('is deterministic', () => {
    assert.deepEqual(signedLoops(model, report, options), signedLoops(model, report, options));
  });

  it('signs the Central Asia model’s repression loop as its expressions imply', () => {
    const ca = loadModel(repoPath('models', 'central-asia.yaml'));
    const caReport = feedbackLoops(modelGraph(ca));
    const only = caReport.loops.filter((l) => names(l.stocks) === 'strength attacks_UZ alarm repression');
    assert.equal(only.length, 1);
    const signed = signedLoops(ca, { maxStocks: 4, loops: only }, { runs: 4, steps: 6 });
    const loop = signed.loops[0]!;
    const signs = loop.links.map((l) => l.sign);
    // strength raises the threat and so the attacks drawn (rpois of a rate rising with strength); each attack
    // adds 1 to the alarm (alarm_rule); the alarm raises repression_target and repression moves toward it
    // (repression_feedback, where the threat is visible); repression drains strength through arrests.
    assert.equal(signs[0], '+');
    assert.equal(signs[1], '+');
    assert.ok(signs[2] === '+' && loop.links[2]!.shares.minus === 0, 'the alarm never lowers repression');
    assert.ok(loop.links[3]!.shares.plus + loop.links[3]!.shares.minus > 0, 'repression moves strength');
    assert.equal(loop.polarity, polarityOf(signs));
    for (const l of loop.links) {
      assert.equal(l.states, 24);
      assert.ok(Math.abs(l.shares.plus + l.shares.minus + l.shares.zero - 1) < 1e-12);
    }
  });
});
