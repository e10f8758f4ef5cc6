/**
 * The Sensitivity view: which uncertain drivers move one quantity at one date (`POST /api/sensitivity`),
 * as ranking bars (a click opens that driver in the drivers panel), and per horizon: the method's index
 * of every driver at every date as a heat map (drivers × dates) and the leading drivers' index over time.
 * Rank correlation comes from the scenario's own runs and opens at once; tornado, Morris and Sobol run a
 * design on the server when asked.
 */
import { api } from '../api.js';
import { barChart, colour, lineChart } from '../charts.js';
import { addFigure, destroyChartsIn } from '../figure.js';
import { el, formatNumber } from '../format.js';
import { questionDate } from '../questionFocus.js';
import { analysisSource } from './analysisRequest.js';
import { openDriver } from './openDriver.js';
import { quantitiesOf } from './quantities.js';

/**
 * @typedef {import('./context.js').ViewContext} ViewContext
 * @typedef {import('../api.js').RunRequest} RunRequest
 * @typedef {{name: string, members?: string[], [k: string]: any}} Factor
 * @typedef {{method: string, output: string, member?: string, at: string, runs: number, assumption: string,
 *   parameters: Factor[], r2?: number|null, horizons: {statistic: string, dates: string[], values: number[][], low?: number[][],
 *   high?: number[][], level?: number}}} Answer
 */

/** Drivers shown in the bars and the heat map: the leading ones (the table under the bars has them all). */
const SHOWN = 15;
/** Drivers followed over time in the ranking chart. */
const FOLLOWED = 5;

/** Each method's main statistic, its name for people, and whether it has a sign. */
const STATISTIC = {
  rank: { key: 'rho', label: 'Spearman rank correlation ρ', signed: true },
  tornado: { key: 'swing', label: 'Swing |high − low|, output units', signed: false },
  morris: { key: 'mu_star', label: 'Morris μ* (mean |elementary effect|)', signed: false },
  sobol: { key: 'ST', label: 'Sobol total index ST (bars: S1 and ST)', signed: false },
};

/**
 * @param {string} id
 * @param {string} label
 * @param {HTMLElement} control
 */
const field = (id, label, control) => el('div', {}, [el('label', { for: id, text: label }), control]);

/**
 * Draws the view into `panel`.
 * @param {HTMLElement} panel
 * @param {ViewContext} A
 * @param {RunRequest} request what the shown result ran
 */
export function renderSensitivity(panel, A, request) {
  const { summary } = A.result;
  const quantities = quantitiesOf(summary);
  const option = (/** @type {string} */ value, /** @type {string} */ text) => el('option', { value, text });
  const quantity = el(
    'select',
    { id: 'sens-output' },
    quantities.map((q) => option(q.key, q.label)),
  );
  quantity.value = (quantities.find((q) => /threat/.test(q.output)) ?? quantities[0])?.key ?? '';
  const date = el(
    'select',
    { id: 'sens-at' },
    summary.dates.map((d) => option(d, d)),
  );
  date.value = questionDate(A.result.question ?? '', summary.dates) ?? summary.dates.at(-1) ?? '';
  const method = el('select', { id: 'sens-method' }, [
    option('rank', 'Rank correlation (the runs made)'),
    option('tornado', 'Tornado (one at a time)'),
    option('morris', 'Morris screening'),
    option('sobol', 'Sobol indices'),
  ]);
  const group = el('select', { id: 'sens-group' }, [
    option('family', 'by driver family'),
    option('parameter', 'by parameter table'),
    option('none', 'each entry apart'),
  ]);
  const samples = el('input', {
    id: 'sens-samples',
    type: 'number',
    min: '2',
    step: '1',
    placeholder: 'default',
  });
  const go = el('button', { type: 'button', id: 'sens-run', class: 'primary', text: 'Analyse' });
  const status = el('p', { id: 'sens-status', class: 'status', role: 'status', 'aria-live': 'polite' });
  const out = el('div', { id: 'sens-out' });
  panel.append(
    el('p', {
      class: 'muted',
      text: 'Which uncertain drivers move this quantity, at this date and at every date. Rank correlation reads the runs already made; the other methods run a design of their own on the server (Sobol of a large model takes a while: group the drivers).',
    }),
    el('div', { class: 'picker' }, [
      field('sens-output', 'Quantity', quantity),
      field('sens-at', 'Date', date),
      field('sens-method', 'Method', method),
      field('sens-group', 'Group drivers (design methods)', group),
      field('sens-samples', 'Samples', samples),
      el('div', {}, [go]),
    ]),
    status,
    out,
  );
  const analyse = async () => {
    const q = quantities.find((x) => x.key === quantity.value);
    if (!q) return;
    const n = Number(samples.value);
    const body = {
      ...analysisSource(request),
      output: q.output,
      ...(q.member !== undefined ? { member: q.member } : {}),
      at: date.value,
      method: method.value,
      ...(q.measure === 'time' ? { measure: 'time' } : {}),
      ...(method.value !== 'rank' ? { groupBy: group.value } : {}),
      ...(samples.value.trim() !== '' && Number.isInteger(n) ? { samples: n } : {}),
    };
    go.disabled = true;
    status.textContent = `Analysing ${q.label} at ${date.value}…`;
    delete out.dataset.ready;
    try {
      /** @type {Answer} */
      const answer = await api('/api/sensitivity', { method: 'POST', body });
      destroyChartsIn(out);
      out.replaceChildren();
      drawAnswer(out, A, q.label, answer);
      status.textContent = `Done: ${answer.parameters.length} drivers, ${answer.runs.toLocaleString('en-US')} model evaluations.`;
      out.dataset.ready = 'true';
    } catch (err) {
      status.textContent = `The analysis failed: ${String(/** @type {Error} */ (err).message)}`;
      out.dataset.ready = 'failed';
    } finally {
      go.disabled = false;
    }
  };
  go.addEventListener('click', () => void analyse());
  void analyse();
}

