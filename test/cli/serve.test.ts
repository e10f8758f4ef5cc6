/**
 * Issue 7, CLI item 15: `oxus serve --models DIR… --scenarios DIR… --port N` serves an analyst's own
 * folders, several of each, in the web UI and API; bad folders and name clashes are refused before
 * anything is served, each named, all at once, with exit code 1 and no stack trace or absolute path.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execute, prepare } from '../../src/pipeline.js';
import { repoPath } from '../support/build.js';
import { oxusIn } from '../support/cli.js';
import { makeServeFolders, type Serving, scenarioText, startServe } from '../support/serveFolders.js';

const getJson = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const postJson = async (url: string, body: unknown) => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

describe('oxus serve', () => {
  let root = '';
  before(() => {
    root = makeServeFolders();
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  describe('on two models folders and two scenarios folders', () => {
    let s: Serving;
    before(async () => {
      s = await startServe(
        root,
        '--models',
        'models',
        'team/models',
        '--scenarios',
        'scenarios',
        '--scenarios',
        'mine',
        '--port',
        '0',
        '--db',
        'data/oxus.sqlite',
      );
    });
    after(async () => {
      await s.stop();
    });

    it('says where it serves, and how many files each folder gave', () => {
      assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      assert.equal(
        s.output.stdout,
        `oxus: serving ${s.url}\n  models     models/ (1), team/models/ (1)\n  scenarios  scenarios/ (1), mine/ (3)\n`,
      );
      assert.equal(s.output.stderr, '');
    });

    it('lists the files of every folder, each by its file name, with the folder it came from', async () => {
      const models = await getJson(`${s.url}api/models`);
      assert.deepEqual(
        (models.body.models as { id: string; file: string }[]).map((m) => `${m.id} ${m.file}`),
        // Two folders named models: each is shown from one folder further up.
        [`logistic ${basename(root)}/models/logistic.yaml`, 'growth team/models/growth.yaml'],
      );
      const scenarios = (await getJson(`${s.url}api/scenarios`)).body.scenarios as Record<string, unknown>[];
      assert.deepEqual(
        scenarios.map((e) => [e.id, e.file, e.extends, e.model]),
        [
          ['base', 'scenarios/base.yaml', null, 'logistic'],
          ['broken', 'mine/broken.yaml', 'fast', null],
          ['fast', 'mine/fast.yaml', 'base', null],
          ['own-model', 'mine/own-model.yaml', null, 'growth'],
        ],
      );
      const own = await getJson(`${s.url}api/scenarios/own-model`);
      assert.equal((own.body.scenario as { model: { id: string } }).model.id, 'growth');
    });

    it('runs an edited scenario of the second folder exactly as oxus run runs the same text saved beside it', async () => {
      const res = await postJson(`${s.url}api/runs?wait=true`, {
        scenario: 'fast',
        overrides: { K: 900 },
        runs: 60,
        seed: 5,
      });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      const run = res.body.run as { status: string; scenarioText: string; file: string };
      assert.equal(run.status, 'done');
      assert.equal(run.file, 'mine/fast.yaml', 'the file the UI names for the command line');
      assert.match(run.scenarioText, /^extends: fast\.yaml$/m);
      const file = join(root, 'mine', 'saved-edit.yaml');
      writeFileSync(file, run.scenarioText);
      try {
        const cli = await execute(prepare(file, { runs: 60, seed: 5 }), { workers: 0 });
        assert.equal(
          JSON.stringify((res.body.result as { summary: unknown }).summary),
          JSON.stringify(cli.summary),
        );
      } finally {
        rmSync(file);
      }
    });

    it('points a problem at the file in its own folder, with no server path', async () => {
      const res = await postJson(`${s.url}api/runs?wait=true`, { scenario: 'broken', runs: 10 });
      assert.equal(res.status, 422);
      const error = res.body.error as {
        code: string;
        message: string;
        problems: { file: string; path: string }[];
      };
      assert.equal(error.code, 'E_UNKNOWN_PARAMETER');
      assert.deepEqual(
        error.problems.map((p) => `${p.file} ${p.path}`),
        ['mine/broken.yaml parameters.rr'],
      );
      assert.equal(JSON.stringify(res.body).includes(root), false, 'no absolute path');
    });
  });

  it('stops on the signal: exit 0, and the port is closed', async () => {
    const s = await startServe(
      root,
      '--models',
      'models',
      '--scenarios',
      'scenarios',
      '--port',
      '0',
      '--db',
      'data/stop.sqlite',
    );
    assert.equal((await getJson(`${s.url}api/health`)).status, 200);
    assert.equal(await s.stop(), 0);
    assert.equal(s.output.stderr, 'oxus: stopping (at most 10 s)\n');
    await assert.rejects(fetch(`${s.url}api/health`));
  });

  it('warns of a folder that holds no file of its kind', async () => {
    const s = await startServe(
      root,
      '--models',
      'models',
      'empty',
      '--scenarios',
      'scenarios',
      '--port',
      '0',
      '--db',
      'data/empty.sqlite',
    );
    await s.stop();
    assert.match(s.output.stdout, /^ {2}models {5}models\/ \(1\), empty\/ \(0\)$/m);
    assert.match(s.output.stderr, /^warning: --models empty: no model files in this folder$/m);
  });

  it('refuses two files of one kind with the same name, naming both, before serving', async () => {
    const clash = join(root, 'clash');
    mkdirSync(clash);
    writeFileSync(join(clash, 'base.yaml'), scenarioText('base2', 'model: ../models/logistic.yaml\n'));
    // A model and a scenario may share a name: the UI and API tell them apart by kind.
    copyFileSync(repoPath('models', 'logistic-reference.yaml'), join(clash, 'fast.yaml'));
    try {
      const r = await oxusIn(
        root,
        'serve',
        '--scenarios',
        'scenarios',
        'mine',
        'clash',
        '--models',
        'models',
        '--port',
        '0',
        '--db',
        'data/clash.sqlite',
      );
      assert.equal(r.code, 1);
      assert.equal(
        r.stderr,
        "error: 2 scenario files are named 'base' (the web UI and the API know a scenario by its file name): scenarios/base.yaml and clash/base.yaml; rename all but one\n" +
          '1 problem with the folders: nothing served\n',
      );
      assert.equal(r.stdout, '');
    } finally {
      rmSync(clash, { recursive: true });
    }
  });

  it('reports every bad folder at once: missing, a file, and a clash among the others', async () => {
    const other = join(root, 'other');
    mkdirSync(other);
    copyFileSync(repoPath('models', 'logistic-reference.yaml'), join(other, 'growth.yaml'));
    try {
      // A folder named twice is served once, so it clashes with nothing.
      const r = await oxusIn(
        root,
        'serve',
        ...['--models', 'models', 'models', 'no-such-folder', 'team/models', 'other'],
        ...['--scenarios', 'scenarios', 'scenarios/base.yaml', 'mine', 'scenarios', '--port', '0'],
      );
      assert.equal(r.code, 1);
      assert.equal(
        r.stderr,
        'error: --models no-such-folder: folder not found\n' +
          'error: --scenarios scenarios/base.yaml: not a folder (--scenarios takes folders; `oxus validate FILE` checks one file)\n' +
          "error: 2 model files are named 'growth' (the web UI and the API know a model by its file name): team/models/growth.yaml and other/growth.yaml; rename all but one\n" +
          '3 problems with the folders: nothing served\n',
      );
      assert.equal(r.stderr.includes(root), false);
    } finally {
      rmSync(other, { recursive: true });
    }
  });

  it('reads PORT as --port reads it, and names the variable when it is wrong', async () => {
    const before = process.env.PORT;
    process.env.PORT = 'abc';
    try {
      const r = await oxusIn(root, 'serve', '--models', 'models', '--scenarios', 'scenarios');
      assert.equal(r.code, 1);
      assert.equal(
        r.stderr,
        'error: the PORT variable: it must be a whole number from 0 (any free port) to 65,535, found abc.\n',
      );
    } finally {
      if (before === undefined) delete process.env.PORT;
      else process.env.PORT = before;
    }
  });

  it('refuses a port it cannot use with one line', async () => {
    const bad = await oxusIn(root, 'serve', '--port', '70000');
    assert.equal(bad.code, 1);
    assert.match(
      bad.stderr,
      /--port must be a whole number from 0 \(any free port\) to 65,535, found 70000\./,
    );
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const r = await oxusIn(
        root,
        'serve',
        '--models',
        'models',
        '--scenarios',
        'scenarios',
        '--port',
        String(port),
        '--db',
        'data/taken.sqlite',
      );
      assert.equal(r.code, 1);
      assert.match(
        r.stderr,
        new RegExp(`^error: cannot listen on 127\\.0\\.0\\.1:${port}: listen EADDRINUSE`),
      );
      assert.equal(r.stderr.split('\n').length, 2, 'one line, no stack trace');
    } finally {
      taken.close();
    }
  });
});
