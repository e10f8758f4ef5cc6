/**
 * The tables `oxus compare` prints: for series, the paired difference B − A (median and 90% range) and
 * P(B < A), P(B = A), P(B > A) with their Monte Carlo standard errors; for thresholds and events, the paired
 * table of runs (both, only A, only B, neither) and pB − pA with its paired standard error.
 */
import type { Comparison } from '../analysis/compare.js';
import type { CompareResult } from '../comparison.js';
import { csvCell } from './csvCell.js';
import { compactNumber, formatNumber } from './format.js';
import { table } from './table.js';

const name = (c: Comparison) => (c.member !== undefined ? `${c.member} ${c.label}` : c.label);
const pm = (p: number, se: number) => `${p.toFixed(2)} ± ${se.toFixed(2)}`;

/** Renders a comparison as text tables. */
export function renderCompareTable(result: CompareResult): string {
  const { a, b } = result.names;
  const ra = result.receipts.a;
  const parts = [
    `Paired comparison: B = ${b} against A = ${a}`,
    `Runs paired on common random numbers: seed ${ra.seed}, ${ra.runs.toLocaleString('en-US')} runs each; ± is one Monte Carlo standard error`,
  ];
  const series = result.comparisons.filter((c) => c.kind === 'series');
  if (series.length) {
    const t = table(['B − A', 'date', 'median [5th–95th]', 'mean', 'P(B<A)', 'P(B=A)', 'P(B>A)']);
    for (const c of series) {
      const q = c.diff.percentiles;
      t.push([
        `${name(c)}${c.unit ? ` (${c.unit})` : ''}`,
        c.date,
        `${compactNumber(q['50']!)} [${compactNumber(q['5']!)}, ${compactNumber(q['95']!)}]`,
        `${formatNumber(c.diff.mean)} ± ${formatNumber(c.se.mean)}`,
        pm(c.pLess, c.se.pLess),
        pm(c.pEqual, c.se.pEqual),
        pm(c.pGreater, c.se.pGreater),
      ]);
    }
    parts.push('', 'Series', t.toString());
  }
  const occurrences = result.comparisons.filter((c) => c.table !== undefined);
  if (occurrences.length) {
    const t = table([
      'has happened by',
      'date',
      'both',
      'only A',
      'only B',
      'neither',
      'pA',
      'pB',
      'pB − pA',
    ]);
    for (const c of occurrences) {
      const s = c.table!;
      t.push([
        `${name(c)}${c.kind === 'event' ? ' (event)' : ''}`,
        c.date,
        s.both,
        s.onlyA,
        s.onlyB,
        s.neither,
        s.pA.toFixed(2),
        s.pB.toFixed(2),
        `${s.diff >= 0 ? '+' : ''}${s.diff.toFixed(3)} ± ${s.diffSe.toFixed(3)}`,
      ]);
    }
    parts.push('', 'Thresholds and events (runs)', t.toString());
  }
  if (!result.comparisons.length)
    parts.push('', 'Nothing to compare: the two share no output at these dates.');
  return `${parts.join('\n')}\n`;
}

/** Renders a comparison as long-form CSV: `kind,output,member,date,statistic,value`, receipts as comments. */
export function renderCompareCsv(result: CompareResult): string {
  const lines: string[] = [];
  for (const side of ['a', 'b'] as const) {
    for (const [k, v] of Object.entries(result.receipts[side])) lines.push(`# ${side}.${k}: ${v}`);
  }
  lines.push('kind,output,member,date,statistic,value');
  for (const c of result.comparisons) {
    const stats: [string, number][] = [
      ['diff_mean', c.diff.mean],
      ...Object.entries(c.diff.percentiles).map(([p, v]) => [`diff_p${p}`, v] as [string, number]),
      ['p_less', c.pLess],
      ['p_equal', c.pEqual],
      ['p_greater', c.pGreater],
      ['se_mean', c.se.mean],
      ['se_p_less', c.se.pLess],
      ['se_p_equal', c.se.pEqual],
      ['se_p_greater', c.se.pGreater],
      ...(c.table
        ? ([
            ['both', c.table.both],
            ['only_a', c.table.onlyA],
            ['only_b', c.table.onlyB],
            ['neither', c.table.neither],
            ['p_a', c.table.pA],
            ['p_b', c.table.pB],
            ['p_diff', c.table.diff],
            ['se_p_diff', c.table.diffSe],
          ] as [string, number][])
        : []),
    ];
    for (const [stat, value] of stats)
      lines.push([c.kind, c.output, c.member ?? '', c.date, stat, value].map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}
