/**
 * Probabilities by date: thresholds (e.g. a group's extinction), events, and which member leads. Each
 * probability read out in the text carries its ICD 203 words.
 */
import { lineChart, stackedChart } from '../charts.js';
import { hiddenLinesNote } from '../coincide.js';
import { addFigure } from '../figure.js';
import {
  channelLabel,
  describeProbability,
  el,
  formatPercent,
  probabilityText,
  probabilityWithWords,
} from '../format.js';

/**
 * @typedef {import('./context.js').ViewContext} ViewContext
 * @typedef {import('../groups.js').ThresholdGroup} ThresholdGroup
 * @typedef {import('../groups.js').LeaderGroup} LeaderGroup
 * @typedef {import('../groups.js').EventsGroup} EventsGroup
 * @typedef {import('../groups.js').EventSummary} EventSummary
 * @typedef {{label: string, data: number[], member?: string}} Curve
 */

/**
 * A chart of probability curves with its table.
 * @param {HTMLElement} parent
 * @param {ViewContext} ctx
 * @param {string} title
 * @param {Curve[]} curves
 */
export function addProbabilityFigure(parent, ctx, title, curves) {
  const { dates } = ctx.result.summary;
  const lines = curves.map((c, i) => ({
    label: c.label,
    data: c.data,
    colourIndex: ctx.colourOf(c.member, i),
  }));
  addFigure(parent, {
    title,
    subtitle: ctx.subtitle,
    note: hiddenLinesNote(lines, '0%'),
    config: lineChart({
      title,
      subtitle: ctx.subtitle,
      xLabel: ctx.xLabel,
      yLabel: 'Probability (% of runs)',
      percent: true,
      // A little room below 0% and above 100%, so a curve at either end is not hidden by the axis.
      yMin: -0.02,
      yMax: 1.02,
      dates,
      lines,
    }),
    table: {
      caption: `${title} (probability)`,
      columns: [{ label: 'Date' }, ...curves.map((c) => ({ label: c.label, format: formatPercent }))],
      rows: dates.map((d, k) => [d, ...curves.map((c) => c.data[k])]),
    },
  });
}

/**
 * "IMU: 63% — likely (55–80%)", one line per curve, at the last date.
 * @param {ViewContext} ctx
 * @param {{label: string, p: number, note?: string}[]} items
 * @param {string} lead
 */
export function wordsList(ctx, items, lead) {
  const { dates } = ctx.result.summary;
  return el('div', {}, [
    el('p', { text: `${lead} ${dates[dates.length - 1] ?? ''}:` }),
    el(
      'ul',
      { class: 'summary-list' },
      items.map((i) =>
        el('li', {}, [
          el('strong', { text: `${i.label}: ` }),
          probabilityWithWords(i.p, Number(ctx.result.receipt.runs)),
          i.note ? el('span', { class: 'words', text: ` · ${i.note}` }) : null,
        ]),
      ),
    ),
  ]);
}

/**
 * "half of runs by 2019Q3", or "in fewer than half of runs by the end".
 * @param {{p50: string|null}} firstTime
 */
const medianFirst = (firstTime) =>
  firstTime.p50 ? `half of runs by ${firstTime.p50}` : 'in fewer than half of runs by the end';

/**
 * @param {HTMLElement} panel
 * @param {ThresholdGroup} group
 * @param {ViewContext} ctx
 */
export function renderThreshold(panel, group, ctx) {
  const name = (/** @type {{member?: string, label: string}} */ t) => t.member ?? t.label;
  panel.append(el('h3', { text: group.title }));
  panel.append(
    wordsList(
      ctx,
      group.items.map((t) => ({
        label: name(t),
        p: t.pBy[t.pBy.length - 1] ?? 0,
        note: medianFirst(t.firstTime),
      })),
      'Probability that it has happened by',
    ),
  );
  const grid = el('div', { class: 'grid' });
  panel.append(grid);
  const curves = (/** @type {'pBy'|'pAt'} */ key) =>
    group.items.map((t) => ({
      label: name(t),
      data: t[key],
      ...(t.member !== undefined ? { member: t.member } : {}),
    }));
  const short = group.title.replace(/\s*\(.*\)\s*$/, '');
  addProbabilityFigure(grid, ctx, `${short}: probability it has happened by each date`, curves('pBy'));
  addProbabilityFigure(grid, ctx, `${short}: probability it holds at each date`, curves('pAt'));
}

/**
 * @param {HTMLElement} panel
 * @param {LeaderGroup} group
 * @param {ViewContext} ctx
 */
