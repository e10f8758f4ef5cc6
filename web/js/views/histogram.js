/**
 * Histogram of per-run values at a snapshot date. Bins: Sturges' rule, k = ⌈log2 n⌉ + 1 equal-width bins
 * between the smallest and largest value (at least 5).
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
 * Bins values into equal-width bins; returns each bin's bounds and share of runs.
 * @param {number[]} values
 * @returns {{lo: number, hi: number, share: number}[]}
 */
export function binsOf(values) {
  const n = values.length;
  if (n === 0) return [];
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return [{ lo: min, hi: max, share: 1 }];
  const k = Math.max(5, Math.ceil(Math.log2(n)) + 1);
  const width = (max - min) / k;
  const counts = new Array(k).fill(0);
  for (const v of values) counts[Math.min(k - 1, Math.floor((v - min) / width))]++;
  return counts.map((c, i) => ({
    lo: min + i * width,
    hi: i === k - 1 ? max : min + (i + 1) * width,
    share: c / n,
  }));
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
    panel.append(
      el('p', { class: 'muted', text: 'This run exported no per-run values (no snapshot dates).' }),
    );
    return;
  }
  const series = new Map(summary.series.map((s) => [channelKey(s), s]));
  const dateSelect = el(
    'select',
    { id: 'hist-date' },
    snapshots.map((s) => el('option', { value: s.date, text: s.date })),
  );
  const keys = Object.keys(snapshots[0]?.values ?? {});
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
    const v = snapshots[0]?.values[k] ?? [];
    return v.some((x) => x !== v[0]);
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
    const values = snap?.values[chSelect.value] ?? [];
    if (!snap || !s) return;
    const bins = binsOf(values);
    const p = (/** @type {string} */ q) => formatNumber(s.percentiles[q]?.[snap.point] ?? Number.NaN);
    area.append(
      el('p', {
        text: `${values.length.toLocaleString('en-US')} runs · mean ${formatNumber(s.mean[snap.point] ?? Number.NaN)} · median ${p('50')} · 90% of runs between ${p('5')} and ${p('95')} ${s.unit}`,
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
