/**
 * The run flow in headless Chromium: focus after a run, results greyed once the inputs change or a run
 * fails, errors shown once in the drivers' names, the run limit checked before anything is sent, Run and
 * Cancel kept in view, and shared links that name what does not exist refused with a visible message.
 * Screenshots (looked at while writing these checks) go to test-artifacts/.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { waitForDone } from './browser.js';
import { type Page$, sessionFor } from './uiSession.js';

/** Counts the run requests a page sends. */
function countRuns(page: Page): { readonly n: number } {
  const counter = { n: 0 };
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/runs') counter.n++;
  });
  return counter;
}

const staleText = (page: Page) => page.locator('#stale');

describe('web UI: the run flow', () => {
  const s = sessionFor('/?scenario=baseline-2016&runs=30');

  it('moves focus to the results heading after a run', async () => {
    await s.page.click('#run');
    // The final result, not a partial one drawn while the runs go on.
    await waitForDone(s.page);
    await s.page.waitForSelector('#panels [role=tabpanel]:not([hidden]) canvas');
    assert.equal(
      await s.page.evaluate(() => (globalThis as unknown as Page$).document.activeElement?.id),
      'result-title',
    );
    assert.equal(await staleText(s.page).isHidden(), true);
  });

  it('greys the results and says “inputs changed: run again” once a driver moves, until the next run', async () => {
    await s.page.fill('#p-taliban_haven-n', '0.7');
    await s.page.press('#p-taliban_haven-n', 'Tab');
    assert.match(String(await staleText(s.page).textContent()), /^Inputs changed: run again\./);
    assert.equal(await s.page.locator('#results.stale').count(), 1);
    const opacity = await s.page.$eval(
      '#panels',
      (e) => (globalThis as unknown as Page$).getComputedStyle(e).opacity,
    );
    assert.ok(Number(opacity) < 1, `the old charts are greyed (opacity ${opacity})`);
    await s.ui.shot(s.page, 'flow-1280-stale');
    await s.page.click('#run');
    await s.page.waitForFunction(
      () => !(globalThis as unknown as Page$).document.querySelector('#results.stale'),
    );
    assert.equal(await staleText(s.page).isHidden(), true);
  });

  it('marks the results stale when a run fails, and shows its error once, naming the driver', async () => {
    await s.page.fill('#p-taliban_haven-n', '2');
    await s.page.press('#p-taliban_haven-n', 'Tab');
    await s.page.click('#run');
    await s.page.waitForFunction(
      () => ((globalThis as unknown as Page$).document.querySelector('#errors')?.textContent ?? '') !== '',
    );
    const text = String(await s.page.textContent('#errors'));
    assert.equal(
      text,
      'The run was refused: Taliban haven: the value is outside its allowed range (allowed: a value in [0, 1]; you gave 2) [E_RANGE]',
    );
    assert.equal(text.split('outside its allowed range').length, 2, 'the problem is said once');
    assert.match(String(await staleText(s.page).textContent()), /did not finish|Inputs changed/);
    assert.equal(await s.page.locator('#results.stale').count(), 1);
    await s.ui.shot(s.page, 'flow-1280-error');
    await s.page.fill('#p-taliban_haven-n', '0.5');
    await s.page.press('#p-taliban_haven-n', 'Tab');
  });

  it('checks the run limit before sending anything', async () => {
    const sent = countRuns(s.page);
    for (const runs of ['20001', '0', '2.5']) {
      await s.page.fill('#runs', runs);
      await s.page.click('#run');
      assert.match(
        String(await s.page.textContent('#errors')),
        new RegExp(
          `^Runs: the number of runs must be a whole number from 1 to 20,000 \\(you gave ${runs.replace('.', '\\.')}\\)$`,
        ),
      );
    }
    assert.equal(sent.n, 0, 'no run request was sent');
    assert.equal(
      await s.page.evaluate(() => (globalThis as unknown as Page$).document.activeElement?.id),
      'runs',
    );
    await s.page.fill('#runs', '30');
  });

  it('keeps Run and Cancel in view while a driver deep in the list is edited', async () => {
    const deep = s.page.locator('#drivers .param input[type=number]').nth(40);
    await deep.scrollIntoViewIfNeeded();
    await deep.focus();
    for (const id of ['#run', '#cancel']) {
      const box = await s.page.locator(id).boundingBox();
      assert.ok(box && box.y >= 0 && box.y + box.height <= 800, `${id} is inside the viewport (y ${box?.y})`);
    }
    await s.ui.shot(s.page, 'flow-1280-run-bar');
  });

  it('refuses a link naming an unknown scenario, an unknown parameter or runs=0, and runs nothing', async () => {
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
      const tab = await s.ui.page();
      const sent = countRuns(tab);
      await tab.goto(`${s.ui.base}/?${query}`);
      await tab.waitForSelector('#refused:not(:empty)');
      const text = String(await tab.textContent('#refused'));
      assert.match(text, /^This link was refused, so nothing was run:/);
      assert.match(text, message);
      assert.equal(await tab.locator('#refused').isVisible(), true);
      await tab.waitForSelector('#history li', { state: 'attached' });
      assert.equal(sent.n, 0, `${query}: no run request was sent`);
      if (query.includes('runs=0')) await s.ui.shot(tab, 'flow-1280-refused-link');
      await tab.close();
    }
  });

  it('on a phone, scrolls to the results heading after a run and focuses it', async () => {
    const phone = await s.ui.page(375, 812);
    await phone.goto(`${s.ui.base}/?scenario=baseline-2016&runs=30`);
    await phone.waitForSelector('#drivers .param', { state: 'attached' });
    await phone.click('#run');
    // The final result, not a partial one drawn while the runs go on.
    await waitForDone(phone);
    await phone.waitForSelector('#panels [role=tabpanel]:not([hidden]) canvas');
    const [focused, top] = await phone.evaluate(() => [
      (globalThis as unknown as Page$).document.activeElement?.id,
      (globalThis as unknown as Page$).document.querySelector('#result-title')?.getBoundingClientRect().top ??
        -1,
    ]);
    assert.equal(focused, 'result-title');
    assert.ok(Number(top) >= -2 && Number(top) < 80, `the heading is at the top of the screen (${top}px)`);
    await s.ui.shot(phone, 'flow-375-after-run');
    await phone.close();
  });

  it('had no s.page errors', () => {
    assert.deepEqual(s.ui.errors, []);
  });
});
