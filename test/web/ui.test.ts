/**
 * The web UI in headless Chromium (Debian's package, driven by playwright-core): pick a scenario, move a
 * slider with the keyboard, run, see the fan chart drawn with data, compare two scenarios, export CSV,
 * reopen the shared link, and read it at phone width. Screenshots go to test-artifacts/.
 * Without /usr/bin/chromium these tests fail (install it with `apt-get install chromium`); they never skip.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { createApp } from '../../src/server/app.js';
import { repoPath } from '../support/build.js';
import { ARGS, CHROMIUM } from './uiSession.js';

const ARTIFACTS = repoPath('test-artifacts');
const RUN_TIMEOUT = 180_000;

/** The browser globals the page functions use (this project compiles without the DOM library). */
interface Canvas {
  readonly width: number;
  readonly height: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}
interface Page$ {
  readonly document: {
    querySelector(s: string): { textContent: string | null } | null;
    querySelectorAll(s: string): { length: number };
    readonly activeElement: { id: string } | null;
    readonly documentElement: { scrollWidth: number };
  };
  readonly innerWidth: number;
  readonly Chart: {
    getChart(c: unknown): { data: { datasets: { label: string; data: unknown[] }[] } } | undefined;
  };
}
/** What a drawn chart holds, read in the page through Chart.js. */
async function chartData(page: Page, selector: string) {
  return page.$eval(selector, (canvas) => {
    const chart = (globalThis as unknown as Page$).Chart.getChart(canvas);
    const c = canvas as unknown as Canvas;
    const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let inked = 0;
    for (let i = 0; i < pixels.length; i += 4)
      if (pixels[i]! < 200 || pixels[i + 1]! < 200 || pixels[i + 2]! < 200) inked++;
    return {
      datasets:
        chart?.data.datasets.map((d) => ({
          label: d.label,
          points: d.data.filter((v) => typeof v === 'number' && Number.isFinite(v)).length,
        })) ?? [],
      inked: inked / (pixels.length / 4),
    };
  });
}

