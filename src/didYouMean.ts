/**
 * The one home of "did you mean" suggestions and of "expected one of …" lists, for every kind of name a
 * user can misspell: symbols and functions in expressions, parameters, members, events, state variables,
 * entity types, keys, outputs. A list is never cut without saying how many names were left out.
 */
import { qualify } from './qualifiedName.js';

/** Edit distance (Levenshtein: insertions, deletions and substitutions each cost 1). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0]!;
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = d[j]!;
      d[j] = Math.min(d[j]! + 1, d[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return d[b.length]!;
}

/**
 * Names close to `name`, nearest first, at most 5: case ignored, an edit distance of at most 1 for names of
 * up to 3 letters, else 2, and never more than half the longer name (so `X` does not suggest `A`).
 */
export function similar(name: string, names: Iterable<string>): string[] {
  const limit = name.length <= 3 ? 1 : 2;
  const lower = name.toLowerCase();
  const scored: { n: string; d: number }[] = [];
  for (const n of new Set(names)) {
    if (n === name) continue;
    const d = editDistance(lower, n.toLowerCase());
    if (d <= limit && 2 * d <= Math.max(name.length, n.length)) scored.push({ n, d });
  }
  return scored
    .sort((a, b) => a.d - b.d)
    .slice(0, 5)
    .map((s) => s.n);
}

/**
 * `; did you mean 'a' or 'b'?` for the names close to `name`, or '' when none is. With `member`, the
 * suggestions are shown qualified by it (`'IMU.recruit'` for a misspelt `IMU.recriut`).
 */
export function didYouMean(name: string, names: Iterable<string>, member?: string): string {
  const near = similar(name, names).map((n) => `'${qualify(n, member)}'`);
  if (near.length === 0) return '';
  const last = near.pop()!;
  return `; did you mean ${near.length ? `${near.join(', ')} or ${last}` : last}?`;
}

/** Most names an "expected one of" list shows; the rest are counted. */
export const LIST_LIMIT = 30;

/**
 * `a, b, c`, or the first `limit` names and `… and 12 more` when there are more; `none` when empty.
 * Names are shown in the order given.
 */
export function nameList(names: Iterable<string>, limit = LIST_LIMIT, none = '(none)'): string {
  const all = [...new Set(names)];
  if (all.length === 0) return none;
  if (all.length <= limit) return all.join(', ');
  return `${all.slice(0, limit).join(', ')}, … and ${all.length - limit} more`;
}

/** `one of a, b, c` (cut as nameList cuts), or `none` when there are no names. */
export function oneOf(
  names: Iterable<string>,
  none = 'nothing: none is declared',
  limit = LIST_LIMIT,
): string {
  const all = [...new Set(names)];
  return all.length ? `one of ${nameList(all, limit)}` : none;
}
