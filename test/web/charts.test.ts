/**
 * The numbers in the charts, read from each chart's Chart.js instance, against the run's summary fetched
 * from the API (by the test, not through the page), to the last bit: the median and bands of each member,
 * the threat per country, the probability curves, who leads, the histogram, and the compare view's
 * paired fan of B − A (against POST /api/compare) and difference (median B − median A). Each chart is matched by position and title, so a chart fed the wrong
 * member's series, a swapped percentile, a truncated series or a wrong difference fails.
 */
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  assertSameNumbers,
  type BrowserTest,
  browserSuite,
  chartsIn,
  type DrawnChart,
  waitForDone,
} from './browser.js';

interface Series {
  output: string;
  member?: string;
  label: string;
  unit: string;
  mean: number[];
  percentiles: Record<string, number[]>;
}
interface Probability {
  output?: string;
  event?: string;
  member?: string;
  label: string;
  pBy: number[];
  pAt?: number[];
}
interface Summary {
  dates: string[];
  series: Series[];
  thresholds: Probability[];
  events: Probability[];
  leaders: { output: string; label: string; share: Record<string, number[]> }[];
  snapshots: { date: string; point: number; histograms: Record<string, { count: number }[]> }[];
}
interface Result {
  receipt: { runs: number; scenario?: string };
  summary: Summary;
}

/** What a chart should show: its title and each dataset's label and numbers. */
interface Expected {
  title: string | RegExp;
  datasets: { label: string; data: readonly unknown[] }[];
}

const RUN = '/?scenario=baseline-2016&runs=200&run=1';
const name = (s: { member?: string; label: string }) =>
  s.member !== undefined ? `${s.label} — ${s.member}` : s.label;

/** A fan: the 90% band between the 5th and 95th percentiles, the 50% band, then the median. */
function fan(s: Series): Expected {
  const p = s.percentiles;
  return {
    title: name(s),
    datasets: [
      { label: '5th percentile', data: p['5']! },
      { label: '90% of runs (5th–95th percentile)', data: p['95']! },
      { label: '25th percentile', data: p['25']! },
      { label: '50% of runs (25th–75th percentile)', data: p['75']! },
      { label: 'Median', data: p['50']! },
    ],
  };
}

/** Compares the drawn charts with the expected ones: as many, in order, each dataset to the last bit. */
function assertCharts(drawn: (DrawnChart | null)[], expected: Expected[], dates: readonly unknown[]): void {
  assert.equal(drawn.length, expected.length, 'as many charts as expected');
  expected.forEach((e, i) => {
    const c = drawn[i];
    assert.ok(c, `chart ${i} is drawn`);
    if (typeof e.title === 'string') assert.equal(c.title, e.title, `chart ${i}'s title`);
    else assert.match(c.title, e.title, `chart ${i}'s title`);
    assertSameNumbers(c.labels, dates, `${c.title}: dates`);
    assert.deepEqual(
      c.datasets.map((d) => d.label),
      e.datasets.map((d) => d.label),
      `${c.title}: datasets`,
    );
    e.datasets.forEach((d, k) => {
      assertSameNumbers(c.datasets[k]!.data, d.data, `${c.title}: ${d.label}`);
    });
  });
}

/** Opens the baseline run at a tab and returns the summary of the run the page fetched, from the API. */
async function open(t: BrowserTest, base: string, tab: string, extra = ''): Promise<Result[]> {
  await t.page.goto(`${base}${RUN}&tab=${tab}${extra}`);
  await waitForDone(t.page);
  const paths = t.results();
  assert.ok(paths.length >= 1, 'the page fetched a result');
  return Promise.all(paths.map((p) => t.api<Result>(p)));
}

const panel = (page: Page, id: string) => chartsIn(page, `#panel-${id}`);