describe('web UI in headless Chromium', () => {
  let server: Server;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  const stop = new AbortController();
  const temp = mkdtempSync(join(tmpdir(), 'oxus-web-'));

  before(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `browser tests need Debian's Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (these tests do not skip)`,
      );
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    const app = await createApp({
      modelsDir: repoPath('models'),
      scenariosDir: repoPath('scenarios'),
      dbPath: join(temp, 'oxus.sqlite'),
      workers: 1,
      signal: stop.signal,
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    context = await chromium.launchPersistentContext(join(temp, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(RUN_TIMEOUT);
  });

  after(async () => {
    await context?.close();
    stop.abort();
    server?.closeAllConnections();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    rmSync(temp, { recursive: true, force: true });
  });

  it('loads, picks a scenario and shows its drivers with units, ranges and sources', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(base);
    await page.waitForSelector('#drivers .param');
    await page.selectOption('#scenario', 'haven-ibb-ktj');
    await page.waitForFunction(() =>
      (globalThis as unknown as Page$).document.querySelector('#question')?.textContent?.includes('haven'),
    );
    await page.selectOption('#scenario', 'baseline-2016');
    await page.waitForFunction(() =>
      (globalThis as unknown as Page$).document.querySelector('#question')?.textContent?.includes('May 2016'),
    );
    const row = page.locator('.param[data-name="taliban_haven"]');
    assert.equal(await row.locator('.unit').textContent(), 'fraction');
    assert.match(String(await row.locator('.meta').textContent()), /range 0 to 1/);
    await row.locator('summary').click();
    assert.match(String(await row.locator('blockquote').first().textContent()), /“.+”/);
    assert.equal(await page.inputValue('#runs'), '1000');
    assert.deepEqual(errors, []);
  });

  it('moves a slider with the keyboard, runs, and draws the fan chart with data', async () => {
    await page.fill('#runs', '100');
    await page.focus('#p-taliban_haven');
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    assert.equal(await page.inputValue('#p-taliban_haven-n'), '0.55');
    assert.equal(await page.textContent('#changed-count'), '1 changed');
    assert.match(page.url(), /p\.taliban_haven=0\.55/);
    await page.keyboard.press('Tab');
    await page.focus('#run');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#panels [role=tabpanel]:not([hidden]) canvas');
    assert.match(String(await page.textContent('#status')), /Done: 100 runs/);
    const fan = await chartData(page, '#panels [role=tabpanel]:not([hidden]) figure:nth-of-type(2) canvas');
    assert.deepEqual(
      fan.datasets.map((d) => d.label),
      [
        '5th percentile',
        '90% of runs (5th–95th percentile)',
        '25th percentile',
        '50% of runs (25th–75th percentile)',
        'Median',
      ],
    );
    assert.ok(
      fan.datasets.every((d) => d.points === 41),
      'every band has a value at each of the 41 dates',
    );
    assert.ok(fan.inked > 0.03, `the canvas is drawn (${(fan.inked * 100).toFixed(1)}% inked)`);
    assert.match(String(await page.textContent('#receipts')), /baseline_2016_edited · 100 runs · seed 2016/);

    await page.click('#tab-series-threat');
    const threat = await chartData(page, '#panel-series-threat figure:nth-of-type(2) canvas');
    assert.equal(threat.datasets.length, 5);
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
      /% — (almost no chance|very unlikely|unlikely|roughly even chance|likely|very likely|almost certain) \(\d+–\d+%\)/,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'ui-1280x800-extinction.png') });
  });

  it('draws the first runs over the fans when “Show sample runs” is ticked with the keyboard', async () => {
    await page.click('[role=tab]:first-child');
    const panel = page.locator('#panels [role=tabpanel]:not([hidden])');
    const fanCanvas = '#panels [role=tabpanel]:not([hidden]) figure:nth-of-type(2) canvas';
    assert.equal((await chartData(page, fanCanvas)).datasets.length, 5);
    const box = panel.getByLabel('Show sample runs (first 10)');
    assert.equal(await box.isChecked(), false);
    await box.focus();
    await page.keyboard.press('Space');
    assert.equal(await box.isChecked(), true);
    const fan = await chartData(page, fanCanvas);
    assert.equal(fan.datasets.length, 15, 'ten sample runs join the five fan datasets');
    assert.equal(fan.datasets[5]!.label, 'Sample runs (first 10)');
    assert.ok(fan.datasets.slice(5).every((d) => d.points === 41));
    assert.match(page.url(), /samples=1/);
    assert.match(
      String(await panel.locator('figure').nth(1).locator('caption').textContent()),
      /Sample runs are not tabulated/,
    );
    await panel.locator('figure').nth(1).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'ui-1280x800-samples.png') });
    // One setting for every series tab: the threat tab, drawn earlier, follows it.
    await page.click('#tab-series-threat');
    assert.equal(await page.locator('#panel-series-threat input[type=checkbox]').isChecked(), true);
    assert.equal(
      (await chartData(page, '#panel-series-threat figure:nth-of-type(2) canvas')).datasets.length,
      15,
    );
    await page.locator('#panel-series-threat').getByLabel('Show sample runs (first 10)').uncheck();
    assert.equal(
      (await chartData(page, '#panel-series-threat figure:nth-of-type(2) canvas')).datasets.length,
      5,
    );
    assert.doesNotMatch(page.url(), /samples=1/);
    await page.click('#tab-threshold-extinct');
  });

  it('shows the engine’s range check of an out-of-range value next to the run button', async () => {
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
  });

  it('switches result tabs with the arrow keys', async () => {
    await page.focus('#tab-threshold-extinct');
    await page.keyboard.press('ArrowLeft');
    const selected = await page.getAttribute('[role=tab][aria-selected=true]', 'id');
    assert.notEqual(selected, 'tab-threshold-extinct');
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as Page$).document.activeElement?.id),
      selected,
    );
  });

  it('exports the result as CSV', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Download CSV')]);
    assert.match(download.suggestedFilename(), /\.csv$/);
    const file = join(temp, download.suggestedFilename());
    await download.saveAs(file);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^# oxus: /);
    assert.match(text, /\nkind,output,member,date,statistic,value\n/);
    assert.match(text, /\nseries,threat_/);
  });

  it('compares two scenarios side by side and as a difference', async () => {
    await page.selectOption('#compare', 'haven-ibb-ktj');
    await page.click('#run');
    await page.waitForSelector('#panel-compare canvas');
    await page.waitForFunction(
      () => (globalThis as unknown as Page$).document.querySelectorAll('#panel-compare canvas').length === 3,
    );
    const charts = await page.$$eval('#panel-compare canvas', (cs) => cs.length);
    assert.equal(charts, 3);
    const a = await chartData(page, '#panel-compare figure:nth-of-type(1) canvas');
    const b = await chartData(page, '#panel-compare .grid.pair figure:nth-of-type(2) canvas');
    const diff = await chartData(page, '#panel-compare > div > figure canvas');
    assert.ok(a.datasets.length === 5 && b.datasets.length === 5);
    assert.deepEqual(
      diff.datasets.map((d) => d.label),
      ['Difference of medians', 'Difference of means'],
    );
    assert.ok(diff.datasets.every((d) => d.points === 41));
    assert.match(String(await page.textContent('#receipts')), /haven_ibb_ktj · 100 runs · seed 2016/);
    await page.screenshot({ path: join(ARTIFACTS, 'ui-1280x800-compare.png') });
  });

  it('reproduces the view from its link, also at phone width', async () => {
    const url = page.url();
    assert.match(url, /run=1/);
    const receipt = await page.textContent('#receipts');
    const phone = await context.newPage();
    try {
      phone.setDefaultTimeout(RUN_TIMEOUT);
      await phone.setViewportSize({ width: 375, height: 812 });
      await phone.goto(url);
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
    } finally {
      await phone.close();
    }
  });
});
