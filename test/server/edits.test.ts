/**
 * Edits beyond fixed values, as the UI sends them: a parameter's uncertainty replaced (min, mode, max),
 * events forced or suppressed, and schedules (a ramp of a file kept as it is). They reach the edited scenario's YAML, run exactly as that YAML does with
 * the CLI, and bad ones are refused with the engine's own problems at the request's field.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import request from 'supertest';
import { execute, prepare } from '../../src/pipeline.js';
import { repoPath } from '../support/build.js';
import { makeApp, type TestApp, useTestApp } from '../support/serverApp.js';

describe('edited uncertainty and events', () => {
  const temp = mkdtempSync(join(tmpdir(), 'oxus-edits-'));
  let t: TestApp;
  before(async () => {
    t = await makeApp({
      modelsDir: repoPath('models'),
      scenariosDir: repoPath('scenarios'),
      dbPath: join(temp, 'db.sqlite'),
    });
  });
  after(() => {
    t.close();
    rmSync(temp, { recursive: true, force: true });
  });

  it('runs a new uncertainty and forced and suppressed events, as the CLI runs the same YAML', async () => {
    const edit = {
      scenario: 'baseline-2016',
      overrides: { taliban_haven: { uncertainty: { dist: 'pert', min: 0.6, mode: 0.8, max: 0.95 } } },
      events: {
        force: [{ event: 'pledge_isis', member: 'KTJ', at: '2018Q1' }],
        suppress: [{ event: 'ht_turns_violent', member: 'HT' }],
      },
      runs: 40,
      seed: 3,
    };
    const res = await request(t.app).post('/api/runs?wait=true').send(edit).expect(200);
    const text: string = res.body.run.scenarioText;
    assert.match(text, /taliban_haven:\n\s+uncertainty:\n\s+dist: pert\n\s+min: 0.6/);
    assert.match(text, /force:\n\s+- event: pledge_isis\n\s+member: KTJ\n\s+at: 2018Q1/);
    assert.match(text, /suppress:\n\s+- event: ht_turns_violent\n\s+member: HT\n/);
    const events = res.body.result.summary.events;
    const pBy = (event: string, member: string) =>
      events.find((e: { event: string; member: string }) => e.event === event && e.member === member).pBy;
    assert.ok(
      pBy('ht_turns_violent', 'HT').every((p: number) => p === 0),
      'suppressed: never fires',
    );
    assert.equal(pBy('pledge_isis', 'KTJ').at(-1), 1, 'forced: has fired in every run by the end');
    // The same text beside the test's files, extending the bundled scenario by its full path.
    const file = join(temp, 'edited.yaml');
    writeFileSync(
      file,
      text.replace('extends: baseline-2016.yaml', `extends: ${repoPath('scenarios/baseline-2016.yaml')}`),
    );
    const cli = await execute(prepare(file, { runs: 40, seed: 3 }), { workers: 0 });
    assert.equal(JSON.stringify(res.body.result.summary), JSON.stringify(cli.summary));
  });

  it('refuses an uncertainty outside the range and an unknown event, at the request’s fields', async () => {
    const res = await request(t.app)
      .post('/api/runs?wait=true')
      .send({
        scenario: 'baseline-2016',
        overrides: { taliban_haven: { uncertainty: { dist: 'triangular', min: 0.5, mode: 0.9, max: 1.4 } } },
        events: { suppress: [{ event: 'pledge_isiss', member: 'IMU' }] },
        runs: 10,
      })
      .expect(400);
    const problems = res.body.error.problems.map(
      (p: { code: string; path: string }) => `${p.path} ${p.code}`,
    );
    assert.deepEqual(problems.sort(), [
      'events.suppress[0] E_UNKNOWN_EVENT',
      'overrides.taliban_haven.uncertainty E_RANGE',
    ]);
  });
});

describe('edited schedules with a ramp', () => {
  const t = useTestApp();

  it('keeps a ramp (to_value) in the edited YAML, which runs as the CLI runs it', async () => {
    const schedules = {
      r: [
        { from: 2010, to: 2020, value: 0.05, to_value: 0.15 },
        { from: 2030, value: 0.1 },
      ],
    };
    const res = await request(t.app)
      .post('/api/runs?wait=true')
      .send({ scenario: 'logistic-fast', schedules, runs: 30, seed: 4 })
      .expect(200);
    const text: string = res.body.run.scenarioText;
    assert.match(
      text,
      /r:\n\s+- from: 2010\n\s+to: 2020\n\s+value: 0.05\n\s+to_value: 0.15\n\s+- from: 2030\n\s+value: 0.1\n/,
    );
    const file = join(t.fixture.scenariosDir, 'ramp-edit.yaml');
    writeFileSync(file, text);
    const cli = await execute(prepare(file, { runs: 30, seed: 4 }), { workers: 0 });
    assert.equal(JSON.stringify(res.body.result.summary), JSON.stringify(cli.summary));
  });
});
