/**
 * Checks the per-member units of parameters, state variables, derived values and series outputs:
 * `units` needs `for`, and names only members of that entity type.
 */
import type { ModelFile } from '../model/schema.js';
import type { BuildContext } from './buildContext.js';
import { checkMemberKeys } from './memberKeys.js';

export function checkMemberUnits(ctx: BuildContext, file: ModelFile): void {
  const sections = ['parameters', 'state', 'derived', 'outputs'] as const;
  for (const section of sections) {
    for (const [name, def] of Object.entries(file[section] ?? {})) {
      if (!('units' in def) || def.units === undefined) continue;
      const at = [section, name, 'units'];
      if (def.for === undefined) {
        ctx.report(at, 'E_SCHEMA', '`units` needs `for: <entity type>`', {
          expected: 'per-member units only on a declaration with `for`',
        });
        continue;
      }
      const members = ctx.sym.entities.get(def.for);
      if (!members) continue; // unknown entity type: reported with the names
      checkMemberKeys(ctx, at, def.for, members, Object.keys(def.units));
    }
  }
}