/**
 * @param {HTMLElement} out
 * @param {ViewContext} A
 * @param {string} label
 * @param {Answer} answer
 */
function drawAnswer(out, A, label, answer) {
  const stat = STATISTIC[/** @type {keyof typeof STATISTIC} */ (answer.method)];
  const order = answer.parameters
    .map((f, i) => ({ f, i, v: Number(f[stat.key]) }))
    .sort((x, y) => Math.abs(y.v) - Math.abs(x.v) || x.i - y.i);
  const top = order.slice(0, SHOWN);
  out.append(
    el('p', {
      class: 'muted',
      id: 'sens-assumption',
      text: `${answer.assumption}${answer.r2 != null ? ` R² of the rank regression: ${answer.r2.toFixed(2)}.` : ''}`,
    }),
  );
  addBars(out, A, label, answer, stat, top);
  out.append(heatMap(label, answer, stat, top));
  const title = `${label}: the leading drivers over time`;
  const subtitle = `${stat.label} at every date · ${A.subtitle}`;
  const followed = top.slice(0, FOLLOWED);
  addFigure(out, {
    title,
    subtitle,
    config: lineChart({
      title,
      subtitle,
      xLabel: A.xLabel,
      yLabel: stat.label,
      dates: answer.horizons.dates,
      lines: followed.map((x, k) => ({
        label: x.f.name,
        data: answer.horizons.values[x.i] ?? [],
        colourIndex: k,
      })),
    }),
    table: {
      caption: `${title}: ${stat.label}`,
      columns: [{ label: 'Date' }, ...followed.map((x) => ({ label: x.f.name, format: formatNumber }))],
      rows: answer.horizons.dates.map((d, k) => [
        d,
        ...followed.map((x) => answer.horizons.values[x.i]?.[k]),
      ]),
    },
  });
}

/** The bars' interval, where the method gives one: "[0.21, 0.35]". */
const interval = (/** @type {Factor} */ f, /** @type {string} */ key) => {
  const ci = f[`${key}_ci`];
  return Array.isArray(ci) ? `[${formatNumber(ci[0])}, ${formatNumber(ci[1])}]` : '';
};

/**
 * The ranking bars; a click on a bar opens its driver.
 * @param {HTMLElement} out
 * @param {ViewContext} A
 * @param {string} label
 * @param {Answer} answer
 * @param {{key: string, label: string}} stat
 * @param {{f: Factor, i: number, v: number}[]} top
 */
