/**
 * Histogram of per-run values at a snapshot date, as the result carries it (src/analysis/histogram.ts:
 * Sturges' rule, k = max(5, ⌈log2 n⌉ + 1) equal-width bins between the smallest and largest value).
 */
import { barChart } from '../charts.js';
import { addFigure, destroyChartsIn } from '../figure.js';
import { channelKey, channelLabel, el, formatNumber, formatPercent } from '../format.js';
import { withUnit } from './series.js';

/**
 * @typedef {import('./context.js').ViewContext} ViewContext
 * @typedef {{snap?: string, ch?: string}} HistogramState
 */

/**
 * Each bin's bounds and share of runs, from the server's exact counts.
 * @param {{lo: number, hi: number, count: number}[]} bins
 * @returns {{lo: number, hi: number, share: number}[]}
 */
export function sharesOf(bins) {
  const n = bins.reduce((sum, b) => sum + b.count, 0);
  return bins.map((b) => ({ lo: b.lo, hi: b.hi, share: b.count / n }));
}

/**
 * @param {HTMLElement} panel
 * @param {ViewContext} ctx
 * @param {HistogramState} state
 * @param {(state: HistogramState) => void} onChange
 */
export function renderHistogram(panel, ctx, state, onChange) {
  const { summary } = ctx.result;
  const snapshots = summary.snapshots;
  if (snapshots.length === 0) {
    panel.append(el('p', { class: 'muted', text: 'This run has no snapshot dates.' }));
    return;
  }
  const series = new Map(summary.series.map((s) => [channelKey(s), s]));
  const dateSelect = el(
    'select',
    { id: 'hist-date' },
    snapshots.map((s) => el('option', { value: s.date, text: s.date })),
  );
  const keys = Object.keys(snapshots[0]?.histograms ?? {});
  const chSelect = el(
    'select',
    { id: 'hist-channel' },
    keys.map((k) => {
      const s = series.get(k);
      return el('option', { value: k, text: s ? withUnit(channelLabel(s), s.unit) : k });
    }),
  );
  if (state.snap && snapshots.some((s) => s.date === state.snap)) dateSelect.value = state.snap;
  else dateSelect.value = snapshots[snapshots.length - 1]?.date ?? '';
  const spread = (/** @type {string} */ k) => {
    const h = snapshots[0]?.histograms[k] ?? [];
    return h.length > 1;
  };
  chSelect.value =
    state.ch && keys.includes(state.ch)
      ? state.ch
      : (keys.find((k) => /threat/i.test(k) && spread(k)) ?? keys.find(spread) ?? keys[0] ?? '');
  const area = el('div');
  panel.append(
    el('h3', { text: 'Distribution across runs at a date' }),
    el('div', { class: 'picker' }, [
      el('div', {}, [el('label', { for: 'hist-date', text: 'Date' }), dateSelect]),
      el('div', {}, [el('label', { for: 'hist-channel', text: 'Quantity' }), chSelect]),
    ]),
    area,
  );
  const draw = () => {
    destroyChartsIn(area);
    area.replaceChildren();
    const snap = snapshots.find((s) => s.date === dateSelect.value);
    const s = series.get(chSelect.value);
    const counts = snap?.histograms[chSelect.value] ?? [];
    if (!snap || !s) return;
    const bins = sharesOf(counts);
    const runs = counts.reduce((sum, b) => sum + b.count, 0);
    const p = (/** @type {string} */ q) => formatNumber(s.percentiles[q]?.[snap.point] ?? Number.NaN);
    area.append(
      el('p', {
        text: `${runs.toLocaleString('en-US')} runs · mean ${formatNumber(s.mean[snap.point] ?? Number.NaN)} · median ${p('50')} · 90% of runs between ${p('5')} and ${p('95')} ${s.unit}`,
      }),
    );
    const title = `${channelLabel(s)} at ${snap.date}: distribution across runs`;
    const labels = bins.map((b) =>
      b.lo === b.hi ? formatNumber(b.lo) : `${formatNumber(b.lo)}–${formatNumber(b.hi)}`,
    );
    addFigure(area, {
      title,
      subtitle: ctx.subtitle,
      config: barChart({
        title,
        subtitle: `${ctx.subtitle} · ${bins.length} equal-width bins (Sturges' rule)`,
        xLabel: withUnit(s.label, s.unit),
        yLabel: 'Share of runs (%)',
        percent: true,
        yMin: 0,
        labels,
        data: bins.map((b) => b.share),
        colourIndex: ctx.colourOf(s.member, 0),
        seriesLabel: `Share of runs in the bin`,
      }),
      table: {
        caption: `${title} (${s.unit})`,
        columns: [
          { label: 'Bin' },
          { label: 'From', format: formatNumber },
          { label: 'To', format: formatNumber },
          { label: 'Share of runs', format: formatPercent },
        ],
        rows: bins.map((b, i) => [labels[i], b.lo, b.hi, b.share]),
      },
    });
    onChange({ snap: dateSelect.value, ch: chSelect.value });
  };
  dateSelect.addEventListener('change', draw);
  chSelect.addEventListener('change', draw);
  draw();
}
