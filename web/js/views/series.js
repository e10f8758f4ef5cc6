/** Fan charts of series outputs: per group, an overview of medians and one fan per member or series. */

import { fanChart, lineChart } from '../charts.js';
import { addFigure } from '../figure.js';
import { channelLabel, el, formatNumber } from '../format.js';

/**
 * @typedef {import('./context.js').ViewContext} ViewContext
 * @typedef {import('../groups.js').SeriesGroup} SeriesGroup
 * @typedef {import('../groups.js').SeriesSummary} SeriesSummary
 */

/**
 * "Strength (fighters)".
 * @param {string} label
 * @param {string} unit
 */
export const withUnit = (label, unit) => (unit ? `${label} (${unit})` : label);

/**
 * "Threat index - Uzbekistan" in the group "Threat index" → "Uzbekistan".
 * @param {string} label
 * @param {string} groupTitle
 */
function shortName(label, groupTitle) {
  if (!label.startsWith(groupTitle)) return label;
  const rest = label
    .slice(groupTitle.length)
    .replace(/^[\s\-–—:,]+/, '')
    .replace(/^(to|of|in|for|by|at|from)\s+/i, '');
  return rest || label;
}

/**
 * Table of a series' percentiles and mean by date.
 * @param {string[]} dates
 * @param {SeriesSummary} s
 * @param {string} caption
 */
export function fanTable(dates, s, caption) {
  const p = s.percentiles;
  return {
    caption,
    columns: [
      { label: 'Date' },
      ...['5th', '25th', 'Median', '75th', '95th'].map((label) => ({ label, format: formatNumber })),
      { label: 'Mean', format: formatNumber },
    ],
    rows: dates.map((d, k) => [
      d,
      p['5']?.[k],
      p['25']?.[k],
      p['50']?.[k],
      p['75']?.[k],
      p['95']?.[k],
      s.mean[k],
    ]),
  };
}

/**
 * Draws one fan chart for a series.
 * @param {HTMLElement} parent
 * @param {ViewContext} ctx
 * @param {SeriesSummary} s
 * @param {number} colourIndex
 * @param {{subtitle?: string, yMax?: number}} [extra]
 */
export function addFan(parent, ctx, s, colourIndex, extra = {}) {
  const title = channelLabel(s);
  const subtitle = extra.subtitle ?? ctx.subtitle;
  addFigure(parent, {
    title,
    subtitle,
    config: fanChart({
      title,
      subtitle: `${subtitle} · median, 50% and 90% bands`,
      xLabel: ctx.xLabel,
      yLabel: s.unit || 'value',
      dates: ctx.result.summary.dates,
      percentiles: s.percentiles,
      colourIndex,
      ...((s.percentiles['5'] ?? []).every((v) => v >= 0) ? { yMin: 0 } : {}),
      ...(extra.yMax !== undefined ? { yMax: extra.yMax } : {}),
    }),
    table: fanTable(ctx.result.summary.dates, s, `${title}: percentiles across runs (${s.unit})`),
  });
}

/**
 * @param {HTMLElement} panel
 * @param {SeriesGroup} group
 * @param {ViewContext} ctx
 */
export function renderSeries(panel, group, ctx) {
  const { dates } = ctx.result.summary;
  panel.append(el('h3', { text: withUnit(group.title, group.unit) }));
  const grid = el('div', { class: 'grid' });
  panel.append(grid);
  if (group.items.length > 1) {
    const title = `${group.title}: medians`;
    const names = group.items.map((s) => s.member ?? shortName(s.label, group.title));
    addFigure(grid, {
      title,
      subtitle: ctx.subtitle,
      config: lineChart({
        title,
        subtitle: `${ctx.subtitle} · median across runs`,
        xLabel: ctx.xLabel,
        yLabel: group.unit || 'value',
        ...(group.items.every((s) => (s.percentiles['50'] ?? []).every((v) => v >= 0)) ? { yMin: 0 } : {}),
        dates,
        lines: group.items.map((s, i) => ({
          label: names[i] ?? '',
          data: s.percentiles['50'] ?? [],
          colourIndex: ctx.colourOf(s.member, i),
        })),
      }),
      table: {
        caption: `${title} (${group.unit})`,
        columns: [{ label: 'Date' }, ...names.map((label) => ({ label, format: formatNumber }))],
        rows: dates.map((d, k) => [d, ...group.items.map((s) => s.percentiles['50']?.[k])]),
      },
    });
  }
  group.items.forEach((s, i) => {
    addFan(grid, ctx, s, ctx.colourOf(s.member, i));
  });
}
