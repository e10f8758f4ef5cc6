/** What `oxus condition` prints: the observations, how many runs each leaves, and the output before and after. */
import type { ConditionResult } from '../conditioning.js';
import { showOutcome } from './assumptionsTable.js';
import { formatNumber } from './format.js';
import { table } from './table.js';

export function renderConditionTable(r: ConditionResult): string {
  const t = table(['observation', 'kind', 'runs consistent', 'effective runs alone']);
  for (const o of r.observations) {
    t.push([
      o.label ?? o.text,
      o.about ? 'soft (weights)' : 'hard (rejection)',
      `${o.consistent.toLocaleString('en-US')} of ${r.runs.toLocaleString('en-US')}`,
      formatNumber(o.effectiveRuns),
    ]);
  }
  const what = `${r.member !== undefined ? `${r.member}.` : ''}${r.output} at ${r.at}`;
  return `${[
    `Conditioned on what was seen: ${r.runs.toLocaleString('en-US')} runs, seed ${r.receipt.seed}`,
    t.toString(),
    `All observations together: ${r.consistentRuns.toLocaleString('en-US')} runs consistent, ${formatNumber(r.effectiveRuns)} effective runs`,
    ...(r.warning ? [`Warning: ${r.warning}`] : []),
    `${what}`,
    `  all runs:     ${showOutcome(r.prior)}`,
    `  conditioned:  ${showOutcome(r.posterior)}`,
  ].join('\n')}\n`;
}
