/**
 * Two results compared: first paired run by run on common random numbers (pairedCompare.js: a headline at
 * the date and the fan of B − A), then side by side (the same quantity in each, on the same scale) and the
 * difference of their medians and means by date. Only quantities and dates present in both are compared.
 * It opens on the quantity and date the scenarios' questions name (B's, the what-if, first).
 */
import { lineChart } from '../charts.js';
import { addFigure, destroyChartsIn } from '../figure.js';
import {
  channelKey,
  channelLabel,
  el,
  formatNumber,
  formatPercent,
  probabilityWithWords,
} from '../format.js';
import { questionDate, questionQuantity } from '../questionFocus.js';
import { addPaired, niceCeil, symmetricLimit } from './pairedCompare.js';
import { addFan, withUnit } from './series.js';

/**
 * @typedef {import('./context.js').ViewContext} ViewContext
 * @typedef {import('../groups.js').Summary} Summary
 * @typedef {{kind: 'series'|'threshold'|'event', key: string, label: string, unit: string,
 *   a: any, b: any}} Pair
 */

/**
 * Quantities present in both summaries.
 * @param {Summary} a
 * @param {Summary} b
 * @returns {Pair[]}
 */
export function pairsOf(a, b) {
  /** @type {Pair[]} */
  const pairs = [];
  /**
   * @param {'series'|'threshold'|'event'} kind
   * @param {any[]} left
   * @param {any[]} right
   */
  const add = (kind, left, right) => {
    const byKey = new Map(right.map((s) => [channelKey(s), s]));
    for (const s of left) {
      const other = byKey.get(channelKey(s));
      if (other)
        pairs.push({
          kind,
          key: `${kind}:${channelKey(s)}`,
          label: channelLabel(s),
          unit: kind === 'series' ? s.unit : 'probability',
          a: s,
          b: other,
        });
    }
  };
  add('series', a.series, b.series);
  add('threshold', a.thresholds, b.thresholds);
  add('event', a.events, b.events);
  return pairs;
}

/**
 * Indices of the dates both results share, in A's order.
 * @param {string[]} a
 * @param {string[]} b
 */
function commonDates(a, b) {
  const inB = new Map(b.map((d, i) => [d, i]));
  return a.flatMap((d, i) =>
    inB.has(d) ? [{ date: d, ia: i, ib: /** @type {number} */ (inB.get(d)) }] : [],
  );
}

/**
 * The compare view.
 * @param {HTMLElement} panel
 * @param {ViewContext} A
 * @param {ViewContext} B
 * @param {{cmp?: string, at?: string}} state
 * @param {(state: {cmp: string, at: string}) => void} onChange
 * @param {{a: import('../api.js').RunRequest, b: import('../api.js').RunRequest}} [sides] what A and B ran, to pair them
 */
export function renderCompare(panel, A, B, state, onChange, sides) {
  const pairs = pairsOf(A.result.summary, B.result.summary);
  const dates = commonDates(A.result.summary.dates, B.result.summary.dates);
  panel.append(el('h3', { text: `A: ${A.subtitle}` }), el('h3', { text: `B: ${B.subtitle}` }));
  if (pairs.length === 0 || dates.length === 0) {
    panel.append(el('p', { text: 'These two results share no quantity or no date to compare.' }));
    return;
  }
  const select = el(
    'select',
    { id: 'compare-channel' },
    pairs.map((p) =>
      el('option', {
        value: p.key,
        text: `${p.label}${p.kind === 'series' ? ` (${p.unit})` : ` — ${p.kind}`}`,
      }),
    ),
  );
  const questions = [B.result.question, A.result.question].filter((q) => typeof q === 'string');
  const named = (/** @type {string} */ q) =>
    questionQuantity(
      q,
      pairs.map((p) => ({ pair: p, label: p.label, output: p.a.output ?? p.a.event, member: p.a.member })),
    )?.pair;
  const preferred =
    pairs.find((p) => p.key === state.cmp) ??
    questions.map(named).find((p) => p !== undefined) ??
    pairs.find((p) => p.kind === 'series' && /threat/i.test(p.key)) ??
    pairs[0];
  select.value = preferred?.key ?? '';
  const labels = dates.map((d) => d.date);
  const dateSelect = el(
    'select',
    { id: 'compare-date' },
    labels.map((d) => el('option', { value: d, text: d })),
  );
  dateSelect.value =
    [state.at, ...questions.map((q) => questionDate(q, labels))].find((d) => d && labels.includes(d)) ??
    labels[labels.length - 1] ??
    '';
  const area = el('div');
  panel.append(
    el('div', { class: 'picker' }, [
      el('div', {}, [el('label', { for: 'compare-channel', text: 'Quantity' }), select]),
      el('div', {}, [el('label', { for: 'compare-date', text: 'Date' }), dateSelect]),
    ]),
    area,
  );
  const draw = () => {
    destroyChartsIn(area);
    area.replaceChildren();
    const pair = pairs.find((p) => p.key === select.value);
    if (pair) drawPair(area, A, B, pair, dates);
    if (pair && sides) void addPaired(area, A, pair, sides, dateSelect.value, labels);
    onChange({ cmp: select.value, at: dateSelect.value });
  };
  select.addEventListener('change', draw);
  dateSelect.addEventListener('change', draw);
  draw();
  panel.append(summaryTable(pairs, dates));
}

