/**
 * Progressive results in headless Chromium: the first fan chart is drawn from the runs finished so far
 * before the run ends, and the final picture carries exactly the numbers of a one-shot run of the same seed.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ARTIFACTS, assertSameNumbers, browserSuite, chartsIn, type Page$, waitForDone } from './browser.js';

const RUNS = 3000;
const SHOWN = '#panels [role=tabpanel]:not([hidden])';

interface Series {
  output: string;
  member?: string;
  percentiles: Record<string, number[]>;
}

/** The page globals read while a partial result is shown (this project compiles without the DOM library). */
interface Storage$ {
  setItem(key: string, value: string): void;
}

interface PartialPage$ {
  readonly document: {
    querySelector(
      s: string,
    ): { getAttribute(name: string): string | null; textContent: string | null } | null;
    querySelectorAll(s: string): Iterable<{ setAttribute(name: string, value: string): void }>;
  };
  readonly Chart: Page$['Chart'];
}

/** What a legend click does to a chart (Chart.js's default handler). */
interface Legend$ {
  setDatasetVisibility(index: number, visible: boolean): void;
  isDatasetVisible(index: number): boolean;
  update(): void;
}

browserSuite('web UI: progressive results', (ui) => {
  ui.test(
    'draws a fan chart before the run ends, refines it, and ends on the one-shot numbers',
    async ({ page, api, results }) => {
      await page.goto(`${ui.base}/?scenario=baseline-2016&runs=${RUNS}&seed=11`);
      await page.waitForSelector('#drivers .param');
      await page.click('#run');
      // A chart drawn from a partial result, while the page still says the run is going. The run count,
      // the status and the fan's datasets are copied in the same turn of the page's event loop that sees
      // the partial result, so a run that ends a moment later cannot swap the picture under the test.
      const snapshot = await page.waitForFunction((sel) => {
        const g = globalThis as unknown as PartialPage$;
        const d = g.document;
        const partial = d.querySelector('#results[data-partial-runs]');
        if (!partial) return null;
        for (const canvas of d.querySelectorAll(`${sel} canvas`)) {
          const chart = g.Chart.getChart(canvas);
          // A fan (its median among its datasets), not the overview of the medians.
          if (!chart?.data.datasets.some((s) => s.label === 'Median')) continue;
          // Marked, to find it again at the end: a refinement updates this chart, it does not replace it.
          canvas.setAttribute('data-probe', 'early');
          // The reader hides the 90% band in the legend, as a click on its entry does.
          const band = chart.data.datasets.findIndex((s) => s.label.startsWith('90% of runs'));
          (chart as unknown as Legend$).setDatasetVisibility(band, false);
          (chart as unknown as Legend$).update();
          return {
            runs: Number(partial.getAttribute('data-partial-runs')),
            status: d.querySelector('#status')?.textContent ?? '',
            datasets: chart.data.datasets.map((s) => ({ label: s.label, data: [...s.data] })),
          };
        }
        return null;
      }, SHOWN);
      const early = await snapshot.jsonValue();
      assert.ok(early, 'a fan chart is drawn from the partial result');
      await page.screenshot({ path: join(ARTIFACTS, 'progressive-partial.png') });
      assert.ok(early.runs > 0 && early.runs < RUNS, `drawn from ${early.runs} of ${RUNS} runs`);
      assert.match(
        early.status,
        /^Simulating: .* Charts show the first [\d,]+ runs \(exact for those runs\)/,
      );

      await waitForDone(page);
      assert.equal(await page.getAttribute('#results', 'data-partial-runs'), null);
      // The run the page followed, and a one-shot run of the same request over the API.
      const shown = await api<{ summary: { series: Series[] } }>(results().at(-1)!);
      const res = await fetch(`${ui.base}/api/runs?wait=true`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ scenario: 'baseline-2016', runs: RUNS, seed: 11 }),
      });
      assert.equal(res.status, 200);
      const { run } = (await res.json()) as { run: { links: { result: string } } };
      const oneShot = await api<{ summary: { series: Series[] } }>(
        new URL(run.links.result, ui.base).pathname,
      );
      assert.deepEqual(shown.summary, oneShot.summary);
      // The final fan's median is the one-shot median of one of its series, number for number.
      const fan = (await chartsIn(page, SHOWN)).find((c) => c?.datasets.some((d) => d.label === 'Median'))!;
      const median = fan.datasets.find((d) => d.label === 'Median')!.data;
      const match = oneShot.summary.series.find((s) =>
        s.percentiles['50']!.every((x, k) => Object.is(x, median[k])),
      );
      assert.ok(match, 'the drawn median is a one-shot median');
      assertSameNumbers(median, match.percentiles['50']!, 'final median');
      assert.notDeepEqual(early.datasets, fan.datasets, 'the picture was refined');
      // Refined in place: the canvas drawn from the partial result is still on the page, and its chart
      // now shows the final numbers.
      const [probe] = await chartsIn(page, `${SHOWN} figure:has(canvas[data-probe="early"])`);
      assert.ok(probe, 'the chart drawn from the partial result is the one refined');
      assert.equal(probe.title, fan.title);
      assertSameNumbers(probe.datasets.find((d) => d.label === 'Median')!.data, median, 'refined median');
      // The band hidden in the legend during the run is still hidden.
      const bandHidden = await page.$eval(`${SHOWN} canvas[data-probe="early"]`, (canvas) => {
        const chart = (globalThis as unknown as PartialPage$).Chart.getChart(canvas)!;
        const band = chart.data.datasets.findIndex((s) => s.label.startsWith('90% of runs'));
        return band >= 0 && !(chart as unknown as Legend$).isDatasetVisible(band);
      });
      assert.ok(bandHidden, 'a line hidden in the legend stays hidden through the refinements');
      // Its table, built when first shown, carries the final numbers too.
      const card = page.locator(`${SHOWN} figure:has(canvas[data-probe="early"])`);
      await card.getByRole('button', { name: 'Show table' }).click();
      const cells = await card.locator('tbody tr td:nth-of-type(3)').allTextContents();
      // Formatted as the page formats them, by the page's own module.
      const expected = await page.evaluate(
        async ([values, base]) => {
          const { formatNumber } = (await import(`${base}/js/format.js`)) as {
            formatNumber: (x: number) => string;
          };
          return (values as number[]).map((x) => formatNumber(x));
        },
        [median, ui.base] as const,
      );
      assert.deepEqual(
        cells,
        expected,
        "the table's median column is the final median, snapshot by snapshot",
      );
    },
  );

  ui.test(
    "follows a class's run through its stream with the browser's token: partial charts, no refused stream",
    async ({ page }) => {
      // A browser whose token is a class participant's: the class's runs are readable only with it.
      const made = await fetch(`${ui.base}/api/classes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Stream seminar' }),
      });
      const { class: made$ } = (await made.json()) as { class: { code: string } };
      const joined = await fetch(`${ui.base}/api/classes/${made$.code}/join`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Ann' }),
      });
      const { token } = (await joined.json()) as { token: string };
      await page.addInitScript((t) => {
        (globalThis as unknown as { localStorage: Storage$ }).localStorage.setItem('oxus.token', t);
      }, token);
      const streams: number[] = [];
      page.on('response', (r) => {
        if (/\/api\/runs\/[^/]+\/events$/.test(new URL(r.url()).pathname)) streams.push(r.status());
      });
      await page.goto(`${ui.base}/?scenario=baseline-2016&runs=${RUNS}&seed=12`);
      await page.waitForSelector('#drivers .param');
      await page.click('#run');
      await page.waitForSelector('#results[data-partial-runs]');
      await waitForDone(page);
      assert.deepEqual(streams, [200], 'one stream, answered 200 (EventSource, without the token, got 404)');
      const runs = (await (
        await fetch(`${ui.base}/api/runs`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as { runs: { classId: string }[] };
      assert.equal(runs.runs[0]?.classId, made$.code, "the run is the class's");
    },
  );

  ui.test(
    'warms Chart.js up at page load on a sized box out of sight, and leaves nothing behind',
    async ({ page }) => {
      // Every chart the page makes, with the box it was drawn in, seen through Chart.js's constructor.
      await page.addInitScript(() => {
        type Made = { box: string; width: number; height: number };
        const g = globalThis as unknown as { Chart?: unknown; madeCharts: Made[] };
        g.madeCharts = [];
        let Chart: unknown;
        Object.defineProperty(g, 'Chart', {
          configurable: true,
          get: () => Chart,
          set(C: new (canvas: { parentElement: { className: string } | null }, config: unknown) => Made) {
            Chart = new Proxy(C, {
              construct(target, args: [{ parentElement: { className: string } | null }, unknown]) {
                const chart = Reflect.construct(target, args) as Made;
                g.madeCharts.push({
                  box: args[0].parentElement?.className ?? '',
                  width: chart.width,
                  height: chart.height,
                });
                return chart;
              },
            });
          },
        });
      });
      await page.goto(`${ui.base}/?scenario=baseline-2016`);
      await page.waitForSelector('#drivers .param');
      const made = await page.waitForFunction(() => {
        const g = globalThis as unknown as { madeCharts: { box: string; width: number; height: number }[] };
        return g.madeCharts.length > 0 ? g.madeCharts : null;
      });
      assert.deepStrictEqual(await made.jsonValue(), [{ box: 'export-stage', width: 600, height: 330 }]);
      const left = await page.evaluate(() => {
        const g = globalThis as unknown as {
          document: { querySelectorAll(s: string): { length: number } };
          Chart: { instances: Record<string, unknown> };
        };
        return {
          boxes: g.document.querySelectorAll('.export-stage, canvas').length,
          charts: Object.keys(g.Chart.instances).length,
        };
      });
      assert.deepStrictEqual(left, { boxes: 0, charts: 0 }, 'no box, canvas or live chart left');
    },
  );
});
