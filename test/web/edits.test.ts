/**
 * Schedules and forced or suppressed events edited in headless Chromium, and what a run's edits leave
 * behind: the list above the results, every chart's subtitle, the exported PNG (twice the size on screen,
 * every edit in its subtitle), the link, and the run history (what was edited; a comparison as one pair
 * that reopens and reproduces as the pair). Screenshots go to test-artifacts/.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, browserSuite, chartsIn, type Page$, waitForDone } from './browser.js';

const BASELINE = '/?scenario=baseline-2016&runs=30';
const SHOWN = '#panels [role=tabpanel]:not([hidden])';
/** The three edits the first test makes, as the page words them. */
const LINES = [
  'Russian airstrikes in Syria scheduled: 0 from 2016Q3',
  'Forced: Pledges allegiance to ISIS — IMU at 2017Q1',
  'Suppressed: Hizb ut-Tahrir turns violent — HT from the start',
];

interface RunJson {
  run: { request: { schedules?: unknown; events?: unknown; comparison?: { id: string; side: string } } };
}

/** Waits for the final result (not a partial one drawn while the runs go on) and its charts. */
async function finished(page: Page): Promise<void> {
  await waitForDone(page);
  await page.waitForSelector(`${SHOWN} canvas`);
}

/** Opens the panel of schedules and events (folded by default). */
async function openTimeline(page: Page): Promise<void> {
  if ((await page.getAttribute('#timeline-panel', 'open')) === null)
    await page.click('#timeline-panel > summary');
}

const listed = (page: Page, selector: string) => page.locator(`${selector} li`).allTextContents();

