/**
 * Issue 7, CLI item 15, in the browser: the web UI served by `oxus serve` on a team's folders (two of
 * models, two of scenarios) offers the scenarios of both, shows which file each comes from, runs one of
 * the analyst's own, and tells the reader the command line that gives the same numbers from that file.
 * Screenshot: test-artifacts/serve-folders.png.
 */
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { makeServeFolders, startServe } from '../support/serveFolders.js';
import { browserSuite, waitForDone } from './browser.js';

browserSuite(
  'web UI on several folders (oxus serve)',
  (ui) => {
    ui.test('offers every folder’s scenarios and names the served file for the command line', async (t) => {
      await t.page.goto(`${ui.base}/?scenario=fast&runs=60&seed=3&run=1`);
      await waitForDone(t.page);
      const offered = await t.page
        .locator('#scenario option')
        .evaluateAll((os) => os.map((o) => (o as unknown as { value: string }).value));
      assert.deepEqual(offered, ['base', 'broken', 'fast', 'own-model']);
      assert.match((await t.page.locator('#scenario-model').textContent()) ?? '', /\(mine\/fast\.yaml;/);
      const receipt = t.page.locator('details.receipt').first();
      await receipt.locator('summary').click();
      assert.match(
        (await receipt.textContent()) ?? '',
        /Same numbers from the command line: oxus run mine\/fast\.yaml --runs 60 --seed 3/,
      );
      await t.shot('serve-folders');
    });

    ui.test('an edited scenario of the analyst’s folder is to be saved beside it', async (t) => {
      await t.page.goto(`${ui.base}/?scenario=fast&runs=60&p.K=900&run=1`);
      await waitForDone(t.page);
      const receipt = t.page.locator('details.receipt').first();
      await receipt.locator('summary').click();
      const text = (await receipt.textContent()) ?? '';
      assert.match(text, /Save the scenario text below as a file beside mine\/fast\.yaml/);
      assert.match(text, /extends: fast\.yaml/);
    });
  },
  {
    /** `oxus serve --models models team/models --scenarios scenarios mine`, run in-process. */
    start: async (temp) => {
      const root = makeServeFolders();
      const serving = await startServe(
        root,
        ...['--models', 'models', 'team/models', '--scenarios', 'scenarios', 'mine'],
        ...['--port', '0', '--db', `${temp}/oxus.sqlite`],
      );
      return {
        base: serving.url.replace(/\/$/, ''),
        stop: async () => {
          await serving.stop();
          rmSync(root, { recursive: true, force: true });
        },
      };
    },
  },
);
