/**
 * Issue 7, CLI item 12: one definition of a seed (src/random/parseSeed.ts), applied alike by the CLI, scenario
 * files and the HTTP API (which is what the web UI sends the seed box's text to).
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import request from 'supertest';
import { checkFile } from '../../src/pipeline.js';
import { readSeed } from '../../src/random/parseSeed.js';
import { oxus } from '../support/cli.js';
import { useTestApp } from '../support/serverApp.js';

describe('what a seed is', () => {
  it('whole numbers, and plain whole-number texts, are numbers', () => {
    assert.deepEqual(readSeed(42), { seed: 42 });
    assert.deepEqual(readSeed('42'), { seed: 42 });
    assert.deepEqual(readSeed('-7'), { seed: -7 });
    assert.deepEqual(readSeed('-0'), { seed: 0 });
    assert.deepEqual(readSeed(1.0), { seed: 1 }); // in YAML and JSON, 1.0 is the number one
  });

  it('other texts are used exactly as written', () => {
    assert.deepEqual(readSeed('class-a'), { seed: 'class-a' });
    assert.deepEqual(readSeed('NaN'), { seed: 'NaN' });
    assert.deepEqual(readSeed('two words'), { seed: 'two words' });
  });

  it('a text that reads as a number but is not written as one is refused, with the plain form', () => {
    const cases: [string, string][] = [
      ['01', '"01" reads as a number but is not written as a plain whole number: write 1'],
      ['1.0', '"1.0" reads as a number but is not written as a plain whole number: write 1'],
      ['+1', '"+1" reads as a number but is not written as a plain whole number: write 1'],
      ['1e3', '"1e3" reads as a number but is not written as a plain whole number: write 1000'],
      ['0x10', '"0x10" reads as a number but is not written as a plain whole number: write 16'],
      ['2.5', '"2.5" reads as a number but is not written as a plain whole number'],
      [' 1', '" 1" has spaces before or after it'],
      ['', 'the seed is empty'],
      ['9007199254740993', '9007199254740993 is beyond ±9,007,199,254,740,991'],
    ];
    for (const [text, problem] of cases) assert.deepEqual(readSeed(text), { problem }, text);
    assert.deepEqual(readSeed(1.5), { problem: '1.5 is not a whole number within ±9,007,199,254,740,991' });
    assert.match(
      String((readSeed('x'.repeat(101)) as { problem: string }).problem),
      /at most 100 characters/,
    );
  });
});

describe('the seed rule in the CLI, scenario files and the API', () => {
  const t = useTestApp();

  it('the CLI: --seed 01 is refused with the plain form; --seed 42 is the number 42', async () => {
    const r = await oxus('run', 'models/logistic-reference.yaml', '--seed', '01');
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /"01" reads as a number but is not written as a plain whole number: write 1; a seed is/,
    );
    const ok = await oxus(
      'run',
      'models/logistic-reference.yaml',
      '--runs',
      '10',
      '--seed',
      '42',
      '--format',
      'json',
    );
    assert.equal(JSON.parse(ok.stdout).receipt.seed, 42);
  });

  it('a scenario file: seed: "01" is a problem at its line, with the same words', () => {
    const file = join(t.fixture.scenariosDir, 'seed-01.yaml');
    writeFileSync(
      file,
      'oxus: 1\nscenario: seed_01\ntitle: t\nquestion: q?\nmodel: ../models/logistic.yaml\nseed: "01"\n',
    );
    const problems = checkFile(file);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.line, 6);
    assert.equal(problems[0]!.path, 'seed');
    assert.match(
      problems[0]!.message,
      /"01" reads as a number but is not written as a plain whole number: write 1/,
    );
  });

  it('the API: "01" is refused with the same words; "42" and 42 give the same receipt', async () => {
    const bad = await request(t.app)
      .post('/api/runs?wait=true')
      .send({ scenario: 'logistic-base', runs: 10, seed: '01' });
    assert.equal(bad.status, 400);
    assert.match(
      JSON.stringify(bad.body),
      /reads as a number but is not written as a plain whole number: write 1/,
    );
    const text = await request(t.app)
      .post('/api/runs?wait=true')
      .send({ scenario: 'logistic-base', runs: 10, seed: '42' });
    const num = await request(t.app)
      .post('/api/runs?wait=true')
      .send({ scenario: 'logistic-base', runs: 10, seed: 42 });
    assert.ok(text.status < 300 && num.status < 300, `${text.status} ${num.status}`);
    assert.deepEqual(text.body.result.receipt, num.body.result.receipt);
    assert.equal(text.body.result.receipt.seed, 42);
  });
});
