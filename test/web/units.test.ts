/**
 * A unit per member in the charts, in headless Chromium, against the API's numbers: Hizb ut-Tahrir's
 * strength is drawn in members on a panel of its own, the armed groups' in fighters, and no chart puts both
 * on one axis; "Same y-axis for every panel" gives the fans of one unit the same top (kept in the link, and
 * followed by every series tab); lines that would hide others are drawn in different dashes and named
 * under the chart. Screenshots at 1280 and 375 px.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { type BrowserTest, browserSuite, chartsIn, type DrawnChart, waitForDone } from './browser.js';

interface Series {
  output: string;
  member?: string;
  label: string;
  unit: string;
  percentiles: Record<string, number[]>;
}
interface Result {
  summary: {
    series: Series[];
    thresholds: { output: string; member?: string; label: string; pBy: number[] }[];
  };
}

const RUN = '/?scenario=baseline-2016&runs=200&run=1';

/** Opens the baseline run and returns the result the page fetched, from the API. */
async function open(t: BrowserTest, base: string, extra = ''): Promise<Result> {
  await t.page.goto(`${base}${RUN}${extra}`);
  await waitForDone(t.page);
  const [path] = t.results();
  assert.ok(path, 'the page fetched a result');
  return t.api<Result>(path);
}

/** Two significant digits, rounded up, as the page's shared top (3,024 → 3,100). */
const roundUp = (x: number) => {
  const unit = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.ceil(x / unit) * unit;
};

const drawn = async (page: Page, tab: string) =>
  (await chartsIn(page, `#panel-${tab}`)).filter((c): c is DrawnChart => c !== null);

