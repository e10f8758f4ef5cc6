/**
 * What `oxus assumptions` prints: the key assumptions table (by sensitivity rank, then the fixed
 * parameters), the flagged ones named, and how far the answer moves on graded evidence only.
 */
import type { Comparison } from '../analysis/compare.js';
import type { AssumptionsResult } from '../assumptions.js';
import type { GradedSource } from '../teach/keyAssumptions.js';
import type { Outcome } from '../teach/outcome.js';
import { formatNumber, formatPercent } from './format.js';
import { table } from './table.js';

/** Sources in a few words: `seed 000`, `timeline.md (B)`, `judgment`. */
function cited(sources: readonly GradedSource[]): string {
  const counts = new Map<string, number>();
  for (const s of sources) {
    const key =
      'seed' in s
        ? `seed ${s.seed}`
        : 'domain' in s
          ? `${s.domain} (${s.grade})`
          : 'ref' in s
            ? `ref (${s.grade})`
            : 'judgment';
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ');
}

/** An outcome in words: a probability, or a median with its 90% range. */
export function showOutcome(o: Outcome): string {
  return o.kind === 'indicator'
    ? `${formatPercent(o.mean)} (± ${formatNumber(o.se)})`
    : `mean ${formatNumber(o.mean)}, median ${formatNumber(o.median!)} [90%: ${formatNumber(o.p5!)}–${formatNumber(o.p95!)}]`;
}

/** A paired difference in words. */
export function showDifference(d: Comparison): string {
  if (d.table)
    return `${d.table.diff >= 0 ? '+' : ''}${formatNumber(d.table.diff)} (paired SE ${formatNumber(d.table.diffSe)})`;
  return `mean ${d.diff.mean >= 0 ? '+' : ''}${formatNumber(d.diff.mean)} (SE ${formatNumber(d.se.mean)}); P(lower) ${formatPercent(d.pLess)}, P(higher) ${formatPercent(d.pGreater)}`;
}

export function renderAssumptionsTable(r: AssumptionsResult): string {
  const what = `${r.member !== undefined ? `${r.member}.` : ''}${r.output} at ${r.at}`;
  const rows = [...r.parameters].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const t = table(['rank', 'parameter', 'value', 'ρ', 'grade', 'sources', 'flag']);
  for (const p of rows) {
    t.push([
      p.rank === null ? '–' : String(p.rank),
      p.name,
      `${formatNumber(p.value)}${p.uncertainty ? ` (${p.uncertainty.dist})` : ''}${p.scenario ? ` [${p.scenario}]` : ''}`,
      p.rho === null ? '–' : formatNumber(p.rho),
      p.grade,
      cited(p.sources),
      p.flagged ? 'FLAG' : p.sensitive ? 'sensitive' : '',
    ]);
  }
  const flagged = rows.filter((p) => p.flagged).map((p) => p.name);
  const g = r.gradedOnly;
  return `${[
    `Key assumptions check of ${what}: ${r.runs.toLocaleString('en-US')} runs, seed ${r.receipt.seed}`,
    ...(r.question ? [`Question: ${r.question}`] : []),
    `Rank: by |Spearman ρ| with the output (oxus sensitivity --method rank); sensitive from |ρ| ≥ ${formatNumber(r.sensitiveAt)}. Flagged: sensitive and weakly sourced (no source graded A, B or seed).`,
    t.toString(),
    flagged.length ? `Flagged: ${flagged.join(', ')}` : 'No parameter is both sensitive and weakly sourced.',
    '',
    `On graded evidence only (${g.spread.length} judgment-only parameters spread over their allowed ranges${g.spread.length ? `: ${g.spread.join(', ')}` : ''}):`,
    ...(g.kept.length ? [`  kept as they are: ${g.kept.map((k) => `${k.name} (${k.why})`).join(', ')}`] : []),
    `  scenario:       ${showOutcome(g.scenario)}`,
    `  graded only:    ${showOutcome(g.gradedOnly)}`,
    `  run by run:     ${showDifference(g.difference)}`,
  ].join('\n')}\n`;
}
