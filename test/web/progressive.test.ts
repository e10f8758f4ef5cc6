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

browserSuite('web UI: progressive results', (ui) => {
  ui.test(
    'draws a fan chart before the run ends, refines it, and ends on the one-shot numbers',
    async ({ page, api, results }) => {
      await page.goto(`${ui.base}/?scenario=baseline-2016&runs=${RUNS}&seed=11`);
      await page.waitForSelector('#drivers .param');
      await page.click('#run');
      // A chart drawn from a partial result, while the page still says the run is going.
      await page.waitForFunction((sel) => {
        const d = (globalThis as unknown as Page$).document;
        return (
          d.querySelector('#results[data-partial-runs]') && d.querySelectorAll(`${sel} canvas`).length > 0
        );
      }, SHOWN);
      const partialRuns = Number(await page.getAttribute('#results', 'data-partial-runs'));
      const status = String(await page.textContent('#status'));
      await page.screenshot({ path: join(ARTIFACTS, 'progressive-partial.png') });
      assert.ok(partialRuns > 0 && partialRuns < RUNS, `drawn from ${partialRuns} of ${RUNS} runs`);
      assert.match(status, /^Simulating: .* Charts show the first [\d,]+ runs \(exact for those runs\)/);
      const early = (await chartsIn(page, SHOWN)).find((c) => c?.datasets.length === 5);
      assert.ok(early, 'a fan chart is drawn from the partial result');

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
      const fan = (await chartsIn(page, SHOWN)).find((c) => c?.datasets.length === 5)!;
      const median = fan.datasets.find((d) => d.label === 'Median')!.data;
      const match = oneShot.summary.series.find((s) =>
        s.percentiles['50']!.every((x, k) => Object.is(x, median[k])),
      );
      assert.ok(match, 'the drawn median is a one-shot median');
      assertSameNumbers(median, match.percentiles['50']!, 'final median');
      assert.notDeepEqual(early.datasets, fan.datasets, 'the picture was refined');
    },
  );
});
