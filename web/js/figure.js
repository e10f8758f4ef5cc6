/**
 * A chart card: the chart, a button that shows the same numbers as a table, and PNG and CSV downloads.
 * The canvas is labelled for screen readers and the table is the accessible form of the chart.
 */

import { csvCell } from '/lib/csvCell.js';
import { fitTexts } from './charts.js';
import { downloadBlob, downloadDataUrl, slug } from './exporting.js';
import { el } from './format.js';
import { chartPng } from './pngExport.js';

/**
 * @typedef {{label: string, format?: (v: any) => string}} Column
 * @typedef {{caption: string, columns: Column[], rows: any[][]}} TableSpec
 */

/** Charts on the page, destroyed when results are redrawn. @type {any[]} */
const live = [];

/** Destroys every chart (before drawing new results). */
export function destroyCharts() {
  for (const chart of live.splice(0)) chart.destroy();
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
 * @param {string} id
 */
function tableOf(spec, id) {
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
  return el('div', { class: 'table-wrap', id, hidden: true }, [
    el('table', {}, [el('caption', { text: spec.caption }), el('thead', {}, [head]), el('tbody', {}, body)]),
  ]);
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
  const id = `fig-${++counter}`;
  const canvas = el('canvas', {
    role: 'img',
    'aria-label': `${f.title}. ${f.subtitle}.${f.note ? ` ${f.note}` : ''} The table below has the same numbers.`,
  });
  const table = tableOf(f.table, `${id}-table`);
  const toggle = el('button', {
    type: 'button',
    class: 'small',
    'aria-expanded': 'false',
    'aria-controls': `${id}-table`,
    text: 'Show table',
  });
  toggle.addEventListener('click', () => {
    const open = table.hidden;
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
  const texts = {
    title: String(f.config.options.plugins.title.text),
    subtitle: String(f.config.options.plugins.subtitle.text),
    yTitle: String(f.config.options.scales.y.title.text),
  };
  png.addEventListener('click', () => {
    const full = { ...texts, subtitle: exported(texts.subtitle) };
    const url = chartPng(f.config, full, box.clientWidth, box.clientHeight, shownLines);
    downloadDataUrl(url, `${slug(f.title)}.png`);
  });
  const csv = el('button', { type: 'button', class: 'small', text: 'CSV' });
  csv.setAttribute('aria-label', `Download the numbers of ${f.title} as CSV`);
  csv.addEventListener('click', () =>
    downloadBlob(csvOf(f.table, f.subtitle), 'text/csv', `${slug(f.title)}.csv`),
  );
  const box = el('div', { class: 'chart-box' }, [canvas]);
  const card = el('figure', { class: 'chart-card', id }, [
    box,
    f.note ? el('figcaption', { class: 'chart-note', text: f.note }) : null,
    el('div', { class: 'chart-actions' }, [toggle, png, csv]),
    table,
  ]);
  parent.append(card);
  fitTexts(f.config, box.clientWidth || 600, box.clientHeight || 320);
  const shownLines = f.config.options.plugins.subtitle.text.length;
  // A subtitle of several lines (the run's edits) takes room from the plot: the box grows to keep it.
  if (shownLines > 2) box.style.height = `${box.clientHeight + (shownLines - 2) * 14}px`;
  const Chart = /** @type {any} */ (window).Chart;
  live.push(new Chart(canvas, f.config));
  return card;
}
