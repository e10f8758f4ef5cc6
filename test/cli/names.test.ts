/**
 * Issue 7, CLI items 4-6: a misspelt name gets a "did you mean" (parameters, members, events, state
 * variables), a misspelt member is an unknown member and not an unknown parameter, lists are never cut
 * without saying how many names were left out, and a missing `extends` or `model` target is blamed on the
 * line that names it. Each through the CLI, in-process: exit code and the whole message.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ROOT } from '../support/build.js';
import { oxusIn } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'oxus-names-'));
copyFileSync(join(ROOT, 'test/fixtures/rich-model.yaml'), join(dir, 'rich-model.yaml'));

/** Writes a scenario of the rich fixture model with `body` after its header. */
function scenario(file: string, body: string, header = 'model: rich-model.yaml'): void {
  writeFileSync(
    join(dir, file),
    `oxus: 1\nscenario: s\ntitle: t\nquestion: What if?\n${header}\nruns: 10\n${body}`,
  );
}

/** Runs the CLI with the temporary folder as working directory; no stack trace, no absolute path. */
async function cli(...argv: string[]) {
  const r = await oxusIn(dir, ...argv);
  assert.doesNotMatch(r.stderr, /^\s+at /m, 'no stack trace');
  assert.ok(!r.stderr.includes(dir), `no absolute path in: ${r.stderr}`);
  return r;
}

after(() => rmSync(dir, { recursive: true, force: true }));

describe('misspelt names', () => {
  it('a misspelt member of a parameter is an unknown member, with did-you-mean', async () => {
    scenario('member.yaml', 'parameters:\n  X.recruit: 0.3\n  b.recruit: 0.3\n');
    const r = await cli('validate', 'member.yaml');
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      [
        "member.yaml:8:3 parameters.X.recruit: 'X' is not a member of group (parameter 'recruit' is per group) (expected one of A, B, C, as in A.recruit; found X) [E_UNKNOWN_MEMBER]",
        "member.yaml:9:3 parameters.b.recruit: 'b' is not a member of group (parameter 'recruit' is per group); did you mean 'B'? (expected one of A, B, C, as in A.recruit; found b) [E_UNKNOWN_MEMBER]",
        '1 of 1 file invalid',
        '',
      ].join('\n'),
    );
  });

  it('a misspelt parameter gets did-you-mean, qualified by the member it was written with', async () => {
    scenario('param.yaml', 'parameters:\n  presure: 0.5\n  B.recriut: 0.3\n  pressure.A: 1\n');
    const r = await cli('run', 'param.yaml');
    assert.equal(r.code, 1);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 3);
    assert.match(
      lines[0]!,
      /^param\.yaml:8:3 parameters\.presure: the model has no parameter 'presure'; did you mean 'pressure'\? \(expected one of pressure, recruit, switchRate, kind, share \(or Member\.name for one member\); found presure\) \[E_UNKNOWN_PARAMETER\]$/,
    );
    assert.match(
      lines[1]!,
      /parameters\.B\.recriut: the model has no parameter 'recriut'; did you mean 'B\.recruit'\?/,
    );
    // `pressure.A` reads as member `pressure` of parameter `A`: no such parameter, nothing near.
    assert.match(lines[2]!, /the model has no parameter 'A' \(expected one of/);
  });

  it('a member given to a global parameter says it is global', async () => {
    scenario('global.yaml', 'parameters:\n  A.pressure: 0.5\n');
    const r = await cli('validate', 'global.yaml');
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /global\.yaml:8:3 parameters\.A\.pressure: parameter 'pressure' is global: it takes no member \(expected pressure; found A\.pressure\) \[E_UNKNOWN_MEMBER\]/,
    );
  });

  it('events, their members and state variables get did-you-mean', async () => {
    scenario(
      'events.yaml',
      [
        'events:',
        '  force: [{ event: pldge, at: 2012Q1 }, { event: pledge, member: b, at: 2012Q1 }]',
        'initial:',
        '  strenght: 10',
        '  a.strength: 10',
        '  A.repression: 0.2',
        '',
      ].join('\n'),
    );
    const r = await cli('validate', 'events.yaml');
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /the model has no event 'pldge'; did you mean 'pledge'\? \(expected one of pledge, crackdown; found pldge\) \[E_UNKNOWN_EVENT\]/,
    );
    assert.match(
      r.stderr,
      /'b' is not a member of group \(event 'pledge' is per group\); did you mean 'B'\? \(expected one of A, B, C; found b\) \[E_UNKNOWN_MEMBER\]/,
    );
    assert.match(
      r.stderr,
      /initial\.strenght: the model has no state variable or event 'strenght'; did you mean 'strength'\?/,
    );
    assert.match(
      r.stderr,
      /initial\.a\.strength: 'a' is not a member of group \('strength' is per group\); did you mean 'A'\? .*\[E_UNKNOWN_MEMBER\]/,
    );
    assert.match(r.stderr, /initial\.A\.repression: 'repression' is global: it takes no member/);
  });

  it('a long list of names says how many it leaves out', async () => {
    const many = Array.from(
      { length: 40 },
      (_, i) => `  p${i}: { value: 1, unit: count, sources: [{ judgment: fixture }] }`,
    );
    writeFileSync(
      join(dir, 'many.yaml'),
      `oxus: 1\nmodel: many\ntitle: t\ntime: { start: 2010, end: 2012, step: year }\nparameters:\n${many.join('\n')}\nstate:\n  x: { initial: 1, unit: count }\noutputs:\n  x: { kind: series, expr: x, unit: count }\n`,
    );
    scenario('long.yaml', 'parameters:\n  q: 1\n', 'model: many.yaml');
    const r = await cli('validate', 'long.yaml');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /expected one of p0, p1, .*, p29, … and 10 more \(or Member\.name/);
  });
});

