/**
 * PRIM against answers known by construction: inputs uniform on [0, 1] and cases exactly where
 * x1 > 0.7 and x2 < 0.3 (issue 9's check), as plain arrays and as a model in the format
 * (test/fixtures/prim-box.yaml) run through the engine.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import seedrandom from 'seedrandom';
import { prim } from '../../../src/analysis/discovery/prim.js';
import { executeDiscovery } from '../../../src/discovery.js';
import { prepare } from '../../../src/pipeline.js';
import { repoPath } from '../../support/build.js';

/**
 * A bound of the recovered box may differ from the true one by the gap between the last case and the first
 * non-case along that edge: with 2,000 runs, a 0.3-wide box edge holds about 600 runs per unit, so the gap
 * is about 1/600 ≈ 0.002 and exceeds 0.02 with a chance of about e^-12. Pasting reaches the edge to one
 * run, so 0.02 is the allowance for the data, not for the method.
 */
const EDGE = 0.02;

function uniforms(n: number, m: number, seed: string): Float64Array[] {
  const rng = seedrandom(seed);
  return Array.from({ length: m }, () => Float64Array.from({ length: n }, () => rng()));
}

const inKnownBox = (x: Float64Array[]) =>
  Uint8Array.from(x[0]!, (x1, r) => (x1 > 0.7 && x[1]![r]! < 0.3 ? 1 : 0));

describe('PRIM (Friedman & Fisher 1999)', () => {
  const x = uniforms(2000, 4, 'prim');
  const y = inKnownBox(x);

  it('recovers x1 > 0.7 and x2 < 0.3, leaving the other inputs free', () => {
    const found = prim(x, y, { minDensity: 1 });
    const [r1, r2, ...rest] = found.box.restrictions;
    assert.equal(rest.length, 0, JSON.stringify(found.box.restrictions));
    assert.equal(r1!.input, 0);
    assert.equal(r2!.input, 1);
    assert.ok(Math.abs(r1!.low! - 0.7) < EDGE && r1!.high === undefined, `x1 ≥ ${r1!.low}`);
    assert.ok(Math.abs(r2!.high! - 0.3) < EDGE && r2!.low === undefined, `x2 ≤ ${r2!.high}`);
    assert.equal(found.box.density, 1);
    // Coverage: the share of cases inside; only cases within EDGE of an edge may be left out.
    assert.ok(found.box.coverage >= 0.9, `coverage ${found.box.coverage}`);
  });

  it('peels a trajectory from every run to a small dense box', () => {
    const found = prim(x, y);
    const t = found.trajectory;
    assert.deepEqual([t[0]!.coverage, t[0]!.support, t[0]!.restricted], [1, 1, 0]);
    assert.equal(t[0]!.density, found.cases / found.runs);
    for (let i = 1; i < t.length; i++) {
      assert.ok(t[i]!.density > t[i - 1]!.density, 'each peel raises the density');
      assert.ok(t[i]!.coverage <= t[i - 1]!.coverage && t[i]!.support < t[i - 1]!.support);
      assert.ok(t[i]!.support >= 0.05, 'no box below the smallest support');
    }
    // The default choice: the widest box of density at least 0.8 (before pasting and pruning).
    const chosen = t[found.chosen]!;
    assert.ok(chosen.density >= 0.8);
    assert.ok(t.every((s) => s.density < 0.8 || s.coverage <= chosen.coverage));
  });

  it('pasting never lowers the density of the chosen box', () => {
    const unpasted = prim(x, y, { paste: false, minDensity: 1 });
    const pasted = prim(x, y, { minDensity: 1 });
    assert.ok(pasted.box.density >= unpasted.box.density);
    assert.ok(pasted.box.coverage >= unpasted.box.coverage);
  });

  it('peels a 0/1 input by whole values', () => {
    const s = Float64Array.from(x[0]!, (v) => (v < 0.5 ? 0 : 1));
    const found = prim([x[2]!, s], s, { minDensity: 1 });
    assert.deepEqual(
      found.box.restrictions.map((r) => [r.input, r.low, r.high]),
      [[1, 1, undefined]],
    );
    assert.deepEqual([found.box.coverage, found.box.density], [1, 1]);
  });

  it('drops a restriction chance explains: none on pure noise', () => {
    const noise = Uint8Array.from(uniforms(2000, 1, 'noise')[0]!, (u) => (u < 0.2 ? 1 : 0));
    const found = prim(x, noise);
    // Peeling always finds some box denser than the rest on noise; every restriction of it is chance.
    assert.ok(found.trajectory.at(-1)!.restricted > 0);
    assert.deepEqual(found.box.restrictions, []);
    assert.equal(found.box.coverage, 1);
  });

  it('finds the known box in the model written in the format', async () => {
    const p = prepare(repoPath('test/fixtures/prim-box.yaml'), { runs: 2000 });
    const result = await executeDiscovery(p, { output: 'inside', at: '2001', minDensity: 1 }, { workers: 0 });
    const byName = Object.fromEntries(result.box.restrictions.map((r) => [r.parameter, r]));
    assert.deepEqual(Object.keys(byName).sort(), ['x1', 'x2']);
    assert.ok(Math.abs(byName.x1!.low! - 0.7) < EDGE, `x1 ≥ ${byName.x1!.low}`);
    assert.ok(Math.abs(byName.x2!.high! - 0.3) < EDGE, `x2 ≤ ${byName.x2!.high}`);
    assert.equal(result.box.density, 1);
    // The series output with a condition is the same set of runs as the threshold.
    const series = await executeDiscovery(p, { output: 'hit', at: '2001', when: '>= 1', minDensity: 1 });
    assert.deepEqual(series.box, result.box);
  });
});
