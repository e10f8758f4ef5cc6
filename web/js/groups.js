/**
 * Groups a result's outputs into views, whatever the model: per-member series by output (strength of
 * each group), global series by the prefix of their id when several share it and a unit (threat_uzbekistan,
 * threat_russia… → one "Threat index" view), thresholds by output, leaders, and all events together.
 */

/**
 * @typedef {{output: string, member?: string, label: string, unit: string, mean: number[], percentiles: Record<string, number[]>}} SeriesSummary
 * @typedef {{output: string, member?: string, label: string, pAt: number[], pBy: number[], firstTime: {pNever: number, p5: string|null, p50: string|null, p95: string|null}}} ThresholdSummary
 * @typedef {{event: string, member?: string, label: string, pBy: number[], firstTime: {pNever: number, p5: string|null, p50: string|null, p95: string|null}}} EventSummary
 * @typedef {{output: string, label: string, share: Record<string, number[]>}} LeaderSummary
 * @typedef {{date: string, point: number, histograms: Record<string, {lo: number, hi: number, count: number}[]>}} Snapshot
 * @typedef {{runs: number[], series: Record<string, number[][]>}} Samples
 * @typedef {{dates: string[], series: SeriesSummary[], thresholds: ThresholdSummary[], events: EventSummary[], leaders: LeaderSummary[], snapshots: Snapshot[], samples?: Samples}} Summary
 * @typedef {{format: string, receipt: Record<string, any>, title: string, question: string|null, timeUnit: string, summary: Summary}} Result
 *
 * @typedef {{kind: 'series', id: string, title: string, unit: string, items: SeriesSummary[]}} SeriesGroup
 * @typedef {{kind: 'threshold', id: string, title: string, items: ThresholdSummary[]}} ThresholdGroup
 * @typedef {{kind: 'leader', id: string, title: string, item: LeaderSummary}} LeaderGroup
 * @typedef {{kind: 'events', id: string, title: string, items: EventSummary[]}} EventsGroup
 * @typedef {SeriesGroup|ThresholdGroup|LeaderGroup|EventsGroup} Group
 */

/**
 * The longest common prefix of labels, cut at a word boundary and trimmed of separators.
 * @param {string[]} labels
 */
export function commonTitle(labels) {
  let prefix = labels[0] ?? '';
  for (const l of labels) while (!l.startsWith(prefix)) prefix = prefix.slice(0, -1);
  if (labels.some((l) => l.length > prefix.length && /\w/.test(l[prefix.length] ?? '')))
    prefix = prefix.replace(/\w+$/, '');
  return prefix
    .replace(/[\s\-–—:,(]+$/, '')
    .replace(/\s+(to|of|in|for|by|at|and|the|from)$/i, '')
    .trim();
}

/** @param {string} id */
const prefixOf = (id) => id.split('_')[0] ?? id;

/**
 * @param {Summary} summary
 * @returns {Group[]}
 */
export function groupsOf(summary) {
  /** @type {Map<string, SeriesSummary[]>} */
  const series = new Map();
  const globals = summary.series.filter((s) => s.member === undefined);
  for (const s of summary.series) {
    let key = s.output;
    if (s.member === undefined) {
      const siblings = globals.filter((g) => prefixOf(g.output) === prefixOf(s.output) && g.unit === s.unit);
      if (siblings.length > 1) key = `${prefixOf(s.output)}*`;
    }
    series.set(key, [...(series.get(key) ?? []), s]);
  }
  /** @type {Group[]} */
  const groups = [];
  for (const [key, items] of series) {
    const first = /** @type {SeriesSummary} */ (items[0]);
    const title = key.endsWith('*')
      ? commonTitle(items.map((i) => i.label)) || key.slice(0, -1)
      : first.label;
    groups.push({ kind: 'series', id: `series-${key.replace('*', '')}`, title, unit: first.unit, items });
  }
  /** @type {Map<string, ThresholdSummary[]>} */
  const thresholds = new Map();
  for (const t of summary.thresholds) thresholds.set(t.output, [...(thresholds.get(t.output) ?? []), t]);
  for (const [output, items] of thresholds) {
    groups.push({
      kind: 'threshold',
      id: `threshold-${output}`,
      title: /** @type {ThresholdSummary} */ (items[0]).label,
      items,
    });
  }
  for (const l of summary.leaders)
    groups.push({ kind: 'leader', id: `leader-${l.output}`, title: l.label, item: l });
  if (summary.events.length)
    groups.push({ kind: 'events', id: 'events', title: 'Events', items: summary.events });
  return groups;
}

/**
 * Colour index of a member or series: members keep one colour in every chart.
 * @param {Summary} summary
 */
export function colourIndexer(summary) {
  /** @type {string[]} */
  const members = [];
  for (const s of [...summary.series, ...summary.thresholds, ...summary.events]) {
    if (s.member !== undefined && !members.includes(s.member)) members.push(s.member);
  }
  /**
   * @param {string|undefined} member
   * @param {number} fallback
   */
  return (member, fallback) =>
    member !== undefined && members.includes(member) ? members.indexOf(member) : fallback;
}