browserSuite('web UI: schedules, events and what a run edited', (ui) => {
  ui.test(
    'edits a schedule and forces and suppresses events, runs them, and lists them above the results and in every subtitle',
    async ({ page, context, api, results, shot }) => {
      await page.goto(`${ui.base}${BASELINE}`);
      await page.waitForSelector('#drivers .param');
      await openTimeline(page);
      assert.equal(await page.textContent('#schedules .schedule-list'), 'Nothing is scheduled.');
      await page.selectOption('#schedule-add-param', 'russian_strikes');
      await page.click('#schedule-add');
      await page.selectOption('#sch-russian_strikes-0-from', '2016Q3');
      await page.fill('#sch-russian_strikes-0-value', '0');
      await page.press('#sch-russian_strikes-0-value', 'Tab');
      await page.click('#force-add');
      await page.selectOption('#ev-force-0-event', 'IMU.pledge_isis');
      await page.selectOption('#ev-force-0-at', '2017Q1');
      await page.click('#suppress-add');
      await page.selectOption('#ev-suppress-0-event', 'HT.ht_turns_violent');
      await page.waitForURL((url) => {
        const q = url.searchParams;
        return (
          q.get('s.russian_strikes') === '2016Q3:0' &&
          q.get('force') === 'IMU.pledge_isis@2017Q1' &&
          q.get('suppress') === 'HT.ht_turns_violent'
        );
      });
      assert.equal(await page.textContent('#changed-count'), '3 changed');
      await page.locator('#timeline-panel').scrollIntoViewIfNeeded();
      await shot('edits-1280-editor');

      await page.click('#run');
      await finished(page);
      assert.deepEqual(await listed(page, '#edits'), LINES, 'the edits are listed above the results');
      // What the page sent is what it lists: the run's request, from the API.
      const path = results()[0];
      assert.ok(path, 'the page fetched a result');
      const { run } = await api<RunJson>(path.replace(/\/result$/, ''));
      assert.deepEqual(run.request.schedules, { russian_strikes: [{ from: '2016Q3', value: 0 }] });
      assert.deepEqual(run.request.events, {
        force: [{ event: 'pledge_isis', member: 'IMU', at: '2017Q1' }],
        suppress: [{ event: 'ht_turns_violent', member: 'HT' }],
      });
      assert.match(
        String(await page.textContent('#receipts pre')),
        /schedules:[\s\S]*russian_strikes[\s\S]*force:/,
      );
      for (const tab of ['series-strength', 'threshold-extinct', 'events']) {
        await page.click(`#tab-${tab}`);
        const charts = await chartsIn(page, SHOWN);
        assert.ok(charts.length > 0, `${tab} has charts`);
        for (const c of charts)
          assert.ok(
            c?.subtitle.includes(`edited: ${LINES.join('; ')}`),
            `${c?.title}: the subtitle names every edit (${c?.subtitle})`,
          );
      }
      await page.click('#tab-series-strength');
      await shot('edits-1280-results');

      // The link carries the edits: another page opened on it shows and runs the same.
      const again = await context.newPage();
      await again.goto(page.url());
      await finished(again);
      assert.equal(
        await again.getAttribute('#timeline-panel', 'open'),
        '',
        'the panel opens for a link with edits',
      );
      assert.equal(await again.inputValue('#sch-russian_strikes-0-value'), '0');
      assert.equal(await again.inputValue('#ev-force-0-at'), '2017Q1');
      assert.equal(await again.inputValue('#ev-suppress-0-from'), '');
      assert.equal(await again.textContent('#receipts'), await page.textContent('#receipts'));
      await again.close();
    },
  );

  ui.test(
    'shows the scenario’s own schedule and forced event; a changed schedule replaces the scenario’s',
    async ({ page, shot }) => {
      await page.goto(`${ui.base}/?scenario=imu-pledge-2015&runs=30`);
      await page.waitForSelector('#drivers .param');
      assert.match(
        String(await page.textContent('#events')),
        /^This scenario forces Group founded — ISKP at 2015Q1; forces Pledges allegiance to ISIS — IMU at 2015Q3\. What you add here comes on top\./,
      );
      await page.goto(`${ui.base}/?scenario=russian-strikes-end&runs=30`);
      await page.waitForSelector('#drivers .param');
      await openTimeline(page);
      const block = page.locator('fieldset.schedule[data-name=russian_strikes]');
      assert.equal(await block.locator('.meta').textContent(), 'scheduled by this scenario');
      assert.equal(await page.inputValue('#sch-russian_strikes-0-from'), '2016Q3');
      assert.equal(await page.inputValue('#sch-russian_strikes-0-to'), '');
      assert.equal(await page.inputValue('#sch-russian_strikes-0-value'), '0');
      assert.equal(await block.getByRole('button', { name: /^Reset the schedule/ }).isDisabled(), true);
      await page.fill('#sch-russian_strikes-0-value', '0.5');
      await page.press('#sch-russian_strikes-0-value', 'Tab');
      assert.equal(await block.locator('.meta').textContent(), 'scheduled by this scenario, changed by you');
      await page.waitForURL((url) => url.searchParams.get('s.russian_strikes') === '2016Q3:0.5');
      await block.scrollIntoViewIfNeeded();
      await shot('edits-1280-scenario-schedule');
      await page.click('#run');
      await finished(page);
      assert.deepEqual(await listed(page, '#edits'), [
        'Russian airstrikes in Syria scheduled: 0.5 from 2016Q3',
      ]);
      assert.match(
        String(await page.textContent('#receipts pre')),
        /russian_strikes:\n\s+- from: 2016Q3\n\s+value: 0\.5/,
      );
      await block.getByRole('button', { name: /^Reset the schedule/ }).click();
      assert.equal(await page.inputValue('#sch-russian_strikes-0-value'), '0');
      assert.equal(await page.textContent('#changed-count'), '');
    },
  );

  ui.test('exports a chart as PNG at twice its size, with every edit in the subtitle', async ({ page }) => {
    const edits =
      '&p.taliban_haven=0.7&p.us_pressure=0.05&s.russian_strikes=2016Q3:0&force=IMU.pledge_isis@2017Q1&suppress=HT.ht_turns_violent';
    await page.goto(`${ui.base}${BASELINE}${edits}&run=1`);
    await finished(page);
    assert.equal((await listed(page, '#edits')).length, 5);
    const [first] = await chartsIn(page, SHOWN);
    assert.match(String(first?.subtitle), /; and 2 more \(listed above the results\)/);
    const figure = page.locator(`${SHOWN} figure`).first();
    const box = await figure.locator('.chart-box').evaluate((e) => {
      const b = e as unknown as { clientWidth: number; clientHeight: number };
      return { width: b.clientWidth, height: b.clientHeight };
    });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      figure.getByRole('button', { name: /as PNG$/ }).click(),
    ]);
    const file = join(ARTIFACTS, 'edits-export-strength-medians.png');
    await download.saveAs(file);
    const png = readFileSync(file);
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    assert.equal(png.readUInt32BE(16), 2 * box.width, 'twice the width on screen');
    assert.ok(
      png.readUInt32BE(20) > 2 * box.height,
      `taller than twice the screen's ${box.height} px (${png.readUInt32BE(20)} px): the full list of edits takes more lines`,
    );
    assert.equal(
      await page.evaluate(
        () => (globalThis as unknown as Page$).document.querySelectorAll('.export-stage').length,
      ),
      0,
      'the export canvas is gone',
    );
  });

  ui.test(
    'keeps a comparison in the history as one pair that says what was edited, and reopens it as the pair',
    async ({ page, context, api, shot }) => {
      await page.goto(`${ui.base}${BASELINE}&p.taliban_haven=0.7&compare=@unchanged`);
      await page.waitForSelector('#drivers .param');
      await page.click('#run');
      await waitForDone(page);
      await page.waitForSelector('#history li.pair', { state: 'attached' });
      const pair = page.locator('#history li.pair').first();
      const text = String(await pair.textContent());
      assert.match(
        text,
        /^Baseline - as known in May 2016 \(edited\) compared with Baseline - as known in May 2016 — 30 runs, seed 2016/,
      );
      assert.deepEqual(await pair.locator('.edits').allTextContents(), [
        'A: 1 edit: Taliban haven = 0.7',
        'B: as the scenario stands',
      ]);
      const { items } = await api<{ items: RunJson['run'][] }>('/api/history?limit=30');
      const sides = items.filter((h) => h.request.comparison).map((h) => h.request.comparison);
      assert.equal(new Set(sides.map((s) => s?.id)).size, 1, 'both runs carry one comparison id');
      assert.deepEqual(sides.map((s) => s?.side).sort(), ['A', 'B']);
      await page.locator('#history-panel > summary').click();
      await pair.scrollIntoViewIfNeeded();
      await shot('history-1280-pair');

      const other = await context.newPage();
      await other.goto(`${ui.base}/?scenario=haven-ibb-ktj`);
      await other.waitForSelector('#history li.pair', { state: 'attached' });
      await other.locator('#history-panel > summary').click();
      await other
        .locator('#history li.pair')
        .first()
        .getByRole('button', { name: /^Open comparison/ })
        .click();
      await other.waitForFunction(
        () =>
          (globalThis as unknown as Page$).document.querySelectorAll('#panel-compare canvas').length === 3,
      );
      assert.match(String(await other.textContent('#status')), /^Opened a comparison of /);
      assert.equal(await other.inputValue('#scenario'), 'baseline-2016');
      assert.equal(await other.inputValue('#compare'), '@unchanged');
      assert.equal(await other.inputValue('#p-taliban_haven-n'), '0.7');
      assert.deepEqual(await listed(other, '#edits'), ['Taliban haven = 0.7']);
      assert.match(
        String(await other.textContent('#edits')),
        /Nothing edited \(B\): the scenario as it stands\./,
      );
      assert.equal(await other.textContent('#receipts'), await page.textContent('#receipts'));
      await shot('history-1280-pair-opened', other);
      // Reproducing the pair runs both again and checks each against its entry, bit for bit.
      await other
        .locator('#history li.pair')
        .first()
        .getByRole('button', { name: /^Reproduce comparison/ })
        .click();
      await other.waitForFunction(() =>
        /^Reproduced bit for bit: the receipts and every number are identical\.$/.test(
          (globalThis as unknown as Page$).document.querySelector('#status')?.textContent ?? '',
        ),
      );
      assert.equal(
        await other.evaluate(
          () => (globalThis as unknown as Page$).document.querySelectorAll('#panel-compare canvas').length,
        ),
        3,
      );
      await other.close();
    },
  );
});
