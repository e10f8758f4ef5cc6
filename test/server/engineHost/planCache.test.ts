/**
 * The engine host's cache of compiled jobs: a source compiled once is reused while its files are
 * unchanged, gives what a fresh compile gives (receipt and plan), and is compiled again when any file it
 * was compiled from (the scenario, a scenario it extends, the model) changes.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { OxusError } from '../../../src/errors.js';
import { prepare, prepareText, receiptOf } from '../../../src/pipeline.js';
import { PlanCache } from '../../../src/server/engineHost/planCache.js';
import { makeFixture } from '../../support/serverApp.js';

describe('the cache of compiled jobs', () => {
  const fixture = makeFixture();
  after(() => fixture.cleanup());
  const fast = join(fixture.scenariosDir, 'logistic-fast.yaml');
  const base = join(fixture.scenariosDir, 'logistic-base.yaml');
  const model = join(fixture.modelsDir, 'logistic.yaml');

  it('reuses a compiled source, with the receipt and plan of a fresh compile', () => {
    const cache = new PlanCache();
    const first = cache.prepare({ path: fast }, {});
    const again = cache.prepare({ path: fast }, { runs: 50, seed: 3 });
    assert.deepEqual(cache.counts, { compiled: 1, reused: 1 });
    assert.equal(again.plan, first.plan, 'the same compiled plan');
    assert.deepEqual(receiptOf(again), receiptOf(prepare(fast, { runs: 50, seed: 3 })));
    assert.deepEqual(again.plan, prepare(fast).plan);
    assert.equal(first.runs, 200, "the scenario's own runs");
    assert.equal(again.runs, 50);
    assert.equal(again.seed, 3);
  });

  it('checks the run count of each job, as a fresh compile does', () => {
    const cache = new PlanCache();
    cache.prepare({ path: fast }, {});
    assert.throws(() => cache.prepare({ path: fast }, { runs: 0 }));
    assert.throws(() => prepare(fast, { runs: 0 }));
  });

  for (const [what, path] of [
    ['the scenario', () => fast],
    ['the scenario it extends', () => base],
    ['the model', () => model],
  ] as const) {
    it(`compiles again when ${what} changes`, () => {
      const cache = new PlanCache();
      const before = cache.prepare({ path: fast }, {});
      const file = path();
      const text = readFileSync(file, 'utf8');
      try {
        writeFileSync(file, `${text}\n# edited\n`);
        const after = cache.prepare({ path: fast }, {});
        assert.deepEqual(cache.counts, { compiled: 2, reused: 0 });
        assert.notEqual(
          receiptOf(after).modelHash + receiptOf(after).scenarioHash,
          `${receiptOf(before).modelHash}${receiptOf(before).scenarioHash}`,
        );
        assert.deepEqual(receiptOf(after), receiptOf(prepare(fast)));
      } finally {
        writeFileSync(file, text);
      }
    });
  }

  it('keys an edited text by its content; its base and model are checked on disk', () => {
    const cache = new PlanCache();
    const edited = `${readFileSync(fast, 'utf8')}\nseed: 11\n`;
    const a = cache.prepare({ path: fast, text: edited }, {});
    const b = cache.prepare({ path: fast, text: edited }, {});
    const plain = cache.prepare({ path: fast }, {});
    assert.deepEqual(cache.counts, { compiled: 2, reused: 1 });
    assert.equal(a.plan, b.plan);
    assert.equal(a.seed, 11);
    assert.equal(plain.seed, 7);
    assert.deepEqual(receiptOf(a), receiptOf(prepareText(edited, fast)));
    const text = readFileSync(base, 'utf8');
    try {
      writeFileSync(base, text.replace('seed: 7', 'seed: 8'));
      const c = cache.prepare({ path: fast, text: edited }, {});
      assert.deepEqual(cache.counts, { compiled: 3, reused: 1 });
      assert.equal(c.plan.axis.steps, a.plan.axis.steps);
      assert.deepEqual(receiptOf(c), receiptOf(prepareText(edited, fast)));
    } finally {
      writeFileSync(base, text);
    }
  });

  it('does not keep a source that fails to compile, and keeps at most its size', () => {
    const cache = new PlanCache(1);
    assert.throws(() => cache.prepare({ path: fast, text: 'scenario: [' }, {}), OxusError);
    cache.prepare({ path: fast }, {});
    cache.prepare({ path: base }, {});
    cache.prepare({ path: fast }, {});
    assert.deepEqual(cache.counts, { compiled: 3, reused: 0 }, 'the older entry was dropped');
  });
});