export function renderLeader(panel, group, ctx) {
  const { dates } = ctx.result.summary;
  const entries = Object.entries(group.item.share);
  panel.append(el('h3', { text: group.title }));
  panel.append(
    wordsList(
      ctx,
      entries.map(([m, share]) => ({ label: m, p: share[share.length - 1] ?? 0 })),
      'Share of runs in which each leads at',
    ),
  );
  const title = `${group.title}: share of runs`;
  addFigure(panel, {
    title,
    subtitle: ctx.subtitle,
    config: stackedChart({
      title,
      subtitle: ctx.subtitle,
      xLabel: ctx.xLabel,
      yLabel: 'Share of runs (%)',
      percent: true,
      dates,
      areas: entries.map(([m, share], i) => ({
        label: m,
        data: share,
        colourIndex: ctx.colourOf(m === 'none' ? undefined : m, m === 'none' ? 6 : i),
      })),
    }),
    table: {
      caption: `${title} (probability)`,
      columns: [{ label: 'Date' }, ...entries.map(([m]) => ({ label: m, format: formatPercent }))],
      rows: dates.map((d, k) => [d, ...entries.map(([, share]) => share[k])]),
    },
  });
}

/**
 * A table of events by their probability at the end.
 * @param {EventSummary[]} items
 * @param {number} runs
 * @param {string} last the last date
 * @param {string} caption
 */
function eventsTable(items, runs, last, caption) {
  const rows = items.map((e) => {
    const p = e.pBy[e.pBy.length - 1] ?? 0;
    return el('tr', {}, [
      el('th', { scope: 'row', text: channelLabel(e) }),
      el('td', { text: probabilityText(p, runs) }),
      el('td', { class: 'words', text: describeProbability(p) }),
      el('td', { text: e.firstTime.p50 ?? `after ${last}` }),
    ]);
  });
  const head = ['Event', `By ${last} (95% interval)`, 'In words', 'Median first date'];
  return el('div', { class: 'table-plain' }, [
    el('table', { class: 'events-table' }, [
      el('caption', { text: caption }),
      el('thead', {}, [
        el(
          'tr',
          {},
          head.map((t) => el('th', { scope: 'col', text: t })),
        ),
      ]),
      el('tbody', {}, rows),
    ]),
  ]);
}

/**
 * Events sorted by their probability at the end, most likely first; those that happened in no run are
 * folded away below (one line says how many, and the bound their zero count puts on them).
 * @param {HTMLElement} panel
 * @param {EventsGroup} group
 * @param {ViewContext} ctx
 */
export function renderEvents(panel, group, ctx) {
  const { dates } = ctx.result.summary;
  const last = dates[dates.length - 1] ?? '';
  const runs = Number(ctx.result.receipt.runs);
  const end = (/** @type {EventSummary} */ e) => e.pBy[e.pBy.length - 1] ?? 0;
  const sorted = [...group.items].sort((a, b) => end(b) - end(a));
  const seen = sorted.filter((e) => e.pBy.some((p) => p > 0));
  const none = sorted.filter((e) => !e.pBy.some((p) => p > 0));
  panel.append(el('h3', { text: 'Events: probability of having happened by each date' }));
  panel.append(
    eventsTable(
      seen,
      runs,
      last,
      `Probability by ${last}, most likely first, with the date by which half of runs have seen it`,
    ),
  );
  if (none.length) {
    panel.append(
      el('details', { class: 'never' }, [
        el('summary', {
          text: `${none.length} event${none.length === 1 ? '' : 's'} happened in no run (${probabilityText(0, runs)} each)`,
        }),
        eventsTable(
          none,
          runs,
          last,
          `Events that happened in none of the ${runs.toLocaleString('en-US')} runs`,
        ),
      ]),
    );
  }
  /** @type {Map<string, EventSummary[]>} */
  const byEvent = new Map();
  for (const e of group.items) byEvent.set(e.event, [...(byEvent.get(e.event) ?? []), e]);
  const grid = el('div', { class: 'grid' });
  panel.append(grid);
  const never = [];
  for (const [event, items] of byEvent) {
    const drawn = items.filter((e) => e.pBy.some((p) => p > 0));
    const label = items[0]?.label ?? event;
    if (drawn.length === 0) {
      never.push(label);
      continue;
    }
    addProbabilityFigure(
      grid,
      ctx,
      `${label}: probability it has happened by each date`,
      drawn.map((e) => ({
        label: e.member ?? e.label,
        data: e.pBy,
        ...(e.member !== undefined ? { member: e.member } : {}),
      })),
    );
  }
  if (never.length)
    panel.append(el('p', { class: 'muted', text: `Not drawn (happened in no run): ${never.join(', ')}.` }));
}
