/**
 * The web UI in headless Chromium: pick a scenario, move a slider with the keyboard, run, draw sample runs,
 * see the engine's range check, switch tabs with the keys, export CSV, compare two scenarios, and reopen a
 * shared link at phone width. Each test opens its own page (most from a link that runs the view), so one
 * failing test does not take the next with it; the numbers in the charts are checked in charts.test.ts.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, assertSameNumbers, browserSuite, chartsIn, type Page$, waitForDone } from './browser.js';

/** The baseline with one driver moved, 100 runs, run on opening. */
const EDITED = '/?scenario=baseline-2016&p.taliban_haven=0.55&runs=100&run=1';
const FAN_LABELS = [
  '5th percentile',
  '90% of runs (5th–95th percentile)',
  '25th percentile',
  '50% of runs (25th–75th percentile)',
  'Median',
];
const SHOWN = '#panels [role=tabpanel]:not([hidden])';

interface Summary {
  dates: string[];
  samples: { runs: number[]; series: Record<string, number[][]> };
}

browserSuite('web UI in headless Chromium', (ui) => {
  ui.test(
    'loads, picks a scenario and shows its drivers with units, ranges and sources',
    async ({ page }) => {
      await page.goto(ui.base);
      await page.waitForSelector('#drivers .param');
      await page.selectOption('#scenario', 'haven-ibb-ktj');
      await page.waitForFunction(() =>
        (globalThis as unknown as Page$).document.querySelector('#question')?.textContent?.includes('haven'),
      );
      await page.selectOption('#scenario', 'baseline-2016');
      await page.waitForFunction(() =>
        (globalThis as unknown as Page$).document
          .querySelector('#question')
          ?.textContent?.includes('May 2016'),
      );
      const row = page.locator('.param[data-name="taliban_haven"]');
      assert.equal(await row.locator('.unit').textContent(), 'fraction');
      assert.match(String(await row.locator('.meta').textContent()), /range 0 to 1/);
      await row.locator('summary.src-summary').click();
      assert.match(String(await row.locator('blockquote').first().textContent()), /“.+”/);
      assert.equal(await page.inputValue('#runs'), '1000');
    },
  );

  ui.test('moves a slider with the keyboard, runs, and draws a fan per group', async ({ page }) => {
    await page.goto(`${ui.base}/?scenario=baseline-2016`);
    await page.waitForSelector('#drivers .param');
    await page.fill('#runs', '100');
    await page.focus('#p-taliban_haven');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    assert.equal(await page.inputValue('#p-taliban_haven-n'), '0.55');
    assert.equal(await page.textContent('#changed-count'), '1 changed');
    assert.match(page.url(), /p\.taliban_haven=0\.55/);
    await page.keyboard.press('Tab');
    await page.focus('#run');
    await page.keyboard.press('Enter');
    await waitForDone(page);
    assert.match(String(await page.textContent('#status')), /Done: 100 runs/);
    const charts = await chartsIn(page, SHOWN);
    // The fans (each with its median), not the overview of the medians.
    const fans = charts.filter((c) => c?.datasets.some((d) => d.label === 'Median'));
    assert.ok(fans.length >= 1, 'a fan chart is drawn');
    for (const fan of fans) {
      assert.deepEqual(
        fan?.datasets.map((d) => d.label),
        FAN_LABELS,
      );
    }
    assert.match(String(await page.textContent('#receipts')), /baseline_2016_edited · 100 runs · seed 2016/);

    await page.click('#tab-series-threat');
    const toggle = page
      .locator('#panel-series-threat figure')
      .nth(1)
      .getByRole('button', { name: 'Show table' });
    await toggle.click();
    assert.equal(await page.locator('#panel-series-threat figure').nth(1).locator('tbody tr').count(), 41);
    await page.screenshot({ path: join(ARTIFACTS, 'ui-1280x800-threat.png') });
    await page.click('#tab-threshold-extinct');
    assert.match(
      String(await page.textContent('#panel-threshold-extinct')),
      /%\)? — (almost no chance|very unlikely|unlikely|roughly even chance|likely|very likely|almost certain) \((\d+–\d+%|under \d+%|over \d+%)\)/,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'ui-1280x800-extinction.png') });
  });

  ui.test(
    'draws the first runs over the fans when “Show sample runs” is ticked with the keyboard',
    async ({ page, api, results }) => {
      await page.goto(`${ui.base}${EDITED}`);
      await waitForDone(page);
      const panel = page.locator(SHOWN);
      const fanFigure = `${SHOWN} figure:nth-of-type(2)`;
      const before = await chartsIn(page, fanFigure);
      assert.equal(before[0]?.datasets.length, 5);
      const box = panel.getByLabel('Show sample runs (first 10)');
      assert.equal(await box.isChecked(), false);
      await box.focus();
      await page.keyboard.press('Space');
      assert.equal(await box.isChecked(), true);
      const [fan] = await chartsIn(page, fanFigure);
      assert.equal(fan?.datasets.length, 15, 'ten sample runs join the five fan datasets');
      assert.equal(fan.datasets[5]!.label, 'Sample runs (first 10)');
      // The trajectories are the API's sample runs of the member shown, bit for bit.
      const [path] = results();
      const { summary } = await api<{ summary: Summary }>(path!);
      const member = /— (\S+)$/.exec(fan.title)?.[1];
      const trajectories = summary.samples.series[`${member}.strength`];
      assert.ok(trajectories, `the fan (${fan.title}) shows a member's strength`);
      assert.equal(trajectories.length, 10);
      trajectories.forEach((run, i) => {
        assertSameNumbers(fan.datasets[5 + i]!.data, run, `sample run ${i + 1} of ${member}`);
      });
      assert.match(page.url(), /samples=1/);
      // The fan's table (built when first shown) says why sample runs are not in it.
      await panel.locator('figure').nth(1).getByRole('button', { name: 'Show table' }).click();
      assert.match(
        String(await panel.locator('figure').nth(1).locator('caption').textContent()),
        /Sample runs are not tabulated/,
      );
      await panel.locator('figure').nth(1).scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS, 'ui-1280x800-samples.png') });
      // One setting for every series tab: the threat tab, drawn later, follows it.
      await page.click('#tab-series-threat');
      const threatFan = '#panel-series-threat figure:nth-of-type(2)';
      assert.equal(await page.locator('#samples-series-threat').isChecked(), true);
      assert.equal((await chartsIn(page, threatFan))[0]?.datasets.length, 15);
      await page.locator('#panel-series-threat').getByLabel('Show sample runs (first 10)').uncheck();
      assert.equal((await chartsIn(page, threatFan))[0]?.datasets.length, 5);
      assert.doesNotMatch(page.url(), /samples=1/);
    },
  );

  ui.test(
    'shows the engine’s range check of an out-of-range value next to the run button',
    async ({ page }) => {
      await page.goto(`${ui.base}/?scenario=baseline-2016&runs=100`);
      await page.waitForSelector('#p-taliban_haven-n');
      await page.fill('#p-taliban_haven-n', '2');
      await page.press('#p-taliban_haven-n', 'Tab');
      assert.equal(await page.getAttribute('#p-taliban_haven-n', 'aria-invalid'), 'true');
      await page.click('#run');
      await page.waitForFunction(
        () => ((globalThis as unknown as Page$).document.querySelector('#errors')?.textContent ?? '') !== '',
      );
      assert.match(
        String(await page.textContent('#errors')),
        /Taliban haven: the value is outside its allowed range.*\[E_RANGE\]/,
      );
      await page.fill('#p-taliban_haven-n', '0.55');
      await page.press('#p-taliban_haven-n', 'Tab');
      assert.equal(await page.getAttribute('#p-taliban_haven-n', 'aria-invalid'), 'false');
    },
  );

  ui.test('switches result tabs with the arrow keys', async ({ page }) => {
    await page.goto(`${ui.base}${EDITED}&tab=threshold-extinct`);
    await waitForDone(page);
    await page.focus('#tab-threshold-extinct');
    await page.keyboard.press('ArrowLeft');
    const selected = await page.getAttribute('[role=tab][aria-selected=true]', 'id');
    assert.notEqual(selected, 'tab-threshold-extinct');
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as Page$).document.activeElement?.id),
      selected,
    );
  });

  ui.test('exports the result as the API’s CSV', async ({ page, text, results }) => {
    await page.goto(`${ui.base}${EDITED}`);
    await waitForDone(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Download CSV')]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const file = join(ui.temp, download.suggestedFilename());
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8');
    assert.match(csv, /^# oxus: /);
    assert.match(csv, /\nkind,output,member,date,statistic,value\n/);
    assert.match(csv, /\nseries,threat_/);
    const [path] = results();
    assert.equal(csv, await text(`${path}.csv`), 'the download is the run’s CSV from the API');
  });

  ui.test(
    'compares two scenarios, and its link reproduces the view at phone width',
    async ({ page, context }) => {
      await page.goto(`${ui.base}/?scenario=baseline-2016&p.taliban_haven=0.55&runs=100`);
      await page.waitForSelector('#drivers .param');
      await page.selectOption('#compare', 'haven-ibb-ktj');
      await page.click('#run');
      await waitForDone(page);
      await page.waitForFunction(
        () =>
          (globalThis as unknown as Page$).document.querySelectorAll('#panel-compare canvas').length === 3,
      );
      const [a, b, diff] = await chartsIn(page, '#panel-compare');
      assert.deepEqual(
        [a, b].map((c) => c?.datasets.map((d) => d.label)),
        [FAN_LABELS, FAN_LABELS],
      );
      assert.deepEqual(
        diff?.datasets.map((d) => d.label),
        ['Difference of medians', 'Difference of means'],
      );
      assert.match(String(await page.textContent('#receipts')), /haven_ibb_ktj · 100 runs · seed 2016/);
      await page.screenshot({ path: join(ARTIFACTS, 'ui-1280x800-compare.png') });

      const url = page.url();
      assert.match(url, /run=1/);
      const receipt = await page.textContent('#receipts');
      const phone = await context.newPage();
      await phone.setViewportSize({ width: 375, height: 812 });
      await phone.goto(url);
      await waitForDone(phone);
      await phone.waitForFunction(
        () =>
          (globalThis as unknown as Page$).document.querySelectorAll('#panel-compare canvas').length === 3,
      );
      assert.equal(await phone.textContent('#receipts'), receipt);
      assert.equal(await phone.inputValue('#p-taliban_haven-n'), '0.55');
      const overflow = await phone.evaluate(
        () =>
          (globalThis as unknown as Page$).document.documentElement.scrollWidth -
          (globalThis as unknown as Page$).innerWidth,
      );
      assert.ok(overflow <= 0, `no sideways scrolling at 375 px (overflow ${overflow}px)`);
      await phone.screenshot({ path: join(ARTIFACTS, 'ui-375x812-top.png') });
      await phone.locator('#panel-compare figure').first().scrollIntoViewIfNeeded();
      await phone.screenshot({ path: join(ARTIFACTS, 'ui-375x812-compare.png') });
    },
  );
});
