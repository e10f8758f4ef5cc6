/**
 * Fan charts of series outputs: per group, an overview of medians and one fan per member or series, with a
 * checkbox that draws the first runs' trajectories over the fans.
 */

import { fanChart, sampleRunDatasets, showSampleRuns } from '../charts.js';
import { addFigure } from '../figure.js';
import { channelKey, channelLabel, el, formatNumber } from '../format.js';
import { addOverviews, sameAxisCheckbox, sharedTop, unitsOf } from './overview.js';

/**
 * @typedef {import('./context.js').ViewContext} ViewContext
 * @typedef {import('../groups.js').SeriesGroup} SeriesGroup
 * @typedef {import('../groups.js').SeriesSummary} SeriesSummary
 * @typedef {{on: boolean, set: (on: boolean) => void, listen: (f: (on: boolean) => void) => void}} Toggle
 * @typedef {Toggle} SampleToggle
 */

/**
 * A setting shared by every series tab, such as "Show sample runs" (a tab drawn later starts from the
 * current value, and ticking it in one tab updates the others); `onChange` records it in the link.
 * @param {boolean} initial
 * @param {(on: boolean) => void} onChange
 * @returns {Toggle}
 */
export function sampleToggle(initial, onChange) {
  /** @type {((on: boolean) => void)[]} */
  const listeners = [];
  const toggle = {
    on: initial,
    /** @param {boolean} on */
    set(on) {
      toggle.on = on;
      for (const f of listeners) f(on);
      onChange(on);
    },
    /** @param {(on: boolean) => void} f */
    listen(f) {
      listeners.push(f);
    },
  };
  return toggle;
}

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
 * @param {{subtitle?: string, yMax?: number, samples?: SampleToggle}} [extra] with `samples`, the fan
 *   can show the result's sample runs
 */
export function addFan(parent, ctx, s, colourIndex, extra = {}) {
  const title = channelLabel(s);
  const subtitle = extra.subtitle ?? ctx.subtitle;
  const trajectories = extra.samples ? ctx.result.summary.samples?.series[channelKey(s)] : undefined;
  const samples = trajectories?.length ? sampleRunDatasets(trajectories, colourIndex) : undefined;
  const caption = `${title}: percentiles across runs (${s.unit})`;
  const card = addFigure(parent, {
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
      ...(samples ? { samples, showSamples: extra.samples?.on ?? false } : {}),
    }),
    table: fanTable(
      ctx.result.summary.dates,
      s,
      samples ? `${caption}. Sample runs are not tabulated (they are in the JSON download).` : caption,
    ),
  });
  card.querySelector('canvas')?.setAttribute('data-unit', s.unit);
  if (samples && extra.samples) {
    const canvas = card.querySelector('canvas');
    extra.samples.listen((on) => {
      const chart = /** @type {any} */ (window).Chart.getChart(canvas);
      if (chart) showSampleRuns(chart, samples, on);
    });
  }
}

/**
 * The "Show sample runs" checkbox of a series tab, or null when the result has no sample runs (results
 * stored before they were added).
 * @param {SeriesGroup} group
 * @param {ViewContext} ctx
 * @param {SampleToggle} samples
 */
function sampleCheckbox(group, ctx, samples) {
  const count = ctx.result.summary.samples?.runs.length ?? 0;
  if (count === 0) return null;
  const id = `samples-${group.id}`;
  const box = el('input', { type: 'checkbox', id, checked: samples.on });
  box.addEventListener('change', () => samples.set(box.checked));
  samples.listen((on) => {
    box.checked = on;
  });
  return el('div', { class: 'check' }, [
    box,
    el('label', { for: id, text: `Show sample runs (first ${count})` }),
  ]);
}

/**
 * @param {HTMLElement} panel
 * @param {SeriesGroup} group
 * @param {ViewContext} ctx
 * @param {SampleToggle} samples
 * @param {Toggle} sameY "Same y-axis for every panel"
 */
export function renderSeries(panel, group, ctx, samples, sameY) {
  const heading = el('h3', { text: withUnit(group.title, unitsOf(group)) });
  panel.append(heading);
  const grid = el('div', { class: 'grid' });
  const check = sampleCheckbox(group, ctx, samples);
  const options = [
    ...(check ? [check] : []),
    ...(group.items.length > 1 ? [sameAxisCheckbox(group, grid, sameY)] : []),
  ];
  if (options.length) panel.append(el('div', { class: 'picker' }, options));
  // Appended before drawing: Chart.js sizes a chart from its visible box.
  panel.append(grid);
  const nameOf = (/** @type {SeriesSummary} */ s) => s.member ?? shortName(s.label, group.title);
  const note = group.items.length > 1 ? addOverviews(grid, group, ctx, nameOf) : '';
  if (note) heading.after(el('p', { class: 'muted unit-note', text: note }));
  group.items.forEach((s, i) => {
    const top = sameY.on && group.items.length > 1 ? sharedTop(group, s.unit) : undefined;
    addFan(grid, ctx, s, ctx.colourOf(s.member, i), { samples, ...(top !== undefined ? { yMax: top } : {}) });
  });
}
