/**
 * Every broken fixture in test/fixtures/broken/ produces exactly the problems its `# expect:` lines name:
 * code, line and field path. Every problem of a file is reported at once.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { formatProblem } from '../../src/errors.js';
import { checkFile } from '../../src/pipeline.js';
import { problemsOf, readRepo, repoPath } from '../support/build.js';

const DIR = 'test/fixtures/broken';

describe('broken models give precise errors', () => {
  const files = readdirSync(repoPath(DIR)).filter((f) => f.endsWith('.yaml'));
  it('there are fixtures', () => assert.ok(files.length >= 15));
  for (const file of files) {
    it(file, () => {
      const text = readRepo(DIR, file);
      const expected = [...text.matchAll(/^# expect: (\S+) line (\d+) path ?(\S*)$/gm)].map((m) => ({
        code: m[1],
        line: Number(m[2]),
        path: m[3] ?? '',
      }));
      assert.ok(expected.length > 0, 'the fixture names its expected problems');
      const problems = checkFile(repoPath(DIR, file));
      const got = problems.map((p) => ({ code: p.code, line: p.line, path: p.path }));
      assert.deepEqual(
        [...got].sort((a, b) => a.line - b.line),
        [...expected].sort((a, b) => a.line - b.line),
        problems.map(formatProblem).join('\n'),
      );
      for (const p of problems) assert.ok(p.message.length > 0 && p.file.endsWith(file));
    });
  }
});

describe('problem details', () => {
  it('an unknown key lists the allowed keys', () => {
    const [p] = checkFile(repoPath(DIR, 'unknown-key.yaml'));
    assert.match(p!.expected ?? '', /value/);
    assert.match(p!.expected ?? '', /uncertainty/);
    assert.equal(p!.found, 'valu');
  });

  it('an unknown symbol suggests the near one', () => {
    const [p] = checkFile(repoPath(DIR, 'unknown-symbol.yaml'));
    assert.match(p!.message, /unknown symbol 'rr'.*did you mean 'r'/);
  });

  it('a cycle names its members', () => {
    const [p] = checkFile(repoPath(DIR, 'cycle.yaml'));
    assert.match(p!.message, /a → b → a/);
  });

  it('a formatted problem reads file:line:col path: message (expected; found) [code]', () => {
    const [p] = checkFile(repoPath(DIR, 'range.yaml'));
    assert.match(
      formatProblem(p!),
      /range\.yaml:10:\d+ parameters\.r\.value: .*outside.*\(expected a value in \[0, 1\]; found 1\.5\) \[E_RANGE\]$/,
    );
  });

  it('a missing file is a problem, not a crash', () => {
    const [p] = checkFile(repoPath(DIR, 'no-such-file.yaml'));
    assert.equal(p!.code, 'E_FILE');
  });

  it('the rich fixture model is valid', () => {
    assert.deepEqual(problemsOf(readRepo('test/fixtures/rich-model.yaml')), []);
  });
});
