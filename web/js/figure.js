/**
 * A chart card: the chart, a button that shows the same numbers as a table, and PNG and CSV downloads.
 * The canvas is labelled for screen readers and the table is the accessible form of the chart.
 */

import { csvCell } from '/lib/csvCell.js';
import { fanChart, fitTexts } from './charts.js';
import { downloadBlob, downloadDataUrl, slug } from './exporting.js';
import { el } from './format.js';
import { chartPng, drawOutOfSight } from './pngExport.js';

/**
 * @typedef {{label: string, format?: (v: any) => string}} Column
 * @typedef {{caption: string, columns: Column[], rows: any[][]}} TableSpec
 */

/** Charts on the page, destroyed when results are redrawn. @type {any[]} */
const live = [];

/**
 * A drawn figure: its card, its chart, and the figure it shows now (its buttons read it, so a refinement
 * that updates the chart in place also updates what they download).
 * @typedef {{key: string, card: HTMLElement, chart: any, shown: {f: any}, refresh: () => void}} Drawn
 */

/** The figures of the drawing being refined, by key, until the refinement takes them. @type {Map<string, Drawn>} */
const kept = new Map();
/** How many figures of each key the drawing under way has made (a key with its occurrence is unique). */
const made = new Map();
/** @type {WeakMap<any, Drawn>} */
const drawnOf = new WeakMap();

/**
 * Draws a fan chart out of sight and destroys it, so that the first chart of a run finds Chart.js's code
 * already compiled by the browser. At 10,000 runs of the Central Asia model, from the click on Run to the
 * first fan chart drawn, median (range): 237 ms (173-305) on 11 fresh pages without it, 178 ms (120-263) on
 * 15 with it; to the frame showing it, 335 ms (242-483) and 276 ms (189-412). Its numbers are a ramp,
 * never shown.
 */
export function warmUpCharts() {
  const points = 41;
  const dates = Array.from({ length: points }, (_, i) => String(2016 + i / 4));
  const ramp = (/** @type {number} */ k) => dates.map((_, i) => k * i);
  const config = fanChart({
    title: 'Warm-up',
    subtitle: 'Warm-up',
    xLabel: 'Year',
    yLabel: 'Value',
    dates,
    percentiles: { 5: ramp(1), 25: ramp(2), 50: ramp(3), 75: ramp(4), 95: ramp(5) },
    colourIndex: 0,
  });
  // On a box of a page chart's size (.chart-box): the responsive path a run's charts take is the one warmed.
  drawOutOfSight(el('canvas'), config, () => {}, { width: 600, height: 330 });
}

/** Destroys every chart (before drawing new results), and any kept for a refinement. */
export function destroyCharts() {
  for (const chart of live.splice(0)) chart.destroy();
  dropKeptCharts();
  made.clear();
}

/**
 * Before the results on show are drawn again from more runs of the same job: keeps their charts, so that
 * each figure drawn again with the same key (its panel, its title, its occurrence) and chart type updates
 * the chart in place instead of making a new one (much cheaper, and lines hidden in the legend stay hidden).
 */
export function keepChartsForRefinement() {
  dropKeptCharts();
  for (const chart of live.splice(0)) {
    const drawn = drawnOf.get(chart);
    if (drawn) kept.set(drawn.key, drawn);
    else chart.destroy();
  }
  made.clear();
}

/**
 * Destroys the charts drawn inside `container` (before redrawing it).
 * @param {HTMLElement} container
 */
export function destroyChartsIn(container) {
  for (let i = live.length - 1; i >= 0; i--) {
    if (container.contains(live[i].canvas)) live.splice(i, 1)[0].destroy();
  }
}

/** Destroys the kept charts that the refinement did not take. */
export function dropKeptCharts() {
  for (const drawn of kept.values()) drawn.chart.destroy();
  kept.clear();
}

let counter = 0;

/** Subtitles as shown on screen → as exported (every edit listed), for the results being drawn. @type {[string, string][]} */
let exportTexts = [];

/**
 * Says how each shown subtitle (the run and its first edits) reads in an exported PNG (every edit).
 * @param {[string, string][]} pairs
 */
export function setExportTexts(pairs) {
  exportTexts = pairs.filter(([shown, full]) => shown !== full);
}

/** @param {string} text */
const exported = (text) => exportTexts.reduce((t, [shown, full]) => t.split(shown).join(full), text);

/**
 * @param {TableSpec} spec
 */
function tableOf(spec) {
  const head = el(
    'tr',
    {},
    spec.columns.map((c) => el('th', { scope: 'col', text: c.label })),
  );
  const body = spec.rows.map((row) =>
    el(
      'tr',
      {},
      row.map((v, i) => {
        const col = spec.columns[i];
        const text = v === null || v === undefined ? '–' : col?.format ? col.format(v) : String(v);
        return i === 0 ? el('th', { scope: 'row', text }) : el('td', { text });
      }),
    ),
  );
  return [
    el('table', {}, [el('caption', { text: spec.caption }), el('thead', {}, [head]), el('tbody', {}, body)]),
  ];
}

/**
 * @param {TableSpec} spec
 * @param {string} subtitle
 */
