/**
 * Results views in headless Chromium, checked against the API's numbers: a unit per member (Hizb
 * ut-Tahrir's members on a panel of their own, never on the armed groups' fighter axis), probabilities with
 * their Wilson 95% intervals and words whose range holds them ("> 98.1% (in all 200 runs)"), the events
 * table sorted with never-happened events folded away and no scroll box of its own, a shared y-axis option
 * for the country panels, and coinciding lines told apart. Screenshots at 1280 and 375 px.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describeProbability } from '../../src/analysis/estimative.js';
import { wilsonInterval } from '../../src/analysis/wilson.js';
import { ARTIFACTS, browserSuite, chartsIn, waitForDone } from './browser.js';

interface SeriesJson {
  output: string;
  member?: string;
  unit: string;
  percentiles: Record<string, number[]>;
}
interface ResultJson {
  receipt: { runs: number };
  summary: {
    series: SeriesJson[];
    thresholds: { output: string; member?: string; pBy: number[] }[];
    events: { event: string; member?: string; label: string; pBy: number[] }[];
  };
}

/** The y-axis (title, top) and dash patterns of each chart under `selector`. */
function axesIn(page: Page, selector: string) {
  interface Drawn {
    options: { scales: { y: { title: { text: string | string[] }; max?: number } } };
    data: { datasets: { borderDash?: number[] }[] };
  }
  return page.$$eval(`${selector} canvas`, (canvases) =>
    canvases.map((c) => {
      const chart = (globalThis as unknown as { Chart: { getChart(c: unknown): Drawn } }).Chart.getChart(c);
      const t = chart.options.scales.y.title.text;
      return {
        y: Array.isArray(t) ? t.join(' ') : t,
        max: chart.options.scales.y.max,
        dashes: chart.data.datasets.map((d) => JSON.stringify(d.borderDash ?? [])),
      };
    }),
  );
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

  ui.test('draws a unit per member: Hizb ut-Tahrir’s members on a panel of their own', async (t) => {
    const result = await open(t);
    const strength = result.summary.series.filter((s) => s.output === 'strength');
    assert.deepEqual(
      strength.map((s) => `${s.member}:${s.unit}`),
      ['IMU:fighters', 'KTJ:fighters', 'IBB:fighters', 'TIP:fighters', 'ISKP:fighters', 'HT:members'],
    );
    const panel = '#panel-series-strength';
    assert.equal(await t.page.textContent(`${panel} h3`), 'Strength (fighters; HT: members)');
    const charts = await chartsIn(t.page, panel);
    const axes = await axesIn(t.page, panel);
    assert.equal(charts[0]?.title, 'Strength: medians, in fighters');
    assert.deepEqual(
      charts[0]?.datasets.map((d) => d.label),
      ['IMU', 'KTJ', 'IBB', 'TIP', 'ISKP'],
    );
    assert.equal(axes[0]?.y, 'fighters');
    assert.equal(charts[1]?.title, 'Strength: medians, in members');
    assert.deepEqual(
      charts[1]?.datasets.map((d) => d.label),
      ['HT'],
    );
    assert.equal(axes[1]?.y, 'members');
    assert.deepEqual(charts[1]?.datasets[0]?.data, strength[5]?.percentiles['50']);
    const fans = charts.slice(2).map((c, i) => `${c?.title}:${axes[i + 2]?.y}`);
    assert.deepEqual(
      fans,
      strength.map((s) => `Strength — ${s.member}:${s.unit}`),
    );
    assert.equal(new Set(axes[0]?.dashes).size, 5, 'five lines, five dash patterns: none hides another');
    await t.page.screenshot({ path: join(ARTIFACTS, 'results-1280-strength-units.png'), fullPage: true });
  });

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

  ui.test('puts the country panels on one y-axis on request', async (t) => {
    const result = await open(t);
    await t.page.click('#tab-series-threat');
    const panel = '#panel-series-threat';
    const before = (await axesIn(t.page, panel)).slice(1).map((a) => a.max);
    assert.ok(
      before.every((m) => m === undefined),
      'each panel scaled to its own data at first',
    );
    await t.page.locator(panel).getByLabel('Same y-axis for every panel (of one unit)').check();
    const after = (await axesIn(t.page, panel)).slice(1).map((a) => a.max);
    const top = Math.max(
      ...result.summary.series
        .filter((s) => s.output.startsWith('threat_'))
        .flatMap((s) => s.percentiles['95']!),
    );
    assert.equal(new Set(after).size, 1, `one top for every country (${after.join(', ')})`);
    assert.ok(
      after[0]! >= top && after[0]! < top * 1.1,
      `the top ${after[0]} covers the largest 95th percentile ${top}`,
    );
    await t.page.screenshot({ path: join(ARTIFACTS, 'results-1280-threat-shared-axis.png'), fullPage: true });
  });
});
