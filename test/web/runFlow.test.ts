/**
 * The run flow in headless Chromium: focus after a run, results greyed once the inputs change or a run
 * fails, errors shown once in the drivers' names, the run limit checked before anything is sent, Run and
 * Cancel kept in view, and shared links that name what does not exist refused with a visible message.
 * Each test starts from its own page. Screenshots (looked at while writing these checks) go to
 * test-artifacts/.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSuite, type Page$, waitForDone } from './browser.js';

/** The baseline at 30 runs; with `&run=1` it runs on opening. */
const BASELINE = '/?scenario=baseline-2016&runs=30';

/** Counts the run requests a page sends. */
function countRuns(page: Page): { readonly n: number } {
  const counter = { n: 0 };
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/runs') counter.n++;
  });
  return counter;
}

/** Waits for the final result (not a partial one drawn while the runs go on) and its charts. */
async function finished(page: Page): Promise<void> {
  await waitForDone(page);
  await page.waitForSelector('#panels [role=tabpanel]:not([hidden]) canvas');
}

const staleText = (page: Page) => page.locator('#stale');
const focusedId = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as Page$).document.activeElement?.id);

browserSuite('web UI: the run flow', (ui) => {
  ui.test('moves focus to the results heading after a run', async ({ page }) => {
    await page.goto(`${ui.base}${BASELINE}`);
    await page.waitForSelector('#drivers .param');
    await page.click('#run');
    await finished(page);
    assert.equal(await focusedId(page), 'result-title');
    assert.equal(await staleText(page).isHidden(), true);
  });

  ui.test(
    'greys the results and says “inputs changed: run again” once a driver moves, until the next run',
    async ({ page, shot }) => {
      await page.goto(`${ui.base}${BASELINE}&run=1`);
      await finished(page);
      assert.equal(await staleText(page).isHidden(), true);
      await page.fill('#p-taliban_haven-n', '0.7');
      await page.press('#p-taliban_haven-n', 'Tab');
      assert.match(String(await staleText(page).textContent()), /^Inputs changed: run again\./);
      assert.equal(await page.locator('#results.stale').count(), 1);
      const opacity = await page.$eval(
        '#panels',
        (e) => (globalThis as unknown as Page$).getComputedStyle(e).opacity,
      );
      assert.ok(Number(opacity) < 1, `the old charts are greyed (opacity ${opacity})`);
      await shot('flow-1280-stale');
      await page.click('#run');
      await page.waitForFunction(
        () => !(globalThis as unknown as Page$).document.querySelector('#results.stale'),
      );
      assert.equal(await staleText(page).isHidden(), true);
    },
  );

  ui.test(
    'marks the results stale when a run fails, and shows its error once, naming the driver',
    async ({ page, shot }) => {
      await page.goto(`${ui.base}${BASELINE}&run=1`);
      await finished(page);
      await page.fill('#p-taliban_haven-n', '2');
      await page.press('#p-taliban_haven-n', 'Tab');
      await page.click('#run');
      await page.waitForFunction(
        () => ((globalThis as unknown as Page$).document.querySelector('#errors')?.textContent ?? '') !== '',
      );
      const text = String(await page.textContent('#errors'));
      assert.equal(
        text,
        'The run was refused: Taliban haven: the value is outside its allowed range (allowed: a value in [0, 1]; you gave 2) [E_RANGE]',
      );
      assert.equal(text.split('outside its allowed range').length, 2, 'the problem is said once');
      assert.match(String(await staleText(page).textContent()), /did not finish|Inputs changed/);
      assert.equal(await page.locator('#results.stale').count(), 1);
      await shot('flow-1280-error');
    },
  );

  ui.test('checks the run limit before sending anything', async ({ page }) => {
    await page.goto(`${ui.base}${BASELINE}`);
    await page.waitForSelector('#drivers .param');
    const sent = countRuns(page);
    for (const runs of ['20001', '0', '2.5']) {
      await page.fill('#runs', runs);
      await page.click('#run');
      assert.match(
        String(await page.textContent('#errors')),
        new RegExp(
          `^Runs: the number of runs must be a whole number from 1 to 20,000 \\(you gave ${runs.replace('.', '\\.')}\\)$`,
        ),
      );
    }
    assert.equal(sent.n, 0, 'no run request was sent');
    assert.equal(await focusedId(page), 'runs');
  });

  ui.test(
    'keeps Run and Cancel in view while a driver deep in the list is edited',
    async ({ page, shot }) => {
      await page.goto(`${ui.base}${BASELINE}`);
      await page.waitForSelector('#drivers .param');
      const deep = page.locator('#drivers .param input[type=number]').nth(40);
      await deep.scrollIntoViewIfNeeded();
      await deep.focus();
      for (const id of ['#run', '#cancel']) {
        const box = await page.locator(id).boundingBox();
        assert.ok(
          box && box.y >= 0 && box.y + box.height <= 800,
          `${id} is inside the viewport (y ${box?.y})`,
        );
      }
      await shot('flow-1280-run-bar');
    },
  );

  ui.test(
    'refuses a link naming an unknown scenario, an unknown parameter or runs=0, and runs nothing',
    async ({ context, shot }) => {
      const cases: [string, RegExp][] = [
        [
          'scenario=no-such-thing&run=1',
          /scenario=no-such-thing: there is no such scenario \(known scenarios: .*baseline-2016/,
        ],
        [
          'scenario=baseline-2016&p.talibn_haven=0.9&run=1',
          /p\.talibn_haven: the scenario baseline-2016 has no parameter talibn_haven/,
        ],
        [
          'scenario=baseline-2016&runs=0&run=1',
          /runs=0: the number of runs must be a whole number from 1 to 20,000/,
        ],
      ];
      for (const [query, message] of cases) {
        const tab = await context.newPage();
        const sent = countRuns(tab);
        await tab.goto(`${ui.base}/?${query}`);
        await tab.waitForSelector('#refused:not(:empty)');
        const text = String(await tab.textContent('#refused'));
        assert.match(text, /^This link was refused, so nothing was run:/);
        assert.match(text, message);
        assert.equal(await tab.locator('#refused').isVisible(), true);
        await tab.waitForSelector('#history li', { state: 'attached' });
        assert.equal(sent.n, 0, `${query}: no run request was sent`);
        if (query.includes('runs=0')) await shot('flow-1280-refused-link', tab);
        await tab.close();
      }
    },
  );

  ui.test(
    'on a phone, scrolls to the results heading after a run and focuses it',
    async ({ page, shot }) => {
      await page.goto(`${ui.base}${BASELINE}`);
      await page.waitForSelector('#drivers .param', { state: 'attached' });
      await page.click('#run');
      await finished(page);
      const [focused, top] = await page.evaluate(() => [
        (globalThis as unknown as Page$).document.activeElement?.id,
        (globalThis as unknown as Page$).document.querySelector('#result-title')?.getBoundingClientRect()
          .top ?? -1,
      ]);
      assert.equal(focused, 'result-title');
      assert.ok(Number(top) >= -2 && Number(top) < 80, `the heading is at the top of the screen (${top}px)`);
      await shot('flow-375-after-run');
    },
    { viewport: { width: 375, height: 812 } },
  );
});
