/**
 * CSV export in long form, one value per row: `kind,output,member,date,statistic,value`. Long form loads
 * directly into R, pandas or a spreadsheet pivot; the receipt comes first as comment lines.
 */
import type { Result } from '../pipeline.js';
import { csvCell } from './csvCell.js';

/** Renders a result as CSV text. */
export function renderCsv(result: Result): string {
  const { summary, receipt } = result;
  const lines: string[] = Object.entries(receipt).map(([k, v]) => `# ${k}: ${v}`);
  lines.push('kind,output,member,date,statistic,value');
  const row = (
    kind: string,
    output: string,
    member: string | undefined,
    k: number,
    stat: string,
    value: number,
  ) => lines.push([kind, output, member ?? '', summary.dates[k]!, stat, value].map(csvCell).join(','));
  for (const s of summary.series) {
    summary.dates.forEach((_, k) => {
      row('series', s.output, s.member, k, 'mean', s.mean[k]!);
      for (const [p, values] of Object.entries(s.percentiles))
        row('series', s.output, s.member, k, `p${p}`, values[k]!);
    });
  }
  for (const s of summary.thresholds) {
    summary.dates.forEach((_, k) => {
      row('threshold', s.output, s.member, k, 'pAt', s.pAt[k]!);
      row('threshold', s.output, s.member, k, 'pBy', s.pBy[k]!);
    });
  }
  for (const s of summary.events) {
    summary.dates.forEach((_, k) => {
      row('event', s.event, s.member, k, 'pBy', s.pBy[k]!);
    });
  }
  for (const l of summary.leaders) {
    for (const [member, share] of Object.entries(l.share)) {
      summary.dates.forEach((_, k) => {
        row('leader', l.output, member, k, 'share', share[k]!);
      });
    }
  }
  return `${lines.join('\n')}\n`;
}
