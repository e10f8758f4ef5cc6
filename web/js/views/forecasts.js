/**
 * Views of the Forecasts page: the claims (quote, source, question, reading, resolution), the scores
 * table, the calibration chart (with its table) and the backtest table.
 */
import { colour, whiteBackground } from '../charts.js';
import { addFigure } from '../figure.js';
import { el } from '../format.js';

const pct = (/** @type {number} */ p) => `${Math.round(p * 100)}%`;
const f3 = (/** @type {number|null|undefined} */ x) => (x === null || x === undefined ? '–' : x.toFixed(3));
const ci = (/** @type {[number, number]|null} */ c) => (c ? ` [${f3(c[0])}, ${f3(c[1])}]` : '');
const ARTICLES = /** @type {Record<string, string>} */ ({
  '000': 'J. Zenn, “The IMU is extinct: what next for Central Asia’s jihadis?”, CACI Analyst, 3 May 2016',
  '002': '“Central Asia: Is The IMU Still A Threat To Regional Security?”, RFE/RL, 23 January 2004',
});

/**
 * @param {HTMLElement} parent
 * @param {any} catalogue GET /api/forecasts
 */
export function showClaims(parent, catalogue) {
  parent.replaceChildren(
    ...catalogue.claims.map((/** @type {any} */ c) => {
      const o = c.outcome;
      const source = (/** @type {any} */ s) =>
        'domain' in s
          ? `${s.domain}: ${s.entry}`
          : 'seed' in s
            ? `seed ${s.seed}: “${s.quote}”`
            : JSON.stringify(s);
      return el('article', { class: 'claim', id: `claim-${c.id}` }, [
        el('h3', { text: `${c.who} (${c.date})` }),
        el('p', { class: 'muted', text: c.role }),
        el('blockquote', { text: c.quote }),
        el('p', { class: 'meta', text: `Source: ${ARTICLES[c.seed] ?? `seed ${c.seed}`}` }),
        c.question ? el('p', {}, [el('strong', { text: 'Question: ' }), c.question.text]) : null,
        el('p', {}, [
          el('strong', { text: 'Read as: ' }),
          `“${c.reading.words}” → ${c.reading.label}, ${pct(c.reading.low)}–${pct(c.reading.high)} (${c.expertWords} at the midpoint). ${c.reading.why}`,
        ]),
        c.unresolvable ? el('p', {}, [el('strong', { text: 'Unresolvable: ' }), c.unresolvable]) : null,
        o
          ? el('p', { class: 'outcome' }, [
              el('strong', { text: `Outcome: ${o.outcome} (${o.date}, grade ${o.grade}). ` }),
              source(o.source),
              o.note ? ` Note: ${o.note}` : '',
            ])
          : null,
        c.model
          ? el('p', {
              class: 'meta',
              text: `Model: ${c.model.kind} from ${c.model.scenario}. ${c.model.note}${c.model.inSample ? ` In-sample: ${c.model.inSample}` : ''}`,
            })
          : el('p', { class: 'meta', text: 'Model: no output answers this question.' }),
      ]);
    }),
  );
}

/**
 * A table in a scrolling box: caption, column heads, body rows.
 * @param {string} id
 * @param {string} caption
 * @param {string[]} heads
 * @param {HTMLElement[]} rows
 */
export function dataTable(id, caption, heads, rows) {
  return el('div', { class: 'table-wrap' }, [
    el('table', { id }, [
      el('caption', { text: caption }),
      el('thead', {}, [
        el(
          'tr',
          {},
          heads.map((h) => el('th', { scope: 'col', text: h })),
        ),
      ]),
      el('tbody', {}, rows),
    ]),
  ]);
}

/** The forecasters drawn in the calibration chart (the rest are in the table). */
const CHARTED = ['model', 'experts', 'base-rate'];

/**
 * @param {HTMLElement} parent
 * @param {any} report GET /api/forecasts/scores
 */
export function showScores(parent, report) {
  const rows = Object.entries(report.scores).map(([name, s]) => {
    const sk = /** @type {any} */ (s).brier_skill;
    return el('tr', {}, [
      el('th', { scope: 'row', text: name }),
      el('td', { text: String(/** @type {any} */ (s).n) }),
      el('td', { text: `${f3(/** @type {any} */ (s).brier)}${ci(/** @type {any} */ (s).brier_ci)}` }),
      el('td', { text: `${f3(/** @type {any} */ (s).log)}${ci(/** @type {any} */ (s).log_ci)}` }),
      el('td', { text: sk ? `${f3(sk.value)}${ci(sk.ci)} (n ${sk.n})` : '–' }),
    ]);
  });
  const table = dataTable(
    'fc-score-table',
    'Scores on the resolved claims (lower Brier and log are better; 95% bootstrap intervals)',
    ['forecaster', 'claims', 'Brier', 'log (clipped to 1–99%)', 'Brier skill vs base rate'],
    rows,
  );
  parent.replaceChildren(el('p', { class: 'muted', text: report.method.caution }), table);
  const charted = CHARTED.filter((n) => report.scores[n]).map((n) => ({
    label: `${n} (n ${report.scores[n].n})`,
    name: n,
    bins: report.scores[n].calibration,
  }));
  addCalibrationFigure(
    parent,
    charted,
    `${report.claims.filter((/** @type {any} */ c) => c.outcome).length} resolved claims; point size grows with the count in the bin`,
  );
}

