/**
 * What `oxus ach` prints: the matrix of P(evidence | hypothesis) with each cell's rating and each item's
 * diagnosticity, then the hypotheses' probabilities before and after the evidence seen, and their
 * inconsistency.
 */
import type { AchResult } from '../ach.js';
import { formatNumber, formatPercent } from './format.js';
import { table } from './table.js';

/** A hypothesis' definition in words: "p at 2010 < 0.3", "IMU Pledge to ISIS has happened by 2016Q4". */
function definition(h: AchResult['hypotheses'][number]): string {
  if (h.when === null) return 'the runs no hypothesis holds in';
  const what = `${h.member !== undefined ? `${h.member} ` : ''}${h.label}`;
  if (h.kind !== 'series' && h.when.op === '==' && (h.when.value === 1 || h.when.value === 0))
    return `${what} ${h.when.value === 1 ? 'has' : 'has not'} happened by ${h.at}`;
  return `${what} at ${h.at} ${h.when.op} ${formatNumber(h.when.value)}`;
}

export function renderAchTable(r: AchResult): string {
  const names = r.hypotheses.map((h) => h.name);
  const m = table(['#', 'evidence', 'seen', ...names, 'diagnosticity']);
  r.evidence.forEach((e, i) => {
    m.push([
      String(i + 1),
      e.text,
      e.seen ? 'yes' : '',
      ...e.cells.map((c) => (c.p === null ? '–' : `${formatNumber(c.p)} ${c.rating ?? ''}`.trim())),
      e.diagnosticity === null
        ? e.excludes.length
          ? `rules out ${e.excludes.join(', ')}`
          : '–'
        : formatNumber(e.diagnosticity),
    ]);
  });
  const h = table([
    'hypothesis',
    'runs',
    'before',
    'after the evidence seen',
    'as if independent',
    'inconsistency',
  ]);
  for (const x of r.hypotheses) {
    const i = x.inconsistency;
    h.push([
      `${x.name}: ${definition(x)}`,
      x.runs.toLocaleString('en-US'),
      formatPercent(x.prior.p),
      `${formatPercent(x.posterior.p)} ± ${formatNumber(x.posterior.se)}`,
      x.independentPosterior === null ? '–' : formatPercent(x.independentPosterior),
      i.ruledOutBy.length
        ? `ruled out by ${i.ruledOutBy.join(', ')}`
        : `${formatNumber(i.bans)} bans (${i.inconsistent} I, ${i.veryInconsistent} II)`,
    ]);
  }
  return `${[
    `Competing hypotheses: ${r.runs.toLocaleString('en-US')} runs, seed ${r.receipt.seed}; cells are P(evidence | hypothesis) from the runs`,
    m.toString(),
    'C consistent; I inconsistent (likelihood ratio to the best-fitting hypothesis below 1/3); II very inconsistent (below 1/20)',
    h.toString(),
    `Evidence seen: ${r.consistentRuns.toLocaleString('en-US')} runs consistent, ${formatNumber(r.effectiveRuns)} effective runs${r.overlapping ? `; ${r.overlapping.toLocaleString('en-US')} runs met more than one hypothesis and count in the first` : ''}`,
    ...(r.warning ? [`Warning: ${r.warning}`] : []),
  ].join('\n')}\n`;
}
