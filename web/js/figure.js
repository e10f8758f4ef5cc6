/**
 * A chart card: the chart, a button that shows the same numbers as a table, and PNG and CSV downloads.
 * The canvas is labelled for screen readers and the table is the accessible form of the chart.
 */

import { csvCell } from '/lib/csvCell.js';
import { fitTexts } from './charts.js';
import { downloadBlob, downloadDataUrl, slug } from './exporting.js';
import { el } from './format.js';

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
 * @param {{title: string, subtitle: string, config: any, table: TableSpec}} f
 * @returns {HTMLElement}
 */
export function addFigure(parent, f) {
  const id = `fig-${++counter}`;
  const canvas = el('canvas', {
    role: 'img',
    'aria-label': `${f.title}. ${f.subtitle}. The table below has the same numbers.`,
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
  const png = el('button', { type: 'button', class: 'small', text: 'PNG' });
  png.setAttribute('aria-label', `Download ${f.title} as PNG`);
  png.addEventListener('click', () => downloadDataUrl(canvas.toDataURL('image/png'), `${slug(f.title)}.png`));
  const csv = el('button', { type: 'button', class: 'small', text: 'CSV' });
  csv.setAttribute('aria-label', `Download the numbers of ${f.title} as CSV`);
  csv.addEventListener('click', () =>
    downloadBlob(csvOf(f.table, f.subtitle), 'text/csv', `${slug(f.title)}.csv`),
  );
  const box = el('div', { class: 'chart-box' }, [canvas]);
  const card = el('figure', { class: 'chart-card', id }, [
    box,
    el('div', { class: 'chart-actions' }, [toggle, png, csv]),
    table,
  ]);
  parent.append(card);
  fitTexts(f.config, box.clientWidth || 600, box.clientHeight || 320);
  const Chart = /** @type {any} */ (window).Chart;
  live.push(new Chart(canvas, f.config));
  return card;
}