describe('a missing extends or model target', () => {
  it('is blamed on the line that names it, with the files spelt alike', async () => {
    scenario('base-2016.yaml', '');
    scenario('child.yaml', '', 'extends: base-2106.yaml');
    const r = await cli('run', 'child.yaml');
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "child.yaml:5:1 extends: the scenario to extend cannot be read: file not found; did you mean 'base-2016.yaml'? (expected the path of a scenario file, relative to this file; found base-2106.yaml) [E_FILE]\n",
    );
  });

  it('a missing model is blamed on the `model:` line, also through extends', async () => {
    scenario('nomodel.yaml', '', 'model: rich-modle.yaml');
    scenario('child2.yaml', '', 'extends: nomodel.yaml');
    const r = await cli('validate', 'child2.yaml');
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "nomodel.yaml:5:1 model: the model cannot be read: file not found; did you mean 'rich-model.yaml'? (expected the path of a model file, relative to this file; found rich-modle.yaml) [E_FILE]\n1 of 1 file invalid\n",
    );
  });
});

describe('a run that goes wrong', () => {
  it('names the rule, the state, the step and the run, with the error code', async () => {
    writeFileSync(
      join(dir, 'nan.yaml'),
      [
        'oxus: 1',
        'model: nan',
        'title: a state that becomes NaN at the fourth step',
        'time: { start: 2000, end: 2010, step: year }',
        'state:',
        '  x: { unit: count, initial: 1 }',
        '  y: { unit: count, initial: 1 }',
        'rules:',
        '  fine: { target: y, add: "1", sources: [{ judgment: test }] }',
        '  blow: { target: x, set: "k >= 3 ? sqrt(-1) : 1", sources: [{ judgment: test }] }',
        'outputs:',
        '  x: { kind: series, expr: x, unit: count }',
        '',
      ].join('\n'),
    );
    for (const workers of ['0', '2']) {
      const r = await cli('run', 'nan.yaml', '--runs', '20', '--workers', workers);
      assert.equal(r.code, 1);
      assert.equal(
        r.stderr,
        "error: rule 'blow' gave NaN for state 'x' in the step from 2003 to 2004 (run 0) [E_NONFINITE]\n",
      );
    }
  });

  it("names an event's effects and the member", async () => {
    scenario('boom.yaml', '', 'model: boom-model.yaml');
    writeFileSync(
      join(dir, 'boom-model.yaml'),
      [
        'oxus: 1',
        'model: boom',
        'title: an event whose effect divides by zero',
        'time: { start: 2000, end: 2004, step: year }',
        'entities: { group: [A, B] }',
        'state:',
        '  s: { for: group, unit: count, initial: 1 }',
        'events:',
        '  split:',
        '    for: group',
        '    probability: "B.s > 0"',
        '    effects: { s: "s / (s - 1)" }',
        '    sources: [{ judgment: test }]',
        'outputs:',
        '  s: { for: group, kind: series, expr: s, unit: count }',
        '',
      ].join('\n'),
    );
    const r = await cli('run', 'boom.yaml');
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      "error: event 'split' for A's effects gave Infinity for state 'A.s' in the step from 2000 to 2001 (run 0) [E_NONFINITE]\n",
    );
  });
});
