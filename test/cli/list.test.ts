/** Issue 7, CLI item 7: `oxus list` refuses what is not a folder, and shows titles and questions. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oxus } from '../support/cli.js';

describe('oxus list', () => {
  it('a missing folder and a file are refused with exit code 1', async () => {
    const r = await oxus('list', 'no-such-folder', 'README.md');
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      'error: no-such-folder: folder not found\n' +
        'error: README.md: not a folder (list takes folders; `oxus validate FILE` checks one file)\n' +
        '2 folders not listed\n',
    );
    assert.equal(r.stdout, '');
  });

  it('good folders are still listed beside a refused one', async () => {
    const r = await oxus('list', 'models', 'no-such-folder');
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^models\/$/m);
    assert.equal(r.stderr, 'error: no-such-folder: folder not found\n1 folder not listed\n');
  });

  it('a scenario shows its title and, below, its question', async () => {
    const r = await oxus('list', 'scenarios');
    assert.equal(r.code, 0);
    assert.match(
      r.stdout,
      /^ {2}scenarios\/haven-ibb-ktj\.yaml +scenario {2}Taliban haven for the IBB and KTJ\n +What if the Taliban offer the IBB and KTJ a full haven/m,
    );
  });

  it('a folder without YAML files says so', async () => {
    const r = await oxus('list', 'docs');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, 'docs/\n  (no .yaml files)\n');
  });
});
