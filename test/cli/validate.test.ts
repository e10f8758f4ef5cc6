/**
 * Issue 7, docs item "problems come in two rounds": `oxus validate` reports shape and meaning together
 * where the shape allows (unknown keys, in models and scenarios alike), and where it does not (a missing
 * field, a value of the wrong kind) it says that names, ranges and units are checked once those are fixed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoPath } from '../support/build.js';
import { oxusIn } from '../support/cli.js';

const MODEL = `oxus: 1
model: m
title: Two rounds
time: { start: 2000, end: 2010, step: year }
state:
  s: { unit: people, initial: 0 }
rules:
  grow: { target: q, add: 1, sources: [{ judgment: "test" }] }
`;

describe('oxus validate: two rounds of problems', () => {
  let dir = '';
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return name;
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'oxus-rounds-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a scenario: an unknown key and an unknown parameter come back together', async () => {
    const name = file(
      'scenario.yaml',
      `oxus: 1\nscenario: s\ntitle: S\nquestion: Q?\nextends: ${repoPath('scenarios', 'baseline-2016.yaml')}\nrunz: 10\nparameters:\n  nope: 1\n`,
    );
    const r = await oxusIn(dir, 'validate', name);
    assert.equal(r.code, 1);
    const lines = r.stderr.trimEnd().split('\n');
    assert.deepEqual(
      lines.map((l) => /\[(E_\w+)\]$/.exec(l)?.[1] ?? l),
      ['E_UNKNOWN_KEY', 'E_UNKNOWN_PARAMETER', '1 of 1 file invalid'],
    );
    assert.match(lines[0]!, /^scenario\.yaml:6:1 runz: unknown key 'runz'; did you mean 'runs'\?/);
    assert.doesNotMatch(r.stderr, /^note:/m);
  });

  it('a model: an unknown key and an unknown rule target come back together', async () => {
    const r = await oxusIn(dir, 'validate', file('model.yaml', MODEL.replace('title:', 'titel: x\ntitle:')));
    assert.equal(r.code, 1);
    assert.deepEqual(
      [...r.stderr.matchAll(/\[(E_\w+)\]$/gm)].map((m) => m[1]),
      ['E_UNKNOWN_KEY', 'E_UNKNOWN_STATE'],
    );
    assert.doesNotMatch(r.stderr, /^note:/m);
  });

  it('a missing field stops the second round, and the output says so', async () => {
    const r = await oxusIn(dir, 'validate', file('missing.yaml', MODEL.replace('initial: 0', 'min: 0')));
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      'missing.yaml:6:3 state.s.initial: required field is missing (expected a number, text or a map (key: value entries); found nothing) [E_MISSING]\n' +
        'note: missing.yaml: names, ranges, units and expressions are checked once the problems above are fixed: validate again\n' +
        '1 of 1 file invalid\n',
    );
  });

  it('a valid file gets no note', async () => {
    const r = await oxusIn(dir, 'validate', file('good.yaml', MODEL.replace('target: q', 'target: s')));
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'ok  good.yaml\n');
    assert.equal(r.stderr, '');
  });
});
