/**
 * The analysis views in headless Chromium, checked against the API's numbers: the compare view's paired
 * comparison (opened on the quantity and date the question names, its headline, the B − A chart and an
 * honest, symmetric axis), the Sensitivity view (ranking bars, a click that opens the driver, the heat map
 * per horizon with its intervals, a design method), the Scenario discovery view (the sentences, the box,
 * the coverage–density trajectory) and the Trace view (a run number, and a click on a sample run). Each view
 * asks the API itself; the test sends the same body and compares. Screenshots go to test-artifacts/.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, assertSameNumbers, browserSuite, chartsIn, type Page$, waitForDone } from './browser.js';

interface Comparison {
  date: string;
  pGreater: number;
  se: { pGreater: number };
  table?: { pA: number; pB: number; diff: number; diffSe: number };
}
interface Factor {
  name: string;
  members?: string[];
  [k: string]: unknown;
}
interface SensitivityJson {
  method: string;
  runs: number;
  parameters: Factor[];
  horizons: { dates: string[]; values: number[][]; low: number[][]; high: number[][] };
}
interface DiscoveryJson {
  runs: number;
  cases: number;
  box: { coverage: number; density: number; restrictions: { parameter: string }[] };
  trajectory: { coverage: number; density: number }[];
  sentences: string[];
}
interface TraceJson {
  run: number;
  story: string[];
  events: unknown[];
}

const two = (x: number) => x.toFixed(2);

/** Waits for the page's POST to `path`, and returns its body and the API's answer to the same body. */
async function samePost<T>(page: Page, base: string, path: string, act: () => Promise<unknown>) {
  const [req] = await Promise.all([page.waitForRequest((r) => new URL(r.url()).pathname === path), act()]);
  const body = req.postData() ?? '{}';
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  assert.equal(res.status, 200, `POST ${path}`);
  return { body: JSON.parse(body) as Record<string, unknown>, answer: (await res.json()) as T };
}

/** The y-axis limits of the first chart under `selector`. */
function yLimits(page: Page, selector: string) {
  return page.$eval(`${selector} canvas`, (canvas) => {
    const chart = (globalThis as unknown as Page$).Chart.getChart(canvas) as unknown as {
      options: { scales: { y: { min: number; max: number } } };
    };
    return { min: chart.options.scales.y.min, max: chart.options.scales.y.max };
  });
}

