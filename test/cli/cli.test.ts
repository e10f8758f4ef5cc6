/** The CLI, run in-process: exit codes, stdout and stderr. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../../src/cli/program.js';
import { ROOT } from '../support/build.js';

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    isTTY: false,
    cwd: ROOT,
  });
  return { code, stdout, stderr };
}

describe('oxus run', () => {
  it('prints a readable table with the receipt', async () => {
    const r = await cli('run', 'models/logistic-reference.yaml', '--runs', '200', '--seed', '3');
    assert.equal(r.code, 0, r.stderr);
    assert.match(
      r.stdout,
      /Receipt: model logistic_reference \([0-9a-f]{12}\), seed 3, 200 runs, oxus \d+\.\d+\.\d+/,
    );
    assert.match(r.stdout, /median \[5th–95th percentile\]/);
    assert.match(r.stdout, /Stock \(people\)/);
    // One hidden row: singular noun and verb (issue 7, CLI item 11).
    assert.match(r.stdout, /\(1 threshold or event with probability 0 at every date is not shown\)/);
    assert.equal(r.stderr, '');
  });

  it('shows probabilities with estimative words, and who leads', async () => {
    const r = await cli('run', 'test/fixtures/rich-scenario.yaml', '--runs', '100');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Question: What if pressure rises/);
    assert.match(r.stdout, /words: ICD 203 — almost no chance 1–5%, very unlikely 5–20%/);
    assert.match(r.stdout, /│ B pledge \(event\) +│ 100% +│ .*almost certain +│ \d{4}Q\d/);
    assert.match(r.stdout, /largest loyal group: share of runs/);
  });

  it('JSON output carries the receipt and is identical for 0 and 2 workers', async () => {
    const a = await cli(
      'run',
      'test/fixtures/rich-scenario.yaml',
      '--format',
      'json',
      '--workers',
      '0',
      '--runs',
      '64',
    );
    const b = await cli(
      'run',
      'test/fixtures/rich-scenario.yaml',
      '--format',
      'json',
      '--workers',
      '2',
      '--runs',
      '64',
    );
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stdout, b.stdout);
    const result = JSON.parse(a.stdout);
    assert.equal(result.format, 'oxus-result/1');
    assert.equal(result.receipt.runs, 64);
    assert.equal(result.receipt.seed, 'fixture-seed');
    assert.equal(result.receipt.scenario, 'rich_pressure');
    assert.match(result.receipt.modelHash, /^[0-9a-f]{64}$/);
    assert.equal(result.summary.dates[0], '2010Q1');
  });

  it('CSV to a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'oxus-cli-'));
    const out = join(dir, 'r.csv');
    const r = await cli(
      'run',
      'models/logistic-reference.yaml',
      '--runs',
      '50',
      '--format',
      'csv',
      '--out',
      out,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /wrote csv/);
    const text = readFileSync(out, 'utf8');
    assert.match(text, /^# oxus: /m);
    assert.match(text, /^kind,output,member,date,statistic,value$/m);
    assert.match(text, /^series,stock,,2040,p50,[0-9.]+$/m);
  });

  it('rejects bad flags with a message and exit code 1', async () => {
    const r = await cli('run', 'models/logistic-reference.yaml', '--runs', '0');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--runs must be a whole number from 1/);
    const f = await cli('run', 'models/logistic-reference.yaml', '--format', 'xml');
    assert.equal(f.code, 1);
    assert.match(f.stderr, /Allowed choices are table, json, csv/);
  });

  it('a broken file exits 1 and lists its problems', async () => {
    const r = await cli('run', 'test/fixtures/broken/many-problems.yaml');
    assert.equal(r.code, 1);
    assert.equal(r.stderr.trim().split('\n').length, 5);
    assert.match(
      r.stderr,
      /^test\/fixtures\/broken\/many-problems\.yaml:22:\d+ rules\.grow\.add: unknown symbol 'rate'/m,
    );
  });

  it('a missing file exits 1', async () => {
    const r = await cli('run', 'nope.yaml');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /nope\.yaml/);
  });
});

describe('oxus validate', () => {
  it('says ok for valid files and exits 0', async () => {
    const r = await cli('validate', 'models/logistic-reference.yaml', 'test/fixtures/rich-scenario.yaml');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'ok  models/logistic-reference.yaml\nok  test/fixtures/rich-scenario.yaml\n');
  });

  it('lists every problem of every file and exits 1', async () => {
    const r = await cli(
      'validate',
      'test/fixtures/broken/dist-params.yaml',
      'models/logistic-reference.yaml',
      'test/fixtures/broken/unit.yaml',
    );
    assert.equal(r.code, 1);
    assert.match(r.stdout, /ok {2}models\/logistic-reference\.yaml/);
    assert.equal(r.stderr.match(/\[E_/g)?.length, 4);
    assert.match(r.stderr, /2 of 3 files invalid/);
  });
});

describe('oxus list and help', () => {
  it('lists models and scenarios with their titles and questions', async () => {
    const r = await cli('list');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^models\/$/m);
    assert.match(r.stdout, /models\/logistic-reference\.yaml\s+model\s+Logistic growth/);
    assert.match(r.stdout, /^scenarios\/$/m);
  });

  it('--version prints the version', async () => {
    const r = await cli('--version');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
  });
});
