/**
 * Signposts and competing hypotheses on the Teaching page in headless Chromium, each opened from a link
 * that asks its question at once and checked against the API's answer for the same body: the signposts in
 * the API's order with their sentences; the ACH matrix's cells and ratings, and the hypotheses' updated
 * probabilities, then again with the evidence unticked (the prior comes back). Screenshots in
 * test-artifacts/.
 */
import assert from 'node:assert/strict';
import { formatNumber, formatPercent } from '../../src/present/format.js';
import { browserSuite } from './browser.js';

browserSuite('Teaching page: signposts and competing hypotheses', (ui) => {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${ui.base}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(res.status, 200, `POST ${path}`);
    // biome-ignore lint/suspicious/noExplicitAny: the tests read the answers' fields freely
    return (await res.json()) as Record<string, any>;
  };

  ui.test('signposts: the ranking and sentences of the API for the future asked in the link', async (t) => {
    const { page } = t;
    const q = `scenario=baseline-2016&output=strength&member=IBB&at=2026Q2&when=${encodeURIComponent('>= 1000')}&by=2018Q2&runs=200`;
    await page.goto(`${ui.base}/teaching.html?tab=signposts&${q}&ask=1`);
    await page.waitForSelector('#sp-out[data-ready]');
    const api = await post('/api/signposts', {
      scenario: 'baseline-2016',
      output: 'strength',
      member: 'IBB',
      at: '2026Q2',
      runs: 200,
      seed: '2016',
      when: '>= 1000',
      by: '2018Q2',
    });
    const rows = await page.$$eval('#sp-table tbody th', (ths) => ths.map((th) => th.textContent));
    assert.deepEqual(
      rows,
      api.signposts.map((s: { text: string }) => s.text),
    );
    assert.deepEqual(await page.locator('#sp-sentences li').allTextContents(), api.sentences);
    assert.match(
      (await page.textContent('#sp-status')) ?? '',
      new RegExp(`^P\\(future\\) = ${formatPercent(api.prior.p)} ± `),
    );
    await t.shot('teaching-signposts');
  });

  ui.test(
    'competing hypotheses: the matrix and the update of the API, and the prior back when nothing is seen',
    async (t) => {
      const { page } = t;
      const hypotheses = [
        { name: 'absorbed', output: 'absorbed_into_iskp', member: 'IMU', at: '2016Q2' },
        { name: 'extinct', output: 'extinct', member: 'IMU', at: '2016Q2' },
      ];
      const evidence = [{ output: 'pledge_isis', member: 'IMU', at: '2015Q4', happened: true }];
      const link = `hyp=${encodeURIComponent(JSON.stringify(hypotheses))}&obs=${encodeURIComponent(JSON.stringify(evidence))}`;
      await page.goto(`${ui.base}/teaching.html?tab=ach&scenario=backtest-blind&runs=400&${link}&ask=1`);
      await page.waitForSelector('#ach-out[data-ready]');
      const body = { scenario: 'backtest-blind', runs: 400, seed: '2004', hypotheses, evidence, seen: [1] };
      const api = await post('/api/ach', body);
      const cells = await page.$$eval('#ach-matrix tbody td', (tds) => tds.map((td) => td.textContent));
      const row = api.evidence[0];
      assert.deepEqual(
        cells.slice(0, row.cells.length),
        row.cells.map(
          (c: { p: number; rating: string | null }) =>
            `${formatNumber(c.p)}${c.rating ? ` ${c.rating}` : ''}`,
        ),
      );
      const posteriors = await page.$$eval('#ach-hypotheses td.posterior', (tds) =>
        tds.map((td) => td.textContent),
      );
      assert.deepEqual(
        posteriors.map((p) => p?.split(' ± ')[0]),
        api.hypotheses.map((h: { posterior: { p: number } }) => formatPercent(h.posterior.p)),
      );
      await t.shot('teaching-ach');
      await page.uncheck('#ach-e-0-seen');
      await page.click('#ach-go');
      await page.waitForSelector('#ach-out[data-ready]');
      const unseen = await post('/api/ach', { ...body, seen: [] });
      const now = await page.$$eval('#ach-hypotheses td.posterior', (tds) =>
        tds.map((td) => td.textContent?.split(' ± ')[0]),
      );
      assert.deepEqual(
        now,
        unseen.hypotheses.map((h: { prior: { p: number } }) => formatPercent(h.prior.p)),
      );
      assert.equal(new URL(page.url()).searchParams.get('seen'), null, 'nothing seen: no seen= in the link');
    },
  );
});
