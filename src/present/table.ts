/**
 * The readable table `oxus run` prints by default: medians with 90% ranges for series, probabilities with
 * ICD 203 estimative words for thresholds and events, and who leads, at a few evenly spaced dates.
 */
import Table from 'cli-table3';
import { describeProbability } from '../analysis/estimative.js';
import type { Result } from '../pipeline.js';
import { evenIndices, formatNumber, formatPercent } from './format.js';

const name = (x: { label: string; member?: string }) =>
  x.member !== undefined ? `${x.member} ${x.label}` : x.label;

function table(head: string[]): Table.Table {
  return new Table({
    head,
    style: { head: [], border: [], compact: false, 'padding-left': 1, 'padding-right': 1 },
  });
}

/** Renders a result as text tables. */
export function renderTable(result: Result, columns = 6): string {
  const { summary, receipt } = result;
  const cols = evenIndices(summary.dates.length - 1, columns);
  const dates = cols.map((k) => summary.dates[k]!);
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
            `${formatNumber(s.percentiles['50']![k]!)} [${formatNumber(s.percentiles['5']![k]!)}–${formatNumber(s.percentiles['95']![k]!)}]`,
        ),
      ]);
    }
    parts.push('', 'Projections', t.toString());
  }
  const probs = [
    ...summary.thresholds.map((s) => ({ label: `${name(s)} (has happened)`, p: s.pBy, first: s.firstTime })),
    ...summary.events.map((s) => ({ label: `${name(s)} (event)`, p: s.pBy, first: s.firstTime })),
  ];
  if (probs.length) {
    const last = summary.dates.length - 1;
    const t = table(['probability by date', ...dates, `by ${summary.dates[last]}`, 'median time']);
    for (const row of probs) {
      t.push([
        row.label,
        ...cols.map((k) => formatPercent(row.p[k]!)),
        describeProbability(row.p[last]!),
        row.first.p50 ?? `after ${summary.dates[last]}`,
      ]);
    }
    parts.push('', 'Probabilities (ICD 203 words for the last date)', t.toString());
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
