/**
 * The three lessons walked end to end in headless Chromium, as a class would: each lesson page lists its
 * steps, every step's link is followed and the view it opens must come up with its numbers (a run done, a
 * comparison's tab, a technique's answer, the map's node); lesson 1's class is started, joined, forecast and
 * revealed, and its hypotheses weighed. The printed handout leaves the instructor's parts out. Screenshots in test-artifacts/.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS, browserSuite, type Page$, waitForDone } from './browser.js';

/** The step links of the lesson open in `page`, in order. */
async function stepLinks(page: Page): Promise<string[]> {
  return page.$$eval('a.step-link', (as) => as.map((a) => a.getAttribute('href') ?? ''));
}

/** Opens a step's link and waits for what it shows. */
async function follow(page: Page, base: string, href: string): Promise<void> {
  await page.goto(`${base}${href}`);
  const url = new URL(href, base);
  if (url.pathname === '/') {
    await waitForDone(page);
    if (url.searchParams.get('tab') === 'compare')
      assert.equal(
        await page.getAttribute('#tab-compare', 'aria-selected'),
        'true',
        `${href}: the comparison`,
      );
    return;
  }
  const tab = url.searchParams.get('tab') ?? 'map';
  const ready = {
    map: '#tc-map[data-ready]',
    assumptions: '#ka-out[data-ready]',
    condition: '#co-out[data-ready]',
    futures: '#af-out[data-ready]',
    signposts: '#sp-out[data-ready]',
    ach: '#ach-out[data-ready]',
  }[tab];
  assert.ok(ready, `${href}: a tab of the Teaching page`);
  await page.waitForSelector(ready);
}

browserSuite('Lessons', (ui) => {
  ui.test(
    'the lessons page lists three lessons, and a printed lesson leaves the instructor out',
    async (t) => {
      const { page } = t;
      await page.goto(`${ui.base}/lessons/`);
      assert.deepEqual(await page.$$eval('.lesson-list a', (as) => as.map((a) => a.getAttribute('href'))), [
        '1-as-known-in-2004.html',
        '2-the-pledge.html',
        '3-2021.html',
      ]);
      assert.equal(await page.getAttribute('#site-nav a[href="/lessons/"]', 'aria-current'), 'page');
      await page.goto(`${ui.base}/lessons/2-the-pledge.html`);
      assert.equal(await page.isVisible('#l2-h-debrief'), true);
      assert.equal(await page.isVisible('.answer-space'), false, 'no answer space on screen');
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.isVisible('#l2-h-debrief'), false, 'the debrief is not in the handout');
      assert.equal(await page.isVisible('.answer-space'), true, 'room for the answers');
      await page.pdf({ path: join(ARTIFACTS, 'lesson-2-handout.pdf') });
      await t.shot('lesson-2-handout');
    },
  );

  ui.test('lesson 1: the state of 2004, a class forecasts and reveals, then the backtest', async (t) => {
    const { page } = t;
    await page.goto(`${ui.base}/lessons/1-as-known-in-2004.html`);
    const [start2004, backtest, hypotheses] = await stepLinks(page);
    await follow(page, ui.base, start2004!);
    await t.shot('lesson-1-2004');

    const teacher = await t.context.newPage();
    await teacher.goto(`${ui.base}/forecasts.html`);
    await teacher.fill('#cl-title', 'Lesson 1');
    await teacher.click('#cl-start');
    const code = /class=([A-Z2-9]{8})/.exec(
      (await teacher.getAttribute('#cl-teach-link', 'href')) ?? '',
    )?.[1];
    assert.ok(code, 'a class code');
    await page.goto(`${ui.base}/forecasts.html?class=${code}`);
    await page.fill('#cl-name', 'Ada');
    await page.click('#cl-join');
    await page.waitForSelector('#cl-claims li');
    await page.fill('#cl-p-zenn-imu-extinct', '60');
    await page.click('#cl-reveal');
    await page.waitForSelector('#cl-score-table tbody tr');
    assert.match((await page.textContent('#cl-score-table tbody tr:first-child')) ?? '', /you \(Ada\)1/);

    await follow(page, ui.base, backtest!);
    await t.shot('lesson-1-backtest');
    await follow(page, ui.base, hypotheses!);
    assert.deepEqual(
      await page.$$eval('#ach-hypotheses tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-name'))),
      ['absorbed', 'extinct', 'none of these'],
    );
    await t.shot('lesson-1-hypotheses');
  });

  ui.test('lesson 2: the paired comparison, the mechanism on the map, the key assumptions', async (t) => {
    const { page } = t;
    await page.goto(`${ui.base}/lessons/2-the-pledge.html`);
    const links = await stepLinks(page);
    assert.equal(links.length, 3);
    await follow(page, ui.base, links[0]!);
    const headline = await page.textContent('#panel-compare');
    assert.match(headline ?? '', /extinct/i);
    await t.shot('lesson-2-pair');
    await follow(page, ui.base, links[1]!);
    assert.equal(await page.textContent('#tc-node-title'), 'Taliban retaliation');
    await follow(page, ui.base, links[2]!);
    const first = await page.$eval('#ka-table tbody tr', (tr) => tr.getAttribute('data-name'));
    const lesson = await (await fetch(`${ui.base}/lessons/2-the-pledge.html`)).text();
    assert.match(
      lesson,
      new RegExp(`data-path="parameters\\.name=${first}\\.rank" data-as="number">1<`),
      'the debrief names the first-ranked parameter',
    );
    await t.shot('lesson-2-assumptions');
  });

  ui.test('lesson 3: the return, four futures, a signpost', async (t) => {
    const { page } = t;
    await page.goto(`${ui.base}/lessons/3-2021.html`);
    const links = await stepLinks(page);
    assert.equal(links.length, 3);
    for (const href of links) await follow(page, ui.base, href);
    assert.match((await page.textContent('#co-status')) ?? '', /^\d+ of 1,000 runs are consistent/);
    await t.shot('lesson-3-signpost');
    const stray = await page.evaluate(
      () => (globalThis as unknown as Page$).document.querySelectorAll('.errors li').length,
    );
    assert.equal(stray, 0);
  });
});
