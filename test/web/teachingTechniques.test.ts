/**
 * The computed techniques on the Teaching page in headless Chromium, each opened from a link that asks
 * its question at once (as a lesson's step does) and checked against the API's answer for the same body:
 * the key assumptions table in rank order with the graded-only answer, conditioning on an observation
 * written in the link, and the four alternative futures with their narratives. Screenshots in
 * test-artifacts/.
 */
import assert from 'node:assert/strict';
import { formatNumber, formatPercent } from '../../src/present/format.js';
import { browserSuite } from './browser.js';

interface Outcome {
  kind: 'series' | 'indicator';
  mean: number;
  median?: number;
  p5?: number;
  p95?: number;
}

/** The UI's words for an outcome start with these numbers (web/js/views/teachOutcome.js). */
const outcomeStart = (o: Outcome) =>
  o.kind === 'indicator'
    ? `probability ${formatPercent(o.mean)} ± `
    : `median ${formatNumber(o.median!)} (90% of runs ${formatNumber(o.p5!)} to ${formatNumber(o.p95!)}); mean ${formatNumber(o.mean)} ± `;

browserSuite('Teaching page: techniques', (ui) => {
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

  ui.test(
    'key assumptions: the table in the ranks of the API, and the answer on graded evidence only',
    async (t) => {
      const { page } = t;
      const q = 'scenario=imu-pledge-2015&output=extinct&member=IMU&at=2016Q4&runs=200';
      await page.goto(`${ui.base}/teaching.html?tab=assumptions&${q}&ask=1`);
      await page.waitForSelector('#ka-out[data-ready]');
      assert.doesNotMatch(new URL(page.url()).search, /ask=1/, 'asked once, not on every reload');
      const api = await post('/api/assumptions', {
        scenario: 'imu-pledge-2015',
        output: 'extinct',
        member: 'IMU',
        at: '2016Q4',
        runs: 200,
        seed: '2014',
      });
      const ranked = [...api.parameters].sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9));
      const shown = await page.$$eval('#ka-table tbody tr:not([hidden])', (trs) =>
        trs.map((tr) => tr.getAttribute('data-name')),
      );
      assert.deepEqual(
        shown,
        ranked.slice(0, shown.length).map((p) => p.name),
      );
      assert.ok(shown.length >= 15);
      const sensitive = api.parameters.filter((p: { sensitive: boolean }) => p.sensitive).length;
      assert.equal(
        await page.textContent('#ka-status'),
        `${api.parameters.length} parameters; ${sensitive} sensitive (|ρ| ≥ ${api.sensitiveAt.toFixed(2)}), 0 flagged.`,
      );
      const graded = await page.textContent('#ka-graded');
      assert.ok(graded?.includes(outcomeStart(api.gradedOnly.scenario)), graded ?? '');
      assert.ok(graded?.includes(outcomeStart(api.gradedOnly.gradedOnly)), graded ?? '');
      await t.shot('teaching-key-assumptions');
      await page.click('#ka-more');
      assert.equal(await page.locator('#ka-table tbody tr:not([hidden])').count(), api.parameters.length);
    },
  );

  ui.test(
    'conditioning: an observation from the link, the answer over the consistent runs as the API gives it',
    async (t) => {
      const { page } = t;
      const observations = [{ output: 'strength', member: 'KTJ', at: '2022Q1', between: [800, 1000] }];
      const q = 'scenario=taliban-return-2021&output=strength&member=KTJ&at=2026Q2&runs=300';
      await page.goto(
        `${ui.base}/teaching.html?tab=condition&${q}&obs=${encodeURIComponent(JSON.stringify(observations))}&ask=1`,
      );
      await page.waitForSelector('#co-out[data-ready]');
      const api = await post('/api/condition', {
        scenario: 'taliban-return-2021',
        output: 'strength',
        member: 'KTJ',
        at: '2026Q2',
        runs: 300,
        seed: '2016',
        observations,
      });
      assert.equal(
        await page.textContent('#co-status'),
        `${formatNumber(api.consistentRuns)} of 300 runs are consistent with what was seen; ${formatNumber(api.effectiveRuns)} effective runs.`,
      );
      assert.ok((await page.textContent('#co-posterior'))?.startsWith(outcomeStart(api.posterior)));
      assert.equal(await page.inputValue('#co-0-a'), '800');
      await page.click('#co-add');
      await page.selectOption('#co-1-output', 'extinct');
      await page.selectOption('#co-1-member', 'IMU');
      await page.selectOption('#co-1-at', '2017Q1');
      assert.deepEqual(await page.$$eval('#co-1-how option', (os) => os.map((o) => o.textContent)), [
        'had happened',
        'had not happened',
      ]);
      await page.click('#co-go');
      await page.waitForSelector('#co-out[data-ready]');
      assert.equal(await page.locator('#co-each li').count(), 2);
      const link = new URL(page.url()).searchParams.get('obs');
      assert.deepEqual(JSON.parse(link ?? '[]')[1], {
        output: 'extinct',
        member: 'IMU',
        at: '2017Q1',
        happened: true,
      });
      await t.shot('teaching-conditioning');
    },
  );

  ui.test('alternative futures: the 2×2 of the API, with narratives and paired effects', async (t) => {
    const { page } = t;
    const q =
      'scenario=taliban-return-2021&output=threat_tajikistan&at=2026Q2&runs=200&drivers=afghan_pull,border_security';
    await page.goto(`${ui.base}/teaching.html?tab=futures&${q}&ask=1`);
    await page.waitForSelector('#af-out[data-ready]');
    const api = await post('/api/futures', {
      scenario: 'taliban-return-2021',
      output: 'threat_tajikistan',
      at: '2026Q2',
      runs: 200,
      seed: '2016',
      drivers: [{ name: 'afghan_pull' }, { name: 'border_security' }],
    });
    for (const [i, f] of api.futures.entries()) {
      const cell = await page.textContent(`#af-grid td[data-levels="${f.levels.join('-')}"]`);
      assert.ok(cell?.startsWith(outcomeStart(f.outcome)), cell ?? '');
      assert.ok(cell?.includes(api.narratives[i]), 'the narrative');
    }
    const effects = await page.textContent('#af-effects');
    assert.ok(
      effects?.includes(`Interaction (HH − HL) − (LH − LL): ${formatNumber(api.effects.interaction.mean)}`),
      effects ?? '',
    );
    await t.shot('teaching-futures');
  });
});
