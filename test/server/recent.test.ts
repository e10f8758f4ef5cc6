/**
 * What the server reads from the file system and trusts for a while (recent.ts), and the catalog that uses
 * it: a new file is listed once the listing is older than FRESH_MS, not on every request.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Catalog } from '../../src/server/catalog.js';
import { HttpError } from '../../src/server/httpErrors.js';
import { FRESH_MS, Recent } from '../../src/server/recent.js';
import { makeFixture } from '../support/serverApp.js';

describe('Recent', () => {
  it('computes once, hands out the same value while it is fresh, and computes again after freshMs', () => {
    let clock = 0;
    let computed = 0;
    const recent = new Recent(
      () => ({ n: ++computed }),
      100,
      () => clock,
    );
    const first = recent.get();
    clock = 99;
    assert.equal(recent.get(), first, 'the same object while fresh');
    assert.equal(computed, 1);
    clock = 100;
    assert.deepEqual(recent.get(), { n: 2 }, 'computed again once freshMs have passed');
    assert.equal(computed, 2);
  });
});

describe('Catalog listings', () => {
  it('lists a file added to the folder once the listing is older than FRESH_MS', async () => {
    const f = makeFixture();
    try {
      const catalog = new Catalog(f.modelsDir, f.scenariosDir);
      const before = catalog.list('scenario').map((e) => e.id);
      writeFileSync(
        join(f.scenariosDir, 'zz-new.yaml'),
        'scenario: zz_new\nmodel: ../models/logistic.yaml\n',
      );
      assert.equal(catalog.find('scenario', 'zz-new')?.id, 'zz-new', 'a miss looks at the folder again');
      writeFileSync(
        join(f.scenariosDir, 'zz-newer.yaml'),
        'scenario: zz_newer\nmodel: ../models/logistic.yaml\n',
      );
      await sleep(FRESH_MS + 20);
      assert.deepEqual(
        catalog.list('scenario').map((e) => e.id),
        [...before, 'zz-new', 'zz-newer'],
      );
    } finally {
      f.cleanup();
    }
  });
});

describe('Catalog.list', () => {
  it('hands out the same array while the listing is fresh, so its JSON is made once', () => {
    const f = makeFixture();
    try {
      const catalog = new Catalog(f.modelsDir, f.scenariosDir);
      const first = catalog.list('scenario');
      assert.equal(catalog.list('scenario'), first);
      assert.notEqual(catalog.list('model'), first);
      assert.equal(catalog.list('model'), catalog.list('model'));
    } finally {
      f.cleanup();
    }
  });
});

describe('HttpError', () => {
  it('captures no stack (it is an answer, never logged) and leaves the stack limit as it was', () => {
    const limit = Error.stackTraceLimit;
    const err = new HttpError(429, 'E_BUSY', 'busy');
    assert.equal(Error.stackTraceLimit, limit);
    assert.equal(err.stack, 'HttpError: busy');
    assert.ok(new Error('x').stack?.includes('\n    at '), 'other errors keep their stacks');
  });
});