function csvOf(spec, subtitle) {
  const lines = [`# ${spec.caption}`, `# ${subtitle}`, spec.columns.map((c) => csvCell(c.label)).join(',')];
  for (const row of spec.rows)
    lines.push(row.map((v) => csvCell(v === null || v === undefined ? '' : String(v))).join(','));
  return `${lines.join('\n')}\n`;
}

/**
 * Builds a chart card inside `parent` and draws its chart (the parent must be visible).
 * @param {HTMLElement} parent
 * @param {{title: string, subtitle: string, config: any, table: TableSpec, note?: string}} f `note`: a
 *   line under the chart (for example which lines hide others)
 * @returns {HTMLElement}
 */
export function addFigure(parent, f) {
  const base = `${parent.closest('[role="tabpanel"], [id]')?.id ?? ''}\u0000${f.title}`;
  const n = (made.get(base) ?? 0) + 1;
  made.set(base, n);
  const key = `${base}\u0000${n}`;
  const old = kept.get(key);
  if (old && old.chart.config.type === f.config.type) {
    kept.delete(key);
    old.shown.f = f;
    parent.append(old.card);
    old.refresh();
    const chart = old.chart;
    // Lines the reader hid in the legend stay hidden (Chart.js keeps that state per dataset object).
    const hidden = new Set(
      chart.data.datasets
        .filter((/** @type {any} */ _, /** @type {number} */ i) => !chart.isDatasetVisible(i))
        .map((/** @type {any} */ d) => d.label),
    );
    chart.options = f.config.options;
    chart.data = f.config.data;
    chart.data.datasets.forEach((/** @type {any} */ d, /** @type {number} */ i) => {
      if (hidden.has(d.label)) chart.setDatasetVisibility(i, false);
    });
    chart.update('none');
    live.push(chart);
    return old.card;
  }
  const shown = { f };
  const id = `fig-${++counter}`;
  const canvas = el('canvas', { role: 'img' });
  // The table is built when it is first shown (and again after a refinement while it is open).
  const table = el('div', { class: 'table-wrap', id: `${id}-table`, hidden: true });
  const fillTable = () => table.replaceChildren(...tableOf(shown.f.table));
  const toggle = el('button', {
    type: 'button',
    class: 'small',
    'aria-expanded': 'false',
    'aria-controls': `${id}-table`,
    text: 'Show table',
  });
  toggle.addEventListener('click', () => {
    const open = table.hidden;
    if (open) fillTable();
    table.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? 'Hide table' : 'Show table';
  });
  const png = el('button', {
    type: 'button',
    class: 'small',
    text: 'PNG',
    title: 'Download at twice the size on screen, with every edit of the run in the subtitle',
  });
  png.setAttribute('aria-label', `Download ${f.title} as PNG`);
  let texts = { title: '', subtitle: '', yTitle: '' };
  png.addEventListener('click', () => {
    const full = { ...texts, subtitle: exported(texts.subtitle) };
    const url = chartPng(shown.f.config, full, box.clientWidth, box.clientHeight, shownLines);
    downloadDataUrl(url, `${slug(shown.f.title)}.png`);
  });
  const csv = el('button', { type: 'button', class: 'small', text: 'CSV' });
  csv.setAttribute('aria-label', `Download the numbers of ${f.title} as CSV`);
  csv.addEventListener('click', () =>
    downloadBlob(csvOf(shown.f.table, shown.f.subtitle), 'text/csv', `${slug(shown.f.title)}.csv`),
  );
  const box = el('div', { class: 'chart-box' }, [canvas]);
  const note = el('figcaption', { class: 'chart-note' });
  const card = el('figure', { class: 'chart-card', id }, [
    box,
    note,
    el('div', { class: 'chart-actions' }, [toggle, png, csv]),
    table,
  ]);
  parent.append(card);
  let shownLines = 0;
  let boxHeight = 0;
  // What a figure shows besides its chart, from shown.f: set when it is made and on each refinement.
  const refresh = () => {
    const g = shown.f;
    canvas.setAttribute(
      'aria-label',
      `${g.title}. ${g.subtitle}.${g.note ? ` ${g.note}` : ''} The table below has the same numbers.`,
    );
    note.textContent = g.note ?? '';
    note.hidden = !g.note;
    if (!table.hidden) fillTable();
    texts = {
      title: String(g.config.options.plugins.title.text),
      subtitle: String(g.config.options.plugins.subtitle.text),
      yTitle: String(g.config.options.scales.y.title.text),
    };
    if (!boxHeight) boxHeight = box.clientHeight;
    fitTexts(g.config, box.clientWidth || 600, boxHeight || 320);
    shownLines = g.config.options.plugins.subtitle.text.length;
    // A subtitle of several lines (the run's edits) takes room from the plot: the box grows to keep it.
    box.style.height = shownLines > 2 ? `${boxHeight + (shownLines - 2) * 14}px` : '';
  };
  refresh();
  const Chart = /** @type {any} */ (window).Chart;
  const chart = new Chart(canvas, f.config);
  drawnOf.set(chart, { key, card, chart, shown, refresh });
  live.push(chart);
  return card;
}
