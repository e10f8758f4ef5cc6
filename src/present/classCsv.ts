/** The class's entries for grading, `name,claim,p,outcome,brier` per entry (brier empty while unresolved). */
import type { Entrant } from '../forecast/classroom.js';
import type { ClaimForecasts } from '../forecast/score.js';
import { csvCell } from './csvCell.js';

export function classCsv(claims: readonly ClaimForecasts[], entrants: readonly Entrant[]): string {
  const byId = new Map(claims.map((c) => [c.id, c]));
  const lines = ['name,claim,p,outcome,brier'];
  for (const e of entrants) {
    for (const [claim, v] of Object.entries(e.entries)) {
      const out = byId.get(claim)?.outcome ?? null;
      const b = out === null ? '' : String((v - (out === 'yes' ? 1 : 0)) ** 2);
      lines.push([csvCell(e.name), claim, String(v), out ?? '', b].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}
