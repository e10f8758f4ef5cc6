/**
 * A series group's overview: the medians of its members on one chart per unit, so members counted in
 * different units (Hizb ut-Tahrir's tens of thousands of members, the armed groups' hundreds of fighters)
 * never share an axis; and "Same y-axis for every panel", which puts the fans of one unit on one scale.
 */
import { lineChart } from '../charts.js';
import { hiddenLinesNote } from '../coincide.js';
import { addFigure } from '../figure.js';
import { el, formatNumber } from '../format.js';

/**
 * @typedef {import('./context.js').ViewContext} ViewContext
 * @typedef {import('../groups.js').SeriesGroup} SeriesGroup
 * @typedef {import('../groups.js').SeriesSummary} SeriesSummary
 * @typedef {import('./series.js').Toggle} Toggle
 */

/**
 * The group's members by unit, in their order.
 * @param {SeriesGroup} group
 * @returns {Map<string, SeriesSummary[]>}
 */
export function byUnit(group) {
  /** @type {Map<string, SeriesSummary[]>} */
  const units = new Map();
  for (const s of group.items) units.set(s.unit, [...(units.get(s.unit) ?? []), s]);
  return units;
}

/**
 * "fighters; HT: members": the group's unit and the members counted otherwise.
 * @param {SeriesGroup} group
 */
export function unitsOf(group) {
  const others = group.items
    .filter((s) => s.unit !== group.unit)
    .map((s) => `${s.member ?? s.label}: ${s.unit}`);
  return [group.unit, ...others].filter(Boolean).join('; ');
}

/**
 * The overview charts of a group: one per unit that two or more members share (a member alone in its
 * unit is its own fan's panel), and a note naming the members counted in a unit of their own.
 * @param {HTMLElement} grid
 * @param {SeriesGroup} group
 * @param {ViewContext} ctx
 * @param {(s: SeriesSummary) => string} nameOf
 * @returns {string} the note ('' when every member shares the group's unit)
 */
export function addOverviews(grid, group, ctx, nameOf) {
  const { dates } = ctx.result.summary;
  const units = byUnit(group);
  const alone = [...units.values()].filter((items) => items.length === 1).flat();
  for (const [unit, items] of units) {
    if (items.length < 2 && units.size > 1) continue;
    const title = units.size > 1 ? `${group.title}: medians, in ${unit}` : `${group.title}: medians`;
    const lines = items.map((s) => ({
      label: nameOf(s),
      data: s.percentiles['50'] ?? [],
      colourIndex: ctx.colourOf(s.member, group.items.indexOf(s)),
    }));
    addFigure(grid, {
      title,
      subtitle: ctx.subtitle,
      note: hiddenLinesNote(lines, `0 ${unit}`.trim()),
      config: lineChart({
        title,
        subtitle: `${ctx.subtitle} · median across runs`,
        xLabel: ctx.xLabel,
        yLabel: unit || 'value',
        ...(items.every((s) => (s.percentiles['50'] ?? []).every((v) => v >= 0)) ? { yMin: 0 } : {}),
        dates,
        lines,
      }),
      table: {
        caption: `${title} (${unit})`,
        columns: [{ label: 'Date' }, ...items.map((s) => ({ label: nameOf(s), format: formatNumber }))],
        rows: dates.map((d, k) => [d, ...items.map((s) => s.percentiles['50']?.[k])]),
      },
    });
  }
  if (units.size < 2) return '';
  return `${alone.map((s) => `${nameOf(s)} is counted in ${s.unit}`).join('; ')}: on a panel of its own below, never on the ${group.unit} axis.`;
}

/**
 * Rounds up to two significant digits (3,024 → 3,100), so a shared top reads as a tick.
 * @param {number} x
 */
export const roundUp = (x) => {
  const unit = 10 ** (Math.floor(Math.log10(x)) - 1);
  return Math.ceil(x / unit) * unit;
};

/**
 * The shared top of the fans of `unit`: the largest 95th percentile of the group's members in it.
 * @param {SeriesGroup} group
 * @param {string} unit
 * @returns {number|undefined}
 */
export function sharedTop(group, unit) {
  const top = Math.max(
    0,
    ...group.items.filter((s) => s.unit === unit).flatMap((s) => s.percentiles['95'] ?? []),
  );
  return top > 0 ? roundUp(top) : undefined;
}

/**
 * The "Same y-axis for every panel" checkbox of a group; on a change it sets the top of every fan
 * drawn in `grid` (each fan's canvas names its unit in `data-unit`).
 * @param {SeriesGroup} group
 * @param {HTMLElement} grid
 * @param {Toggle} sameY
 */
export function sameAxisCheckbox(group, grid, sameY) {
  const id = `same-y-${group.id}`;
  const box = el('input', { type: 'checkbox', id, checked: sameY.on });
  box.addEventListener('change', () => sameY.set(box.checked));
  sameY.listen((on) => {
    box.checked = on;
    const Chart = /** @type {any} */ (window).Chart;
    for (const canvas of grid.querySelectorAll('canvas[data-unit]')) {
      const chart = Chart.getChart(canvas);
      if (!chart || !(canvas instanceof HTMLElement)) continue;
      const top = on ? sharedTop(group, canvas.dataset.unit ?? '') : undefined;
      if (top !== undefined) chart.options.scales.y.max = top;
      else delete chart.options.scales.y.max;
      chart.update();
    }
  });
  const units = byUnit(group).size;
  return el('div', { class: 'check' }, [
    box,
    el('label', { for: id, text: `Same y-axis for every panel${units > 1 ? ' of one unit' : ''}` }),
  ]);
}