browserSuite('web UI: analysis views against the API', (ui) => {
  ui.test(
    'compare: paired on common random numbers, at the quantity and date the question names',
    async (t) => {
      const link = `${ui.base}/?scenario=imu-pledge-2015&runs=200&compare=imu-no-pledge&tab=compare&run=1`;
      const { body, answer } = await samePost<{ names: { a: string; b: string }; comparisons: Comparison[] }>(
        t.page,
        ui.base,
        '/api/compare',
        () => t.page.goto(link),
      );
      await waitForDone(t.page);
      await t.page.waitForSelector('#paired[data-ready="true"]');
      // "… would it still be extinct by the end of 2016?": the IMU's extinction at 2016Q4.
      assert.equal(await t.page.inputValue('#compare-channel'), 'threshold:IMU.extinct');
      assert.equal(await t.page.inputValue('#compare-date'), '2016Q4');
      assert.deepEqual(body.a, { scenario: 'imu-pledge-2015', overrides: {} });
      assert.deepEqual(body.b, { scenario: 'imu-no-pledge', overrides: {} });
      assert.equal(body.runs, 200);
      const at = answer.comparisons.find((c) => c.date === '2016Q4')!;
      const tab = at.table!;
      const headline = await t.page.textContent('#paired-headline');
      assert.equal(
        headline,
        `P(Group extinct (fewer than 100 fighters after having had more) — IMU by 2016Q4): ${two(tab.pB)} with imu_no_pledge, ${two(tab.pA)} with imu_pledge_2015; B − A = ${tab.diff >= 0 ? '+' : ''}${two(tab.diff)} ± ${two(tab.diffSe)}`,
      );
      const [paired] = await chartsIn(t.page, '#paired');
      assert.ok(paired, 'the paired chart is drawn');
      const diff = answer.comparisons.map((c) => c.table!.diff);
      assertSameNumbers(
        paired.labels,
        answer.comparisons.map((c) => c.date),
        'dates',
      );
      assertSameNumbers(paired.datasets[2]!.data, diff, 'P(B) − P(A)');
      assertSameNumbers(
        paired.datasets[0]!.data,
        answer.comparisons.map((c) => c.table!.diff - 2 * c.table!.diffSe),
        'lower band',
      );
      const y = await yLimits(t.page, '#paired');
      assert.equal(y.min, -y.max, 'the difference axis is symmetric about 0');
      assert.ok(y.max >= Math.max(...diff.map(Math.abs)), 'and holds every difference');
      await t.page.screenshot({ path: join(ARTIFACTS, 'analysis-compare.png'), fullPage: true });

      // A series: the headline is P(B > A) with its standard error, the fan the per-run difference's.
      const strength = await samePost<{
        comparisons: (Comparison & { diff: { percentiles: Record<string, number> } })[];
      }>(t.page, ui.base, '/api/compare', () =>
        t.page.selectOption('#compare-channel', 'series:IMU.strength'),
      );
      await t.page.waitForSelector('#paired[data-ready="true"]');
      const s = strength.answer.comparisons.find((c) => c.date === '2016Q4')!;
      assert.equal(
        await t.page.textContent('#paired-headline'),
        `P(Strength — IMU is higher with imu_no_pledge than with imu_pledge_2015 at 2016Q4) = ${two(s.pGreater)}${s.pGreater === 1 ? ' (in all 200 runs)' : ` ± ${two(s.se.pGreater)}`}`,
      );
      const [fan] = await chartsIn(t.page, '#paired');
      assertSameNumbers(
        fan!.datasets.find((d) => d.label === 'Median')!.data,
        strength.answer.comparisons.map((c) => c.diff.percentiles['50']),
        'median of B − A',
      );
      const ys = await yLimits(t.page, '#paired');
      assert.equal(ys.min, -ys.max, 'symmetric');
      await t.page.screenshot({ path: join(ARTIFACTS, 'analysis-compare-strength.png'), fullPage: true });
    },
  );

  ui.test('sensitivity: ranking bars, a click opens the driver, the heat map per horizon', async (t) => {
    await t.page.goto(`${ui.base}/?scenario=baseline-2016&runs=200&run=1`);
    await waitForDone(t.page);
    const rank = await samePost<SensitivityJson>(t.page, ui.base, '/api/sensitivity', () =>
      t.page.click('#tab-sensitivity'),
    );
    await t.page.waitForSelector('#sens-out[data-ready="true"]');
    assert.equal(rank.body.method, 'rank');
    const byRho = rank.answer.parameters
      .map((f, i) => ({ f, i, v: Number(f.rho) }))
      .sort((a, b) => Math.abs(b.v) - Math.abs(a.v) || a.i - b.i)
      .slice(0, 15);
    const [bars] = await chartsIn(t.page, '#sens-out .sens-bars');
    assert.deepEqual(
      bars!.labels,
      byRho.map((x) => x.f.name),
      'the bars rank the drivers by |ρ|',
    );
    assertSameNumbers(
      bars!.datasets[0]!.data,
      byRho.map((x) => x.v),
      'ρ of each bar',
    );
    // The heat map: one row per ranked driver, one cell per date.
    const heat = await t.page.$$eval('#sens-heatmap tbody tr', (rows) =>
      rows.map((r) => [
        (r as unknown as { dataset: { name: string } }).dataset.name,
        r.querySelectorAll('td').length,
      ]),
    );
    assert.deepEqual(
      heat,
      byRho.map((x) => [x.f.name, rank.answer.horizons.dates.length]),
    );
    const top = byRho[0]!;
    const firstCell = await t.page.getAttribute('#sens-heatmap tbody tr:first-child td:last-child', 'title');
    assert.ok(firstCell?.startsWith(`${top.f.name} at ${rank.answer.horizons.dates.at(-1)}: `));
    // Per-date intervals: a cell is hatched exactly where the API's 95% interval holds 0.
    const hatched = await t.page.$$eval('#sens-heatmap tbody tr', (rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.classList.contains('unsure'))),
    );
    const h = rank.answer.horizons;
    assert.deepEqual(
      hatched,
      byRho.map((x) => h.dates.map((_, k) => h.low[x.i]![k]! <= 0 && h.high[x.i]![k]! >= 0)),
    );
    assert.ok(hatched.flat().includes(true) && hatched.flat().includes(false), 'some cells of each kind');
    assert.match(
      firstCell ?? '',
      /: -?[\d.,]+ \(95% interval -?[\d.,]+ to -?[\d.,]+(: not told apart from 0)?\)$/,
    );
    await t.page.screenshot({ path: join(ARTIFACTS, 'analysis-sensitivity.png'), fullPage: true });

    // A click on the first bar opens that driver in the drivers panel.
    const barCanvas = t.page.locator('#sens-out .sens-bars canvas');
    await barCanvas.scrollIntoViewIfNeeded();
    const box = (await barCanvas.boundingBox())!;
    const point = await t.page.$eval('#sens-out .sens-bars canvas', (canvas) => {
      const chart = (globalThis as unknown as Page$).Chart.getChart(canvas) as unknown as {
        getDatasetMeta(i: number): { data: { x: number; y: number; base: number }[] };
      };
      const bar = chart.getDatasetMeta(0).data[0]!;
      return { x: (bar.x + bar.base) / 2, y: bar.y };
    });
    await t.page.mouse.click(box.x + point.x, box.y + point.y);
    const name = top.f.members?.[0] ?? top.f.name;
    await t.page.waitForFunction((n) => {
      const row = (globalThis as unknown as Page$).document.querySelector(
        '#drivers .spotlight',
      ) as unknown as {
        dataset: { name: string };
        getBoundingClientRect(): { height: number };
      } | null;
      return row?.dataset.name === n && row.getBoundingClientRect().height > 0;
    }, name);

    // A design method, grouped by driver family.
    await t.page.selectOption('#sens-method', 'morris');
    await t.page.fill('#sens-samples', '4');
    const morris = await samePost<SensitivityJson>(t.page, ui.base, '/api/sensitivity', () =>
      t.page.click('#sens-run'),
    );
    await t.page.waitForFunction(() =>
      /^Done: /.test(
        (globalThis as unknown as Page$).document.querySelector('#sens-status')?.textContent ?? '',
      ),
    );
    assert.equal(morris.body.groupBy, 'family');
    assert.equal(morris.answer.runs, 4 * (morris.answer.parameters.length + 1));
    const [mbars] = await chartsIn(t.page, '#sens-out .sens-bars');
    const muStar = morris.answer.parameters
      .map((f, i) => ({ f, i, v: Number(f.mu_star) }))
      .sort((a, b) => Math.abs(b.v) - Math.abs(a.v) || a.i - b.i)
      .slice(0, 15);
    assertSameNumbers(
      mbars!.datasets[0]!.data,
      muStar.map((x) => x.v),
      'μ* of each bar',
    );
    await t.page.screenshot({ path: join(ARTIFACTS, 'analysis-sensitivity-morris.png'), fullPage: true });
  });

  ui.test('trace: a run number, and a click on a sample run, open the run’s story', async (t) => {
    await t.page.goto(`${ui.base}/?scenario=imu-pledge-2015&runs=100&samples=1&tab=series-strength&run=1`);
    await waitForDone(t.page);
    // Click on a sample run's line: the one drawn for the IMU, at the last date.
    const target = await t.page.$$eval('#panel-series-strength canvas', (canvases) => {
      for (const [n, canvas] of canvases.entries()) {
        const chart = (globalThis as unknown as Page$).Chart.getChart(canvas) as unknown as
          | {
              data: { datasets: { sampleRun?: boolean; data: number[] }[]; labels: unknown[] };
              scales: {
                x: { getPixelForValue(v: number): number };
                y: { getPixelForValue(v: number): number };
              };
            }
          | undefined;
        const sets = chart?.data.datasets ?? [];
        const first = sets.findIndex((d) => d.sampleRun);
        if (!chart || first < 0) continue;
        const k = chart.data.labels.length - 3;
        const s = 2;
        return {
          n,
          s,
          x: chart.scales.x.getPixelForValue(k),
          y: chart.scales.y.getPixelForValue(sets[first + s]!.data[k]!),
        };
      }
      return null;
    });
    assert.ok(target, 'a chart draws sample runs');
    const canvas = t.page.locator('#panel-series-strength canvas').nth(target.n);
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    const clicked = await samePost<TraceJson>(t.page, ui.base, '/api/trace', () =>
      t.page.mouse.click(box.x + target.x, box.y + target.y),
    );
    await t.page.waitForSelector('#trace-out[data-ready]:not([data-ready="failed"])');
    assert.equal(await t.page.getAttribute('#tab-trace', 'aria-selected'), 'true', 'the trace tab opens');
    const run = clicked.answer.run;
    assert.ok(Number.isInteger(run) && run >= 0 && run < 100, `a sample run (${run})`);
    const story = await t.page.locator('#trace-story li').allTextContents();
    assert.deepEqual(story, clicked.answer.story);
    assert.equal(await t.page.inputValue('#trace-run'), String(run));

    // A run number typed in.
    await t.page.fill('#trace-run', '7');
    const typed = await samePost<TraceJson>(t.page, ui.base, '/api/trace', () => t.page.click('#trace-go'));
    await t.page.waitForSelector('#trace-out[data-ready="7"]');
    assert.equal(typed.body.run, 7);
    assert.deepEqual(await t.page.locator('#trace-story li').allTextContents(), typed.answer.story);
    await t.page.click('#trace-out .trace-step:nth-child(5) summary');
    await t.page.waitForSelector('#trace-out .trace-step:nth-child(5) table');
    await t.page.screenshot({ path: join(ARTIFACTS, 'analysis-trace.png'), fullPage: true });
  });
  ui.test('scenario discovery: what the runs of interest share, against the API', async (t) => {
    await t.page.goto(`${ui.base}/?scenario=baseline-2016&runs=200&run=1`);
    await waitForDone(t.page);
    await t.page.click('#tab-discover');
    await t.page.waitForSelector('#disc-run');
    // A series: the condition defaults to the upper quartile of the runs at the date.
    await t.page.selectOption('#disc-output', 's:IBB:strength');
    await t.page.selectOption('#disc-at', '2020Q4');
    assert.equal(await t.page.isHidden('#disc-chance'), true);
    const quartile = Number(await t.page.inputValue('#disc-value'));
    assert.ok(quartile > 0, `the default value ${quartile}`);
    const found = await samePost<DiscoveryJson>(t.page, ui.base, '/api/discover', () =>
      t.page.click('#disc-run'),
    );
    await t.page.waitForSelector('#disc-out[data-ready="true"]');
    assert.deepEqual(found.body, {
      scenario: 'baseline-2016',
      overrides: {},
      runs: 200,
      seed: 2016,
      output: 'strength',
      member: 'IBB',
      at: '2020Q4',
      when: `>= ${quartile}`,
    });
    assert.deepEqual(await t.page.locator('#disc-sentences li').allTextContents(), found.answer.sentences);
    const names = found.answer.box.restrictions.map((x) => x.parameter);
    assert.ok(names.length > 0, 'the box restricts a driver');
    assert.deepEqual(await t.page.locator('#disc-box tbody th').allTextContents(), names);
    // The trajectory: coverage against density of every peeled box, and the chosen one.
    const [chart] = await chartsIn(t.page, '#disc-out');
    const points = (i: number) => chart!.datasets[i]!.data as unknown as { x: number; y: number }[];
    assertSameNumbers(
      points(0).map((p) => p.x),
      found.answer.trajectory.map((b) => b.coverage),
      'coverage',
    );
    assertSameNumbers(
      points(0).map((p) => p.y),
      found.answer.trajectory.map((b) => b.density),
      'density',
    );
    assert.deepEqual(points(2), [{ x: found.answer.box.coverage, y: found.answer.box.density }]);
    assert.deepEqual(chart!.y, {
      type: 'linear',
      title: 'Density: share of the box’s runs of interest',
      min: 0,
      max: 1,
    });
    await t.page.screenshot({ path: join(ARTIFACTS, 'analysis-discovery.png'), fullPage: true });
    // A click on a restricted driver opens it.
    await t.page.click(`#disc-box tbody tr:first-child button`);
    await t.page.waitForFunction(
      (n) =>
        (
          (globalThis as unknown as Page$).document.querySelector('#drivers .spotlight') as unknown as {
            dataset: { name: string };
          } | null
        )?.dataset.name === n,
      names[0]!,
    );
    // A threshold needs no condition; one no run meets is told in the model's terms.
    await t.page.selectOption('#disc-output', 't:IMU:extinct');
    assert.equal(await t.page.isHidden('#disc-value'), true);
    assert.equal(await t.page.isVisible('#disc-chance'), true);
    await t.page.selectOption('#disc-output', 's:IBB:strength');
    await t.page.fill('#disc-value', '1000000');
    await t.page.click('#disc-run');
    await t.page.waitForSelector('#disc-out[data-ready="failed"]', { state: 'attached' });
    assert.match(
      (await t.page.textContent('#disc-status')) ?? '',
      /^Nothing to show: no run of the 200 meets strength of IBB >= 1000000 at 2020Q4/,
    );
  });
});
