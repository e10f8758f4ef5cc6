/**
 * The Scenario discovery view: what the runs of interest share (`POST /api/discover`). Pick a quantity, a
 * date and a condition ("IBB's strength at least 1,500 at 2020Q4", or a threshold or event that has
 * happened by the date); the server finds the PRIM box of parameter ranges where those runs are dense.
 * Shown as the server's sentences, the box's restrictions (a click on a parameter opens that driver), and
 * the peeling trajectory: the coverage–density trade-off, with the chosen box marked.
 */
import { api } from '../api.js';
import { colour, lineChart } from '../charts.js';
import { addFigure, destroyChartsIn } from '../figure.js';
import { el, formatNumber, formatPercent } from '../format.js';
import { questionDate } from '../questionFocus.js';
import { analysisSource } from './analysisRequest.js';
import { openDriver } from './openDriver.js';
import { quantitiesOf } from './quantities.js';

/**
 * @typedef {import('./context.js').ViewContext} ViewContext
 * @typedef {import('../api.js').RunRequest} RunRequest
 * @typedef {{coverage: number, density: number, support: number, runs: number, cases: number}} BoxStats
 * @typedef {{parameter: string, low?: number, high?: number, range: [number, number],
 *   densityWithout: number, coverageWithout: number, pValue: number}} Restriction
 * @typedef {{output: string, member?: string, at: string, runs: number, cases: number,
 *   when: {op: string, value: number}, options: {minDensity: number},
 *   box: BoxStats & {restrictions: Restriction[]}, trajectory: (BoxStats & {restricted: number})[],
 *   chosen: number, sentences: string[]}} Answer
 */

/** The comparisons a condition on a series may use, in words. */
const OPS = [
  ['>=', 'at least'],
  ['>', 'above'],
  ['<=', 'at most'],
  ['<', 'below'],
];

/**
 * @param {string} id
 * @param {string} label
 * @param {HTMLElement} control
 */
const field = (id, label, control) => el('div', {}, [el('label', { for: id, text: label }), control]);

/** A default threshold: the upper quartile of the runs at the date, to 3 significant digits. */
const upperQuartile = (/** @type {number|undefined} */ v) =>
  v === undefined || !Number.isFinite(v) ? '' : String(Number(v.toPrecision(3)));

/**
 * Draws the view into `panel`.
 * @param {HTMLElement} panel
 * @param {ViewContext} A
 * @param {RunRequest} request what the shown result ran
 */
