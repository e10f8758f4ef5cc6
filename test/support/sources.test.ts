/**
 * The source-document tests skip on a user's clone and are required in CI: the folder rule in-process,
 * and the quote suite itself run without the documents, as on a fresh clone.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sourceFolder } from './sources.js';

const SUITE = fileURLToPath(new URL('../bundledFiles/centralAsiaSources.test.js', import.meta.url));

describe('source documents', () => {
  const missing = join(tmpdir(), 'oxus-no-such-folder');

  it('a missing folder skips, with a reason naming the variable to set', () => {
    const seeds = sourceFolder('OXUS_SEEDS', '../no-such/seeds', {});
    assert.equal(
      seeds.skip,
      'no ../no-such/seeds folder: set OXUS_SEEDS=<folder> to run the checks that need it',
    );
    const given = sourceFolder('OXUS_DOMAIN', '../no-such/domain', { OXUS_DOMAIN: missing });
    assert.equal(given.dir, missing);
    assert.match(String(given.skip), /^no .*oxus-no-such-folder folder: set OXUS_DOMAIN=<folder>/);
  });

  it('OXUS_REQUIRE_SOURCES=1 makes a missing folder a failure, not a skip', () => {
    const seeds = sourceFolder('OXUS_SEEDS', '../no-such/seeds', { OXUS_REQUIRE_SOURCES: '1' });
    assert.equal(seeds.skip, false);
  });

  it('an existing folder runs the checks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oxus-seeds-'));
    try {
      assert.equal(sourceFolder('OXUS_SEEDS', '../x', { OXUS_SEEDS: dir }).skip, false);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });

  // The quote suite in a child process with the documents absent: what a fresh clone's `npm test` sees.
  const runSuite = (extra: NodeJS.ProcessEnv) => {
    const env: NodeJS.ProcessEnv = { ...process.env, OXUS_SEEDS: missing, OXUS_DOMAIN: missing, ...extra };
    delete env.NODE_TEST_CONTEXT; // run as a top-level test file, not as a subtest of this one
    if (extra.OXUS_REQUIRE_SOURCES === undefined) delete env.OXUS_REQUIRE_SOURCES;
    return spawnSync(process.execPath, ['--test', '--test-reporter=tap', SUITE], { env, encoding: 'utf8' });
  };

  it('without the documents the quote suite passes, the document checks skipped with their reason', () => {
    const child = runSuite({});
    assert.equal(child.status, 0, child.stdout + child.stderr);
    assert.match(child.stdout, /# SKIP no .* folder: set OXUS_SEEDS=<folder>/);
    assert.match(child.stdout, /# SKIP no .* folder: set OXUS_DOMAIN=<folder>/);
    assert.match(child.stdout, /^# fail 0$/m);
    // The checks that need no documents still ran.
    assert.match(child.stdout, /^\s*ok \d+ - every parameter, rule and event has at least one source$/m);
  });

  it('with OXUS_REQUIRE_SOURCES=1 the same run fails and says the seed articles are missing', () => {
    const child = runSuite({ OXUS_REQUIRE_SOURCES: '1' });
    assert.equal(child.status, 1);
    assert.match(child.stdout, /The seed articles are missing/);
  });
});
