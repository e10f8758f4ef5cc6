/**
 * Issue 7, CLI items 1-3: a file that cannot be read gets the same clean message and exit code in `run`
 * and `validate`; output paths are checked before simulating; `--workers` says what it accepts. No message
 * carries a stack trace or an absolute path of this machine.
 */
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ROOT } from '../support/build.js';
import { oxus } from '../support/cli.js';

/** Neither a stack trace nor the repository's absolute path. */
function assertClean(text: string): void {
  assert.doesNotMatch(text, /^\s+at /m, 'no stack trace');
  assert.ok(!text.includes(ROOT), `no absolute path in: ${text}`);
}

describe('file errors in run and validate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oxus-files-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const cases: [string, string, string][] = [
    ['a folder', 'scenarios', 'scenarios: this is a folder, not a file [E_FILE]'],
    ['a missing file', 'no-such.yaml', 'no-such.yaml: file not found [E_FILE]'],
    [
      'a path through a file',
      'README.md/x.yaml',
      'README.md/x.yaml: file not found: a part of the path is a file, not a folder [E_FILE]',
    ],
  ];
  for (const [what, file, message] of cases) {
    it(`${what}: the same message and exit code 1 in both commands`, async () => {
      const run = await oxus('run', file);
      const validate = await oxus('validate', file);
      assert.equal(run.code, 1);
      assert.equal(validate.code, 1);
      assert.equal(run.stderr, `${message}\n`);
      assert.equal(validate.stderr, `${message}\n1 of 1 file invalid\n`);
      assertClean(run.stderr + validate.stderr);
    });
  }

  it('an unreadable file: permission denied, in both commands', {
    skip: process.getuid?.() === 0,
  }, async () => {
    const file = join(dir, 'secret.yaml');
    writeFileSync(file, 'oxus: 1\n');
    chmodSync(file, 0o000);
    const run = await oxus('run', file);
    const validate = await oxus('validate', file);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /secret\.yaml: cannot read the file: permission denied \[E_FILE\]/);
    assert.equal(validate.stderr.split('\n')[0], run.stderr.trim());
  });
});

describe('output paths are checked before simulating', () => {
  const dir = mkdtempSync(join(tmpdir(), 'oxus-out-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  // 10,000,000 runs would take minutes: a prompt refusal shows nothing was simulated.
  const big = ['models/logistic-reference.yaml', '--runs', '10000000', '--no-progress'];

  it('--out naming a folder is refused with a file name to use instead', async () => {
    const r = await oxus('run', ...big, '--format', 'json', '--out', 'test');
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      'error: --out test: this is a folder; give a file name, for example test/result.json\n',
    );
    assert.equal(r.stdout, '');
  });

  it('--out in a folder that does not exist', async () => {
    const r = await oxus('run', ...big, '--out', 'no-such-folder/r.txt');
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'error: --out no-such-folder/r.txt: the folder no-such-folder does not exist\n');
  });

  it('--values naming a folder is refused the same way', async () => {
    const folder = join(dir, 'values.arrow');
    mkdirSync(folder);
    const r = await oxus('run', ...big, '--values', folder);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      `error: --values ${folder}: this is a folder; give a file name, for example ${join(folder, 'values.arrow')}\n`,
    );
  });

  it('an output path is checked before the model is even read', async () => {
    const r = await oxus('run', 'no-such.yaml', '--out', 'scenarios');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: --out scenarios: this is a folder/);
  });

  it('a good --out path still gets its file', async () => {
    const out = join(dir, 'r.json');
    const r = await oxus(
      'run',
      'models/logistic-reference.yaml',
      '--runs',
      '20',
      '--format',
      'json',
      '--out',
      out,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, `wrote json to ${out}\n`);
  });
});

describe('--workers', () => {
  for (const bad of ['-1', '257', '1.5', 'all']) {
    it(`--workers ${bad}: says that 0 is allowed`, async () => {
      const r = await oxus('run', 'models/logistic-reference.yaml', '--workers', bad);
      assert.equal(r.code, 1);
      assert.match(
        r.stderr,
        new RegExp(
          `--workers must be a whole number from 0 \\(run in this thread\\) to 256, found ${bad.replace('.', '\\.')}\\.`,
        ),
      );
      assertClean(r.stderr);
    });
  }

  it('--workers 0 runs', async () => {
    const r = await oxus('run', 'models/logistic-reference.yaml', '--runs', '20', '--workers', '0');
    assert.equal(r.code, 0, r.stderr);
  });
});