export function renderDiscovery(panel, A, request) {
  const { summary } = A.result;
  const quantities = quantitiesOf(summary).filter((q) => q.measure === 'value');
  const option = (/** @type {string} */ value, /** @type {string} */ text) => el('option', { value, text });
  const quantity = el(
    'select',
    { id: 'disc-output' },
    quantities.map((q) => option(q.key, q.label)),
  );
  quantity.value = (quantities.find((q) => /threat/.test(q.output)) ?? quantities[0])?.key ?? '';
  const date = el(
    'select',
    { id: 'disc-at' },
    summary.dates.map((d) => option(d, d)),
  );
  date.value = questionDate(A.result.question ?? '', summary.dates) ?? summary.dates.at(-1) ?? '';
  const op = el(
    'select',
    { id: 'disc-op' },
    OPS.map(([v, words]) => option(v ?? '', words ?? '')),
  );
  const value = el('input', { id: 'disc-value', type: 'number', step: 'any' });
  const density = el('input', {
    id: 'disc-density',
    type: 'number',
    min: '0.01',
    max: '1',
    step: '0.01',
    placeholder: '0.8',
  });
  const go = el('button', { type: 'button', id: 'disc-run', class: 'primary', text: 'Find what they share' });
  const status = el('p', { id: 'disc-status', class: 'status', role: 'status', 'aria-live': 'polite' });
  const out = el('div', { id: 'disc-out' });
  const condition = el('div', { class: 'disc-condition' }, [
    field('disc-op', 'Runs where the value is', op),
    field('disc-value', 'Value', value),
  ]);
  const chanceNote = el('p', {
    class: 'muted',
    id: 'disc-chance',
    text: 'Runs of interest: those where it has happened by the date.',
  });
  panel.append(
    el('p', {
      class: 'muted',
      text: 'What do the runs of interest share? Scenario discovery (PRIM, Friedman & Fisher 1999) looks for ranges of the uncertain drivers inside which those runs are dense, from the runs already made.',
    }),
    el('div', { class: 'picker' }, [
      field('disc-output', 'Quantity', quantity),
      field('disc-at', 'Date', date),
      condition,
      field('disc-density', 'Density wanted in the box', density),
      el('div', {}, [go]),
    ]),
    chanceNote,
    status,
    out,
  );
  let edited = false;
  value.addEventListener('input', () => {
    edited = true;
  });
  // A series takes a condition (by default its upper quartile at the date); a threshold or event has happened or not.
  const fit = () => {
    const q = quantities.find((x) => x.key === quantity.value);
    const series = q?.kind === undefined;
    condition.hidden = !series;
    chanceNote.hidden = series;
    if (!series || edited) return;
    const s = summary.series.find((x) => x.output === q?.output && x.member === q?.member);
    value.value = upperQuartile(s?.percentiles['75']?.[summary.dates.indexOf(date.value)]);
  };
  quantity.addEventListener('change', () => {
    edited = false;
    fit();
  });
  date.addEventListener('change', fit);
  fit();
  const discover = async () => {
    const q = quantities.find((x) => x.key === quantity.value);
    if (!q) return;
    const series = q.kind === undefined;
    const d = Number(density.value);
    if (series && (value.value.trim() === '' || !Number.isFinite(Number(value.value)))) {
      status.textContent = 'Give the value the runs of interest reach (a number).';
      return;
    }
    const body = {
      ...analysisSource(request),
      output: q.output,
      ...(q.member !== undefined ? { member: q.member } : {}),
      at: date.value,
      ...(series ? { when: `${op.value} ${Number(value.value)}` } : {}),
      ...(density.value.trim() !== '' && d > 0 && d <= 1 ? { minDensity: d } : {}),
    };
    go.disabled = true;
    status.textContent = `Looking for what the runs where ${q.label} ${series ? `is ${op.selectedOptions[0]?.text ?? op.value} ${value.value}` : 'has happened'} at ${date.value} share…`;
    delete out.dataset.ready;
    try {
      /** @type {Answer} */
      const answer = await api('/api/discover', { method: 'POST', body });
      destroyChartsIn(out);
      out.replaceChildren();
      drawAnswer(out, A, q.label, answer);
      status.textContent = `Done: ${answer.cases.toLocaleString('en-US')} runs of interest of ${answer.runs.toLocaleString('en-US')}, a box of ${answer.box.restrictions.length} restriction${answer.box.restrictions.length === 1 ? '' : 's'}.`;
      out.dataset.ready = 'true';
    } catch (err) {
      destroyChartsIn(out);
      out.replaceChildren();
      status.textContent = `Nothing to show: ${String(/** @type {Error} */ (err).message)}`;
      out.dataset.ready = 'failed';
    } finally {
      go.disabled = false;
    }
  };
  go.addEventListener('click', () => void discover());
}

/**
 * @param {HTMLElement} out
 * @param {ViewContext} A
 * @param {string} label
 * @param {Answer} answer
 */
function drawAnswer(out, A, label, answer) {
  out.append(
    el(
      'ul',
      { id: 'disc-sentences', class: 'story' },
      answer.sentences.map((s) => el('li', { text: s })),
    ),
  );
  if (answer.box.restrictions.length > 0) out.append(restrictionTable(answer.box.restrictions));
  addTrajectory(out, A, label, answer);
}

/** A bound, or an empty cell where the box does not restrict that side. */
const bound = (/** @type {number|undefined} */ x) => (x === undefined ? '' : formatNumber(x));

/**
 * The box's restrictions; each parameter's name opens its driver.
 * @param {Restriction[]} restrictions
 */
