/**
 * The readable table `oxus run` prints by default: medians with 90% ranges for series, probabilities with
 * ICD 203 estimative words for thresholds and events, and who leads, at a few evenly spaced dates.
 * Rows whose probability stays 0 at every date are left out (and counted), so the table reads at a glance.
 */
import Table from 'cli-table3';
import { estimativeTerm, ICD_203 } from '../analysis/estimative.js';
import type { Result } from '../pipeline.js';
import { compactNumber, evenIndices, formatPercent } from './format.js';

const name = (x: { label: string; member?: string }) =>
  x.member !== undefined ? `${x.member} ${x.label}` : x.label;

/** A compact text table with the given header row. */
export function table(head: string[]): Table.Table {
  return new Table({
    head,
    style: { head: [], border: [], compact: true, 'padding-left': 1, 'padding-right': 1 },
  });
}

/** Which probability the table shows for thresholds: has it happened by the date, does it hold at it, or both. */
export type ProbabilityView = 'by' | 'at' | 'both';

export interface TableOptions {
  /** Points of the axis to show (default: six evenly spaced ones, first and last included). */
  readonly points?: readonly number[];
  readonly probability?: ProbabilityView;
}

/** Renders a result as text tables. */
export function renderTable(result: Result, options: TableOptions = {}): string {
  const { summary, receipt } = result;
  const cols = options.points?.length ? [...options.points] : evenIndices(summary.dates.length - 1, 6);
  const view = options.probability ?? 'by';
  const dates = cols.map((k) => summary.dates[k]!);
  const last = summary.dates.length - 1;
  const parts: string[] = [];
  parts.push(result.title);
  if (result.question) parts.push(`Question: ${result.question}`);
  parts.push(
    `Receipt: model ${receipt.model} (${receipt.modelHash.slice(0, 12)})` +
      (receipt.scenario ? `, scenario ${receipt.scenario} (${receipt.scenarioHash?.slice(0, 12)})` : '') +
      `, seed ${receipt.seed}, ${receipt.runs.toLocaleString('en-US')} runs, oxus ${receipt.oxus}`,
  );
  if (summary.series.length) {
    const t = table(['median [5th–95th percentile]', ...dates]);
    for (const s of summary.series) {
      t.push([
        `${name(s)}${s.unit ? ` (${s.unit})` : ''}`,
        ...cols.map(
          (k) =>
            `${compactNumber(s.percentiles['50']![k]!)} [${compactNumber(s.percentiles['5']![k]!)}–${compactNumber(s.percentiles['95']![k]!)}]`,
        ),
      ]);
    }
    parts.push('', 'Projections', t.toString());
  }
  const events = summary.events.map((s) => ({ label: `${name(s)} (event)`, p: s.pBy, first: s.firstTime }));
  const thresholds = (p: 'pBy' | 'pAt') =>
    summary.thresholds.map((s) => ({ label: name(s), p: s[p], first: s.firstTime }));
  const rows = view === 'at' ? events : [...thresholds('pBy'), ...events];
  const shown = rows.filter((r) => r.p.some((x) => x > 0));
  const scale = ICD_203.map(
    (r) => `${r.term} ${Math.round(r.lower * 100)}–${Math.round(r.upper * 100)}%`,
  ).join(', ');
  parts.push(...(shown.length || view !== 'by' ? ['', `Probabilities (words: ICD 203 — ${scale})`] : []));
  if (shown.length) {
    const t = table([
      'probability that it has happened by',
      ...dates,
      `by ${summary.dates[last]}`,
      'median time',
    ]);
    for (const row of shown) {
      t.push([
        row.label,
        ...cols.map((k) => formatPercent(row.p[k]!)),
        estimativeTerm(row.p[last]!).term,
        row.first.p50 ?? `after ${summary.dates[last]}`,
      ]);
    }
    parts.push(t.toString());
  }
  if (view !== 'by' && summary.thresholds.length) {
    // A threshold can hold and stop holding again: at a date is not "by" it.
    const t = table(['probability that it holds at the date', ...dates, `at ${summary.dates[last]}`]);
    for (const row of thresholds('pAt'))
      t.push([row.label, ...cols.map((k) => formatPercent(row.p[k]!)), estimativeTerm(row.p[last]!).term]);
    parts.push(t.toString());
  }
  const hidden = rows.length - shown.length;
  if (hidden > 0) {
    const kinds = hidden === 1 ? 'threshold or event' : 'thresholds and events';
    parts.push(
      `(${hidden} ${kinds} with probability 0 at every date ${hidden === 1 ? 'is' : 'are'} not shown)`,
    );
  }
  for (const l of summary.leaders) {
    const t = table([`${l.label}: share of runs`, ...dates]);
    for (const [member, share] of Object.entries(l.share)) {
      if (share.some((x) => x > 0)) t.push([member, ...cols.map((k) => formatPercent(share[k]!))]);
    }
    parts.push('', t.toString());
  }
  return `${parts.join('\n')}\n`;
}