/**
 * A calibration chart (forecast against observed frequency per bin, point size by count, the diagonal of
 * perfect calibration) with the table of its bins.
 * @param {HTMLElement} parent
 * @param {{label: string, name: string, bins: any[]}[]} series
 * @param {string} subtitle
 * @param {string} [title]
 */
export function addCalibrationFigure(
  parent,
  series,
  subtitle,
  title = 'Calibration: how often what was forecast happened',
) {
  /** @type {any[]} */
  const datasets = series.map((sr, i) => ({
    label: sr.label,
    data: sr.bins
      .filter((/** @type {any} */ b) => b.count > 0)
      .map((/** @type {any} */ b) => ({ x: b.meanForecast, y: b.observed, count: b.count })),
    backgroundColor: colour(i, 0.8),
    borderColor: colour(i),
    pointRadius: (/** @type {any} */ ctx) => 4 + 2 * Math.sqrt(ctx.raw?.count ?? 1),
    showLine: false,
    clip: 12, // points at 0% and 100% are drawn whole, over the chart's edge
  }));
  datasets.push({
    label: 'perfect calibration',
    data: [
      { x: 0, y: 0 },
      { x: 1, y: 1 },
    ],
    borderColor: '#999999',
    borderDash: [4, 4],
    pointRadius: 0,
    showLine: true,
  });
  const axis = (/** @type {string} */ text) => ({
    type: 'linear',
    min: 0,
    max: 1,
    title: { display: true, text, color: '#1a1a1a', font: { size: 12, weight: 'bold' } },
    ticks: { color: '#333', callback: (/** @type {number} */ v) => pct(Number(v)) },
  });
  const bins = series[0]?.bins ?? [];
  return addFigure(parent, {
    title,
    subtitle,
    config: {
      type: 'scatter',
      data: { datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: {
          title: { display: true, text: title, font: { size: 15, weight: 'bold' }, color: '#1a1a1a' },
          subtitle: { display: true, text: subtitle, color: '#555', font: { size: 11 } },
          legend: { display: true, position: 'bottom', labels: { color: '#1a1a1a' } },
        },
        scales: {
          x: axis('Forecast probability (mean in the bin)'),
          y: axis('Observed frequency (share that happened)'),
        },
      },
      plugins: [whiteBackground],
    },
    table: {
      caption: `${title}: count, mean forecast and observed frequency per bin`,
      columns: [
        { label: 'bin' },
        ...series.flatMap((sr) => [
          { label: `${sr.name}: count` },
          { label: `${sr.name}: mean forecast`, format: f3 },
          { label: `${sr.name}: observed`, format: f3 },
        ]),
      ],
      rows: bins.map((/** @type {any} */ b, k) => [
        `${pct(b.lower)}–${pct(b.upper)}`,
        ...series.flatMap((sr) => {
          const x = sr.bins[k];
          return x ? [x.count, x.meanForecast, x.observed] : [null, null, null];
        }),
      ]),
    },
  });
}

/**
 * @param {HTMLElement} parent
 * @param {any} report
 */
export function showBacktest(parent, report) {
  const b = report.backtest;
  if (!b) {
    parent.replaceChildren(el('p', { class: 'muted', text: 'No backtest.' }));
    return;
  }
  const num = (/** @type {number} */ x) => Math.round(x).toLocaleString('en-US');
  const rows = b.estimates.map((/** @type {any} */ e) =>
    el('tr', {}, [
      el('th', { scope: 'row', text: `${e.series}, ${e.when} (${e.at})${e.inSample ? ' *' : ''}` }),
      el('td', { text: `${num(e.central)} (${num(e.low)}–${num(e.high)}, ${e.grade})` }),
      el('td', {
        text: `${num(e.median)} [${num(e.band50[0])}–${num(e.band50[1])}] [${num(e.band90[0])}–${num(e.band90[1])}]`,
      }),
      el('td', { text: `${e.covered50 ? 'yes' : 'no'} / ${e.covered90 ? 'yes' : 'no'}` }),
      el('td', { text: `${num(e.crps)} / ${e.crpsPersistence === null ? '–' : num(e.crpsPersistence)}` }),
      el('td', { text: e.pit.toFixed(2) }),
    ]),
  );
  parent.replaceChildren(
    dataTable(
      'fc-backtest-table',
      'Size estimates after January 2004 against the backtest-2004 scenario (* used in setting the model up)',
      [
        'estimate',
        'value (range, grade)',
        'model median [50%] [90%]',
        'in 50% / 90% band',
        'CRPS model / persistence',
        'PIT',
      ],
      rows,
    ),
    el('p', {
      text: `Coverage of ${b.n} estimates: 50% band ${pct(b.coverage50)}, 90% band ${pct(b.coverage90)}. Mean CRPS on the ${b.crps.n} with a persistence value: model ${num(b.crps.model)}, persistence ${num(b.crps.persistence)}. PIT histogram (${b.pit.counts.length} bins): ${b.pit.counts.join(' ')}. ${b.inSample} of ${b.n} estimates are in-sample.`,
    }),
  );
}