function restrictionTable(restrictions) {
  const head = [
    'Driver',
    'From',
    'To',
    'Drawn from',
    'Share of interest without it',
    'Coverage without it',
    'p',
  ];
  return el('table', { id: 'disc-box', class: 'data' }, [
    el('caption', { text: 'The box: the ranges it keeps (a click on a driver opens it)' }),
    el('thead', {}, [
      el(
        'tr',
        {},
        head.map((h) => el('th', { scope: 'col', text: h })),
      ),
    ]),
    el(
      'tbody',
      {},
      restrictions.map((x) => {
        const open = el('button', { type: 'button', class: 'link', text: x.parameter });
        open.addEventListener('click', () => openDriver(x.parameter));
        return el('tr', { 'data-name': x.parameter }, [
          el('th', { scope: 'row' }, [open]),
          el('td', { text: bound(x.low) }),
          el('td', { text: bound(x.high) }),
          el('td', { text: `${formatNumber(x.range[0])} to ${formatNumber(x.range[1])}` }),
          el('td', { text: formatPercent(x.densityWithout) }),
          el('td', { text: formatPercent(x.coverageWithout) }),
          el('td', { text: formatNumber(x.pValue) }),
        ]);
      }),
    ),
  ]);
}

/**
 * The peeling trajectory: each box's coverage (share of the runs of interest it keeps) against its density
 * (share of its runs that are of interest), with the share among all runs and the chosen box.
 * @param {HTMLElement} out
 * @param {ViewContext} A
 * @param {string} label
 * @param {Answer} answer
 */
function addTrajectory(out, A, label, answer) {
  const title = `${label} at ${answer.at}: coverage against density`;
  const subtitle = `each box peeling kept, from all runs (right) to the smallest (left) · the chosen box after pasting marked · ${A.subtitle}`;
  const base = answer.cases / answer.runs;
  const config = lineChart({
    title,
    subtitle,
    xLabel: 'Coverage: share of the runs of interest inside the box',
    yLabel: 'Density: share of the box’s runs of interest',
    percent: true,
    yMin: 0,
    yMax: 1,
    dates: [],
    lines: [
      {
        label: 'Boxes on the way',
        data: /** @type {any} */ (answer.trajectory.map((b) => ({ x: b.coverage, y: b.density }))),
        colourIndex: 0,
      },
      {
        label: `All runs (${formatPercent(base)} of interest)`,
        data: /** @type {any} */ ([
          { x: 0, y: base },
          { x: 1, y: base },
        ]),
        colourIndex: 2,
        dashed: true,
      },
    ],
  });
  const [trajectory] = config.data.datasets;
  trajectory.pointRadius = 3;
  trajectory.borderDash = [];
  trajectory.borderWidth = 2;
  config.data.datasets.push({
    label: 'Chosen box',
    data: [{ x: answer.box.coverage, y: answer.box.density }],
    borderColor: colour(1),
    backgroundColor: colour(1),
    pointRadius: 9,
    pointStyle: 'rectRot',
    borderWidth: 2,
    showLine: false,
  });
  config.options.interaction = { mode: 'nearest', intersect: false };
  config.options.scales.x = {
    ...config.options.scales.x,
    type: 'linear',
    min: 0,
    max: 1,
    ticks: { ...config.options.scales.x.ticks, callback: (/** @type {number} */ v) => formatPercent(v) },
  };
  config.options.plugins.tooltip.callbacks = {
    label: (/** @type {any} */ c) =>
      `${c.dataset.label}: coverage ${formatPercent(c.parsed.x)}, density ${formatPercent(c.parsed.y)}`,
  };
  addFigure(out, {
    title,
    subtitle,
    config,
    table: {
      caption: `${title}: every box on the peeling trajectory`,
      columns: [
        { label: 'Step' },
        { label: 'Drivers restricted' },
        { label: 'Coverage', format: formatPercent },
        { label: 'Density', format: formatPercent },
        { label: 'Share of all runs', format: formatPercent },
        { label: 'Runs' },
      ],
      rows: answer.trajectory.map((b, i) => [
        i === answer.chosen ? `${i} (chosen before pasting)` : String(i),
        b.restricted,
        b.coverage,
        b.density,
        b.support,
        b.runs,
      ]),
    },
  });
}