browserSuite('web UI: chart numbers against the API', (ui) => {
  ui.test('strength: the medians of the groups counted in fighters, and each group’s fan', async (t) => {
    const [a] = await open(t, ui.base, 'series-strength');
    const { summary } = a!;
    const items = summary.series.filter((s) => s.output === 'strength');
    assert.ok(items.length > 1 && items.every((s) => s.member !== undefined));
    // Hizb ut-Tahrir is counted in members: its fan is its panel, and the overview holds the fighters only.
    const fighters = items.filter((s) => s.unit === 'fighters');
    assert.deepEqual(
      items.filter((s) => s.unit !== 'fighters').map((s) => [s.member, s.unit]),
      [['HT', 'members']],
    );
    assertCharts(
      await panel(t.page, 'series-strength'),
      [
        {
          title: 'Strength: medians, in fighters',
          datasets: fighters.map((s) => ({ label: s.member!, data: s.percentiles['50']! })),
        },
        ...items.map(fan),
      ],
      summary.dates,
    );
  });

  ui.test('threat: the median per country, and each country’s fan', async (t) => {
    const [a] = await open(t, ui.base, 'series-threat');
    const { summary } = a!;
    const items = summary.series.filter((s) => s.output.startsWith('threat_'));
    assert.ok(items.length >= 4, 'a threat index per country');
    // The overview names each country by what follows the group's title: "Threat index - Uzbekistan".
    const country = (s: Series) => s.label.replace(/^Threat index[\s\-–—:,]+/, '');
    assertCharts(
      await panel(t.page, 'series-threat'),
      [
        {
          title: 'Threat index: medians',
          datasets: items.map((s) => ({ label: country(s), data: s.percentiles['50']! })),
        },
        ...items.map(fan),
      ],
      summary.dates,
    );
  });

  ui.test('extinction: the probability by and at each date, per group', async (t) => {
    const [a] = await open(t, ui.base, 'threshold-extinct');
    const { summary } = a!;
    const items = summary.thresholds.filter((s) => s.output === 'extinct');
    const curves = (key: 'pBy' | 'pAt') => items.map((s) => ({ label: s.member ?? s.label, data: s[key]! }));
    assertCharts(
      await panel(t.page, 'threshold-extinct'),
      [
        { title: /probability it has happened by each date$/, datasets: curves('pBy') },
        { title: /probability it holds at each date$/, datasets: curves('pAt') },
      ],
      summary.dates,
    );
  });

  ui.test('events: the probability of each event that happened, per group', async (t) => {
    const [a] = await open(t, ui.base, 'events');
    const { summary } = a!;
    const events = [...new Set(summary.events.map((e) => e.event))];
    const expected = events.flatMap((event) => {
      const seen = summary.events.filter((e) => e.event === event && e.pBy.some((p) => p > 0));
      if (seen.length === 0) return [];
      return [
        {
          title: `${seen[0]!.label}: probability it has happened by each date`,
          datasets: seen.map((e) => ({ label: e.member ?? e.label, data: e.pBy })),
        },
      ];
    });
    assert.ok(expected.length >= 2, 'some events happened in some runs');
    assertCharts(await panel(t.page, 'events'), expected, summary.dates);
  });

  ui.test('who leads: the share of runs of each group', async (t) => {
    const [a] = await open(t, ui.base, 'leader-uzbek_mantle');
    const { summary } = a!;
    const leader = summary.leaders.find((l) => l.output === 'uzbek_mantle');
    assert.ok(leader);
    assertCharts(
      await panel(t.page, 'leader-uzbek_mantle'),
      [
        {
          title: `${leader.label}: share of runs`,
          datasets: Object.entries(leader.share).map(([m, share]) => ({ label: m, data: share })),
        },
      ],
      summary.dates,
    );
  });

  ui.test('histogram: each bin’s share is its count over the runs', async (t) => {
    const [a] = await open(t, ui.base, 'histogram');
    const { summary, receipt } = a!;
    const [drawn] = await panel(t.page, 'histogram');
    assert.ok(drawn);
    const snap = summary.snapshots.find((s) => drawn.title.includes(` at ${s.date}:`));
    const key = Object.keys(snap?.histograms ?? {}).find((k) => {
      const s = summary.series.find(
        (x) => (x.member !== undefined ? `${x.member}.${x.output}` : x.output) === k,
      );
      return s !== undefined && drawn.title.startsWith(`${name(s)} at `);
    });
    assert.ok(snap && key, `the histogram (${drawn.title}) shows a snapshot of a series`);
    const bins = snap.histograms[key]!;
    assert.equal(
      bins.reduce((n, b) => n + b.count, 0),
      receipt.runs,
      'the bins hold every run',
    );
    assertSameNumbers(
      drawn.datasets[0]!.data,
      bins.map((b) => b.count / receipt.runs),
      `${drawn.title}: shares`,
    );
  });

  ui.test(
    'compare: the paired fan of B − A, A’s and B’s fans, and the difference median B − median A',
    async (t) => {
      // The page pairs the two runs through POST /api/compare; the test sends the same body itself.
      const compareRequest = t.page.waitForRequest((r) => new URL(r.url()).pathname === '/api/compare');
      // The two results arrive in either order: A is the baseline, B the scenario compared with it.
      const both = await open(t, ui.base, 'compare', '&compare=haven-ibb-ktj');
      assert.equal(both.length, 2, 'both scenarios ran');
      const a = both.find((r) => r.receipt.scenario === 'baseline_2016');
      const b = both.find((r) => r.receipt.scenario === 'haven_ibb_ktj');
      assert.ok(a && b, 'A is the baseline and B the haven scenario');
      await t.page.waitForSelector('#panel-compare #paired[data-ready="true"]');
      const paired = await fetch(`${ui.base}/api/compare`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: (await compareRequest).postData() ?? '{}',
      });
      assert.equal(paired.status, 200);
      const { comparisons } = (await paired.json()) as {
        comparisons: { date: string; diff: { percentiles: Record<string, number> } }[];
      };
      assert.deepEqual(
        comparisons.map((c) => c.date),
        a.summary.dates,
        'paired at every date',
      );
      const diffAt = (p: string) => comparisons.map((c) => c.diff.percentiles[p]!);
      const drawn = await panel(t.page, 'compare');
      const key = String(await t.page.inputValue('#compare-channel'));
      const output = key.replace(/^series:/, '');
      const pick = (r: Result) => r.summary.series.find((s) => s.output === output && s.member === undefined);
      const sa = pick(a);
      const sb = pick(b);
      assert.ok(sa && sb, `the compared quantity (${key}) is a series of both`);
      assert.deepEqual(a.summary.dates, b.summary.dates, 'the same dates');
      const minus = (x: number[], y: number[]) => {
        assert.equal(x.length, y.length);
        return y.map((v, k) => v - x[k]!);
      };
      assertCharts(
        drawn,
        [
          {
            title: `${name(sa)}: B − A run by run`,
            datasets: [
              { label: '5th percentile', data: diffAt('5') },
              { label: '90% of runs (5th–95th percentile)', data: diffAt('95') },
              { label: '25th percentile', data: diffAt('25') },
              { label: '50% of runs (25th–75th percentile)', data: diffAt('75') },
              { label: 'Median', data: diffAt('50') },
            ],
          },
          fan(sa),
          fan(sb),
          {
            title: `${name(sa)}: B − A`,
            datasets: [
              { label: 'Difference of medians', data: minus(sa.percentiles['50']!, sb.percentiles['50']!) },
              { label: 'Difference of means', data: minus(sa.mean, sb.mean) },
            ],
          },
        ],
        a.summary.dates,
      );
    },
  );
});