browserSuite('web UI: a unit per member in the charts', (ui) => {
  ui.test(
    'draws Hizb ut-Tahrir in members on a panel of its own and the armed groups in fighters',
    async (t) => {
      const { summary } = await open(t, ui.base);
      const strength = summary.series.filter((s) => s.output === 'strength');
      const ht = strength.find((s) => s.member === 'HT');
      assert.equal(ht?.unit, 'members', 'the API counts HT in members');
      assert.ok(strength.filter((s) => s.member !== 'HT').every((s) => s.unit === 'fighters'));
      assert.equal(await t.page.textContent('#panel-series-strength h3'), 'Strength (fighters; HT: members)');
      assert.equal(
        await t.page.textContent('#panel-series-strength .unit-note'),
        'HT is counted in members: on a panel of its own below, never on the fighters axis.',
      );
      const charts = await drawn(t.page, 'series-strength');
      for (const c of charts) {
        const members = c.title === 'Strength — HT';
        assert.equal(c.y.title, members ? 'members' : 'fighters', `${c.title}: its y-axis is in its unit`);
        if (!members) assert.ok(!c.datasets.some((d) => d.label === 'HT'), `${c.title} has no HT line`);
      }
      const overview = charts[0];
      assert.equal(overview?.title, 'Strength: medians, in fighters');
      assert.deepEqual(
        overview.datasets.map((d) => d.label),
        strength.filter((s) => s.unit === 'fighters').map((s) => s.member),
      );
      const htFigure = t.page.locator('#panel-series-strength figure', {
        has: t.page.getByRole('img', { name: /^Strength — HT\./ }),
      });
      await htFigure.getByRole('button', { name: 'Show table' }).click();
      const htTable = htFigure.locator('caption');
      assert.match(
        String(await htTable.textContent()),
        /^Strength — HT: percentiles across runs \(members\)/,
      );
      await t.page.locator('#panel-series-strength h3').scrollIntoViewIfNeeded();
      await t.shot('units-1280-strength');
      await htFigure.scrollIntoViewIfNeeded();
      await t.shot('units-1280-ht-panel');
    },
  );

  ui.test(
    'keeps the units apart on a phone',
    async (t) => {
      await open(t, ui.base);
      const charts = await drawn(t.page, 'series-strength');
      assert.equal(charts.find((c) => c.title === 'Strength — HT')?.y.title, 'members');
      assert.equal(charts[0]?.y.title, 'fighters');
      await t.page.locator('#panel-series-strength h3').scrollIntoViewIfNeeded();
      await t.shot('units-375-strength');
    },
    { viewport: { width: 375, height: 812 } },
  );

  ui.test(
    'puts the fans of one unit on one y-axis, in every series tab, and keeps it in the link',
    async (t) => {
      const { summary } = await open(t, ui.base);
      const strength = summary.series.filter((s) => s.output === 'strength');
      const top = (unit: string) =>
        roundUp(Math.max(...strength.filter((s) => s.unit === unit).flatMap((s) => s.percentiles['95']!)));
      const fans = async (tab: string) =>
        (await drawn(t.page, tab)).filter((c) => c.datasets.some((d) => d.label === 'Median'));
      assert.ok(
        (await fans('series-strength')).every((c) => c.y.max === undefined),
        'each fan its own scale',
      );
      await t.page.getByLabel('Same y-axis for every panel of one unit').check();
      await t.page.waitForURL(/sameY=1/);
      for (const c of await fans('series-strength')) {
        const unit = c.title === 'Strength — HT' ? 'members' : 'fighters';
        assert.equal(c.y.max, top(unit), `${c.title}: the top of the ${unit} fans`);
      }
      await t.shot('units-1280-same-axis');
      // The threat tab, drawn later, starts with the setting on: every country's fan has one top.
      await t.page.click('#tab-series-threat');
      const threat = summary.series.filter((s) => s.output.startsWith('threat_'));
      const threatTop = roundUp(Math.max(...threat.flatMap((s) => s.percentiles['95']!)));
      const threatFans = await fans('series-threat');
      assert.equal(threatFans.length, threat.length);
      assert.deepEqual(
        threatFans.map((c) => c.y.max),
        threat.map(() => threatTop),
      );
      assert.equal(await t.page.getByLabel('Same y-axis for every panel', { exact: true }).isChecked(), true);
      await t.page.locator('#panel-series-threat h3').scrollIntoViewIfNeeded();
      await t.shot('units-1280-threat-same-axis');
      await t.page.getByLabel('Same y-axis for every panel', { exact: true }).uncheck();
      assert.ok((await fans('series-threat')).every((c) => c.y.max === undefined));
      assert.doesNotMatch(t.page.url(), /sameY=1/);
    },
  );

  ui.test(
    'draws lines that would hide others in different dashes and names them under the chart',
    async (t) => {
      const { summary } = await open(t, ui.base);
      for (const tab of ['series-strength', 'series-threat', 'threshold-extinct']) {
        await t.page.click(`#tab-${tab}`);
        for (const c of (await drawn(t.page, tab)).filter(
          (x) => x.type === 'line' && x.datasets.length > 1,
        )) {
          if (c.datasets.some((d) => d.label.endsWith('percentile'))) continue;
          const styles = c.datasets.map((d) => `${d.dash}|${d.width}`);
          assert.equal(new Set(styles).size, styles.length, `${c.title}: every line has a dash of its own`);
          assert.ok(
            c.datasets.at(-1)!.width > c.datasets[0]!.width,
            `${c.title}: the line drawn first (at the bottom) is the widest`,
          );
        }
      }
      // Groups whose extinction curve stays at 0% are named under the chart.
      const zero = summary.thresholds
        .filter((s) => s.output === 'extinct' && s.pBy.every((p) => p === 0))
        .map((s) => s.member ?? s.label);
      const [byDate] = await drawn(t.page, 'threshold-extinct');
      if (zero.length) {
        const names = zero.length === 1 ? zero[0]! : `${zero.slice(0, -1).join(', ')} and ${zero.at(-1)}`;
        assert.ok(
          byDate?.note.includes(
            `${names} ${zero.length === 1 ? 'stays' : 'stay'} at 0% throughout (along the axis)`,
          ),
          `the note names ${names} (${byDate?.note})`,
        );
      } else assert.doesNotMatch(String(byDate?.note), /at 0% throughout/);
      await t.page.locator('#panel-threshold-extinct figure').first().scrollIntoViewIfNeeded();
      await t.shot('units-1280-extinct-note');
    },
  );
});
