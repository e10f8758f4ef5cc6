/**
 * The Forecasts page in headless Chromium: the catalogue with quotes, the scores table and the
 * calibration chart (its points are the API's numbers), the table view of the chart, another scale's
 * words; screenshots in test-artifacts/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { openSession, type Page$, type UiSession } from './uiSession.js';

describe('Forecasts page', () => {
  let s: UiSession;
  let page: Page;
  before(async () => {
    s = await openSession();
    page = await s.page();
  });
  after(async () => {
    await s?.close();
  });

  it('shows the claims, the scores and a calibration chart drawn from the API numbers', async () => {
    await page.goto(`${s.base}/forecasts.html`);
    await page.waitForSelector('#claim-zenn-imu-extinct blockquote');
    assert.match(
      (await page.textContent('#claim-zenn-imu-extinct blockquote')) ?? '',
      /can for the most part now be considered extinct/,
    );
    await page.waitForSelector('#fc-score-table tbody tr');
    const api = await (await page.request.get(`${s.base}/api/forecasts/scores`)).json();
    const modelRow = await page.textContent('#fc-score-table tbody tr:first-child');
    assert.ok(modelRow?.includes(api.scores.model.brier.toFixed(3)), modelRow ?? '');
    const chart = await page.$eval('#fc-scores canvas', (c) => {
      const ch = (globalThis as unknown as Page$).Chart.getChart(c)!;
      return {
        labels: ch.data.datasets.map((d) => d.label),
        model: ch.data.datasets[0]!.data,
        x: ch.options.scales.x!.title.text,
        y: ch.options.scales.y!.title.text,
      };
    });
    assert.deepEqual(chart.labels.slice(0, 3), [
      `model (n ${api.scores.model.n})`,
      `experts (n ${api.scores.experts.n})`,
      `base-rate (n ${api.scores['base-rate'].n})`,
    ]);
    const bins = api.scores.model.calibration.filter((b: { count: number }) => b.count > 0);
    assert.deepEqual(
      chart.model,
      bins.map((b: { meanForecast: number; observed: number; count: number }) => ({
        x: b.meanForecast,
        y: b.observed,
        count: b.count,
      })),
    );
    assert.match(String(chart.x), /Forecast probability/);
    assert.match(String(chart.y), /Observed frequency/);
    await page.click('#fc-scores button[aria-controls$="-table"]');
    assert.match((await page.textContent('#fc-scores figure caption')) ?? '', /count, mean forecast/);
    await page.waitForSelector('#fc-backtest-table tbody tr');
    await s.shot(page, 'forecasts-page');
    await page.selectOption('#fc-scale', 'kent');
    await page.waitForFunction(() =>
      (globalThis as unknown as Page$).document
        .querySelector('#fc-scale-note')
        ?.textContent?.includes('Kent'),
    );
    assert.match((await page.textContent('#claim-azimov-serious-threat')) ?? '', /probable/);
    await s.shot(page, 'forecasts-kent');
    assert.deepEqual(s.errors, []);
  });
});
