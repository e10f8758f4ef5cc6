/**
 * Issue 7, CLI item 14: `--at DATES` (and else the scenario's `snapshots`) choose the table's dates, and
 * `--probability at|both` shows whether a threshold holds at a date beside whether it has happened by it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { oxus } from '../support/cli.js';

/** The header row of the table whose first header cell starts with `title`, as cells. */
function header(stdout: string, title: string): string[] {
  const line = stdout.split('\n').find((l) => l.startsWith(`│ ${title}`));
  assert.ok(line, `a table headed '${title}' in:\n${stdout}`);
  return line
    .split('│')
    .map((c) => c.trim())
    .filter(Boolean);
}

describe('oxus run: the table’s dates and probabilities', () => {
  it('the scenario’s snapshots are the table’s dates', async () => {
    const r = await oxus('run', 'test/fixtures/rich-scenario.yaml', '--runs', '50');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(header(r.stdout, 'median').slice(1), ['2015Q1', '2020Q1']);
  });

  it('--at chooses them, comma-separated or repeated, in the order given', async () => {
    const r = await oxus(
      'run',
      'models/logistic-reference.yaml',
      '--runs',
      '50',
      '--at',
      '2030,2025',
      '--at',
      '2040',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(header(r.stdout, 'median').slice(1), ['2030', '2025', '2040']);
  });

  it('a date off the axis is refused before simulating, with the axis', async () => {
    const r = await oxus('run', 'test/fixtures/rich-scenario.yaml', '--at', '2012Q1,2031Q1');
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      'error: --at 2031Q1: not a date of the time axis (expected a date from 2010Q1 to 2020Q1, one a quarter)\n',
    );
  });

  it('--probability both adds "holds at the date" for thresholds; at shows only that for them', async () => {
    const both = await oxus(
      'run',
      'test/fixtures/rich-scenario.yaml',
      '--runs',
      '100',
      '--probability',
      'both',
    );
    assert.equal(both.code, 0, both.stderr);
    assert.deepEqual(header(both.stdout, 'probability that it holds'), [
      'probability that it holds at the date',
      '2015Q1',
      '2020Q1',
      'at 2020Q1',
    ]);
    assert.match(both.stdout, /probability that it has happened by[^\n]*\n[\s\S]*A extinct/);
    const at = await oxus('run', 'test/fixtures/rich-scenario.yaml', '--runs', '100', '--probability', 'at');
    const byTable = at.stdout.split('probability that it holds')[0]!;
    assert.doesNotMatch(byTable, /A extinct/);
    assert.match(at.stdout, /holds at the date[\s\S]*A extinct/);
  });
});
