/**
 * Results views in headless Chromium, checked against the API's numbers (the unit per member, the shared
 * y-axis and lines hiding others are in units.test.ts): probabilities with
 * their Wilson 95% intervals and words whose range holds them ("> 98.1% (in all 200 runs)"), the events
 * table sorted with never-happened events folded away and no scroll box of its own. Screenshots at 1280
 * and 375 px.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describeProbability } from '../../src/analysis/estimative.js';
import { wilsonInterval } from '../../src/analysis/wilson.js';
import { ARTIFACTS, browserSuite, waitForDone } from './browser.js';

interface SeriesJson {
  output: string;
  member?: string;
  unit: string;
}
interface ResultJson {
  receipt: { runs: number };
  summary: {
    series: SeriesJson[];
    thresholds: { output: string; member?: string; pBy: number[] }[];
    events: { event: string; member?: string; label: string; pBy: number[] }[];
  };
}

const LINK = '/?scenario=baseline-2016&runs=200&run=1';

browserSuite('web UI: results views', (ui) => {
  /** Opens the link, waits for the run, and returns the result the page fetched. */
  const open = async (t: { page: Page; api: <T>(p: string) => Promise<T>; results(): string[] }) => {
    await t.page.goto(`${ui.base}${LINK}`);
    await waitForDone(t.page);
    const path = t.results()[0];
    assert.ok(path, 'the page fetched a result');
    return t.api<ResultJson>(path);
  };

  ui.test('gives each probability its Wilson 95% interval and words whose range holds it', async (t) => {
    const result = await open(t);
    await t.page.click('#tab-threshold-extinct');
    const runs = result.receipt.runs;
    const items = await t.page.locator('#panel-threshold-extinct .summary-list li').allTextContents();
    const extinct = result.summary.thresholds.filter((s) => s.output === 'extinct');
    assert.equal(items.length, extinct.length);
    extinct.forEach((s, i) => {
      const p = s.pBy.at(-1)!;
      const k = Math.round(p * runs);
      const [lo, hi] = wilsonInterval(k, runs);
      const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 || x > 0.9 ? 1 : 0)}%`;
      const expected =
        k === 0
          ? `< ${pct(hi)} (in none of ${runs} runs)`
          : k === runs
            ? `> ${pct(lo)} (in all ${runs} runs)`
            : `(95% interval ${pct(lo)}–${pct(hi)})`;
      assert.ok(items[i]!.includes(expected), `${items[i]} has ${expected}`);
      assert.ok(items[i]!.includes(describeProbability(p)), `${items[i]} has its words`);
    });
    // The IMU is extinct in every run by 2026: 100% is "over 95%", never "95–99%".
    assert.match(items[0]!, /^IMU: > 98\.1% \(in all 200 runs\) — almost certain \(over 95%\)/);
  });

  ui.test(
    'sorts the events table, folds away the events that never happened, with no scroll box',
    async (t) => {
      const result = await open(t);
      await t.page.click('#tab-events');
      const rows = await t.page.$$eval('#panel-events > .table-plain > .events-table tbody tr', (trs) =>
        trs.map((tr) => (tr as unknown as { innerText: string }).innerText.split('\t')),
      );
      const ends = result.summary.events.map((e) => e.pBy.at(-1)!);
      const happened = result.summary.events.filter((e) => e.pBy.some((p) => p > 0));
      assert.equal(rows.length, happened.length, 'one row per event that happened in some run');
      const shown = rows.map((r) => Number(/^(\d+)%/.exec(r[1] ?? '')?.[1] ?? -1));
      assert.deepEqual(
        [...shown].sort((a, b) => b - a),
        shown,
        'most likely first',
      );
      const never = ends.filter((p) => p === 0).length;
      assert.equal(
        await t.page.textContent('#panel-events details.never > summary'),
        `${never} events happened in no run (< 1.9% (in none of 200 runs) each)`,
      );
      assert.equal(await t.page.getAttribute('#panel-events details.never', 'open'), null, 'folded away');
      const style = await t.page.$eval('#panel-events > .table-plain', (e) => {
        const cs = (
          globalThis as unknown as { getComputedStyle(e: unknown): { overflowY: string; maxHeight: string } }
        ).getComputedStyle(e);
        return `${cs.overflowY} ${cs.maxHeight}`;
      });
      assert.equal(style, 'visible none', 'no nested scroll box');
      await t.page.locator('#panel-events h3').scrollIntoViewIfNeeded();
      await t.page.screenshot({ path: join(ARTIFACTS, 'results-1280-events.png') });
    },
  );

  ui.test(
    'shows the events table’s numbers on a phone without sideways scrolling',
    async (t) => {
      await open(t);
      await t.page.click('#tab-events');
      const overflow = await t.page.evaluate(() => {
        const g = globalThis as unknown as {
          document: { documentElement: { scrollWidth: number } };
          innerWidth: number;
        };
        return g.document.documentElement.scrollWidth - g.innerWidth;
      });
      assert.ok(overflow <= 0, `no sideways scrolling (${overflow}px)`);
      const cell = t.page.locator('#panel-events .events-table tbody tr').first().locator('td').first();
      const box = await cell.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 375, `the probability is on screen (x ${box?.x})`);
      await t.page.locator('#panel-events h3').scrollIntoViewIfNeeded();
      await t.page.screenshot({ path: join(ARTIFACTS, 'results-375-events.png') });
    },
    { viewport: { width: 375, height: 812 } },
  );
});
