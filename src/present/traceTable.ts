/** `oxus trace` output: the run's story, its events; CSV of every contribution `from,to,state,source,amount`. */
import type { TraceResult } from '../runTrace.js';
import { csvCell } from './csvCell.js';

export function renderTraceText(t: TraceResult): string {
  const r = t.receipt;
  return `${[
    `Run ${t.run} of ${r.scenario ?? r.model} (seed ${r.seed}): ${t.events.length} event${t.events.length === 1 ? '' : 's'} fired`,
    '',
    ...t.story,
  ].join('\n')}\n`;
}

export function renderTraceCsv(t: TraceResult): string {
  const lines = Object.entries(t.receipt).map(([k, v]) => `# ${k}: ${v}`);
  lines.push(`# run: ${t.run}`, 'from,to,state,source,amount,value_before,value_after');
  for (const step of t.steps)
    for (const c of step.changes)
      for (const x of c.contributions)
        lines.push([step.from, step.to, c.state, x.source, x.amount, x.from, x.to].map(csvCell).join(','));
  return `${lines.join('\n')}\n`;
}
