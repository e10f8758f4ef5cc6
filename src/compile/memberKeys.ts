/**
 * The check that the keys of a per-member map (`members`, `units`, `initial`) name members of its entity
 * type, with a "did you mean" for each misspelt one.
 */
import { didYouMean, oneOf } from '../didYouMean.js';
import type { Path } from '../model/yamlFile.js';
import type { BuildContext } from './buildContext.js';

/** Reports every key of `keys` that is not a member of `entity` (whose members are `members`). */
export function checkMemberKeys(
  ctx: BuildContext,
  at: Path,
  entity: string,
  members: readonly string[],
  keys: Iterable<string>,
): void {
  for (const key of keys) {
    if (members.includes(key)) continue;
    ctx.report(at, 'E_UNKNOWN_MEMBER', `'${key}' is not a member of ${entity}${didYouMean(key, members)}`, {
      key,
      expected: oneOf(members),
      found: key,
    });
  }
}