function addBars(out, A, label, answer, stat, top) {
  const title = `${label} at ${answer.at}: which drivers matter`;
  const subtitle = `${answer.method} · ${answer.runs.toLocaleString('en-US')} model evaluations · ${A.subtitle} · click a bar to open the driver`;
  const config = barChart({
    title,
    subtitle,
    xLabel: stat.label,
    yLabel: 'Uncertain driver',
    labels: top.map((x) => x.f.name),
    data: top.map((x) => x.v),
    colourIndex: 0,
    seriesLabel: answer.method === 'sobol' ? 'Total index ST' : stat.label,
  });
  config.options.indexAxis = 'y';
  const bars = config.data.datasets[0];
  bars.barPercentage = 0.8;
  // The heat map's colours: orange above 0, blue below.
  bars.backgroundColor = top.map((x) => colour(x.v < 0 ? 0 : 1, 0.75));
  bars.borderColor = top.map((x) => colour(x.v < 0 ? 0 : 1));
  if (answer.method === 'sobol')
    config.data.datasets.push({
      label: 'First-order index S1',
      data: top.map((x) => Number(x.f.S1)),
      backgroundColor: colour(1, 0.75),
      borderColor: colour(1),
      borderWidth: 1,
      barPercentage: 0.8,
      categoryPercentage: 1,
    });
  config.options.onClick = (/** @type {any} */ _e, /** @type {any[]} */ hit) => {
    const x = top[hit[0]?.index ?? -1];
    if (x) openDriver(x.f.members?.[0] ?? x.f.name);
  };
  const card = addFigure(out, {
    title,
    subtitle,
    config,
    table: {
      caption: `${title} (every driver)`,
      columns: [
        { label: 'Driver' },
        { label: stat.label, format: formatNumber },
        { label: '95% interval' },
        { label: 'Moves' },
      ],
      rows: answer.parameters
        .map((f) => [f.name, Number(f[stat.key]), interval(f, stat.key), (f.members ?? [f.name]).join(', ')])
        .sort((x, y) => Math.abs(Number(y[1])) - Math.abs(Number(x[1]))),
    },
  });
  card.classList.add('sens-bars');
  // As tall as the drivers need.
  const box = /** @type {HTMLElement|null} */ (card.querySelector('.chart-box'));
  if (box) box.style.height = `${Math.max(320, 110 + 24 * top.length)}px`;
}

/**
 * Drivers × dates, each cell coloured by the index (blue below 0, orange above) and hatched where its 95%
 * interval holds 0, its number and interval in the cell's title and in the text for screen readers.
 * @param {string} label
 * @param {Answer} answer
 * @param {{key: string, label: string, signed: boolean}} stat
 * @param {{f: Factor, i: number}[]} top
 */
function heatMap(label, answer, stat, top) {
  const h = answer.horizons;
  const rows = top.map((x) => h.values[x.i] ?? []);
  const biggest = Math.max(1e-12, ...rows.flat().filter(Number.isFinite).map(Math.abs));
  const level = `${Math.round((h.level ?? 0.95) * 100)}%`;
  const cell = (
    /** @type {number} */ v,
    /** @type {number} */ k,
    /** @type {{f: Factor, i: number}} */ x,
  ) => {
    const d = h.dates[k] ?? '';
    const lo = h.low?.[x.i]?.[k];
    const hi = h.high?.[x.i]?.[k];
    const known = lo !== undefined && hi !== undefined;
    const unsure = known && lo <= 0 && hi >= 0;
    const t = Number.isFinite(v) ? Math.abs(v) / biggest : 0;
    const text = `${x.f.name} at ${d}: ${Number.isFinite(v) ? formatNumber(v) : 'not defined'}${known ? ` (${level} interval ${formatNumber(lo)} to ${formatNumber(hi)}${unsure ? ': not told apart from 0' : ''})` : ''}`;
    const td = el('td', { title: text, ...(unsure ? { class: 'unsure' } : {}) }, [
      el('span', {
        class: 'visually-hidden',
        text: `${formatNumber(v)}${unsure ? ', interval holds 0' : ''}`,
      }),
    ]);
    // Through the CSSOM: the page's Content-Security-Policy refuses style attributes.
    td.style.backgroundColor = colour(v < 0 ? 0 : 1, 0.08 + 0.85 * t);
    return td;
  };
  const dates = answer.horizons.dates;
  return el('figure', { class: 'heatmap', id: 'sens-heatmap' }, [
    el('figcaption', {}, [
      el('strong', { text: `${label}: ${stat.label} at every date` }),
      el('span', {
        class: 'muted',
        text: ` · the leading ${top.length} drivers at ${answer.at}, darker = larger${stat.signed ? '; orange above 0, blue below' : ''}; scale: ±${formatNumber(biggest)}; `,
      }),
      el('span', { class: 'key-unsure', 'aria-hidden': 'true' }),
      el('span', { class: 'muted', text: ` hatched: its ${level} interval holds 0` }),
    ]),
    el('div', { class: 'heatmap-grid' }, [
      el('table', {}, [
        el('thead', {}, [
          el('tr', {}, [
            el('th', { scope: 'col', text: 'Driver' }),
            ...dates.map((d, k) => el('th', { scope: 'col', title: d, text: k % 8 === 0 ? d : '' })),
          ]),
        ]),
        el(
          'tbody',
          {},
          top.map((x, r) =>
            el('tr', { 'data-name': x.f.name }, [
              el('th', { scope: 'row', text: x.f.name }),
              ...dates.map((_, k) => cell(rows[r]?.[k] ?? Number.NaN, k, x)),
            ]),
          ),
        ),
      ]),
    ]),
  ]);
}