/**
 * @param {HTMLElement} area
 * @param {ViewContext} A
 * @param {ViewContext} B
 * @param {Pair} pair
 * @param {{date: string, ia: number, ib: number}[]} dates
 */
function drawPair(area, A, B, pair, dates) {
  const both = `A: ${A.subtitle} · B: ${B.subtitle}`;
  const labels = dates.map((d) => d.date);
  const diff = (/** @type {number[]} */ a, /** @type {number[]} */ b) =>
    dates.map((d) => (b[d.ib] ?? Number.NaN) - (a[d.ia] ?? Number.NaN));
  const sideBySide = el('div', { class: 'grid pair' });
  area.append(sideBySide);
  if (pair.kind === 'series') {
    const p95 = [...(pair.a.percentiles['95'] ?? []), ...(pair.b.percentiles['95'] ?? [])].filter(
      Number.isFinite,
    );
    const yMax = niceCeil(Math.max(...p95));
    addFan(sideBySide, A, pair.a, 0, { subtitle: `A: ${A.subtitle}`, yMax });
    addFan(sideBySide, B, pair.b, 1, { subtitle: `B: ${B.subtitle}`, yMax });
    const median = diff(pair.a.percentiles['50'], pair.b.percentiles['50']);
    const mean = diff(pair.a.mean, pair.b.mean);
    const title = `${pair.label}: B − A`;
    // Symmetric about 0, and never zoomed in below a twentieth of the quantity's own scale.
    const limit = symmetricLimit([...median, ...mean], 0.05 * yMax);
    addFigure(area, {
      title,
      subtitle: both,
      config: lineChart({
        title,
        subtitle: both,
        xLabel: A.xLabel,
        yLabel: `B − A (${pair.unit || 'value'})`,
        yMin: -limit,
        yMax: limit,
        dates: labels,
        lines: [
          { label: 'Difference of medians', data: median, colourIndex: 6 },
          { label: 'Difference of means', data: mean, colourIndex: 1, dashed: true },
        ],
      }),
      table: {
        caption: `${title} (${pair.unit})`,
        columns: [
          { label: 'Date' },
          ...['Median A', 'Median B', 'Median B − A', 'Mean A', 'Mean B', 'Mean B − A'].map((label) => ({
            label,
            format: formatNumber,
          })),
        ],
        rows: dates.map((d, k) => [
          d.date,
          pair.a.percentiles['50'][d.ia],
          pair.b.percentiles['50'][d.ib],
          median[k],
          pair.a.mean[d.ia],
          pair.b.mean[d.ib],
          mean[k],
        ]),
      },
    });
    return;
  }
  const a = dates.map((d) => pair.a.pBy[d.ia]);
  const b = dates.map((d) => pair.b.pBy[d.ib]);
  const title = `${pair.label}: probability it has happened by each date`;
  addFigure(sideBySide, {
    title,
    subtitle: both,
    config: lineChart({
      title,
      subtitle: both,
      xLabel: A.xLabel,
      yLabel: 'Probability (% of runs)',
      percent: true,
      yMin: 0,
      yMax: 1,
      dates: labels,
      lines: [
        { label: `A: ${A.result.receipt.scenario ?? A.result.receipt.model}`, data: a, colourIndex: 0 },
        {
          label: `B: ${B.result.receipt.scenario ?? B.result.receipt.model}`,
          data: b,
          colourIndex: 1,
          dashed: true,
        },
      ],
    }),
    table: {
      caption: `${title} (probability)`,
      columns: [
        { label: 'Date' },
        { label: 'A', format: formatPercent },
        { label: 'B', format: formatPercent },
      ],
      rows: dates.map((d, k) => [d.date, a[k], b[k]]),
    },
  });
  // Their difference, P(B) − P(A), is the paired chart's, with its paired standard error.
}

/**
 * Every shared quantity at the last shared date.
 * @param {Pair[]} pairs
 * @param {{date: string, ia: number, ib: number}[]} dates
 */
function summaryTable(pairs, dates) {
  const last = /** @type {{date: string, ia: number, ib: number}} */ (dates[dates.length - 1]);
  const rows = pairs.map((p) => {
    if (p.kind === 'series') {
      const a = p.a.percentiles['50'][last.ia];
      const b = p.b.percentiles['50'][last.ib];
      return [
        withUnit(p.label, p.unit),
        `median ${formatNumber(a)}`,
        `median ${formatNumber(b)}`,
        formatNumber(b - a),
      ];
    }
    const a = p.a.pBy[last.ia];
    const b = p.b.pBy[last.ib];
    return [p.label, probabilityWithWords(a), probabilityWithWords(b), `${((b - a) * 100).toFixed(1)} pp`];
  });
  return el('div', { class: 'table-wrap compare-summary' }, [
    el('table', {}, [
      el('caption', { text: `All shared quantities at ${last.date} (probabilities: has happened by then)` }),
      el('thead', {}, [
        el(
          'tr',
          {},
          ['Quantity', 'A', 'B', 'B − A'].map((t) => el('th', { scope: 'col', text: t })),
        ),
      ]),
      el(
        'tbody',
        {},
        rows.map((r) =>
          el(
            'tr',
            {},
            r.map((v, i) => (i === 0 ? el('th', { scope: 'row', text: v }) : el('td', { text: v }))),
          ),
        ),
      ),
    ]),
  ]);
}
