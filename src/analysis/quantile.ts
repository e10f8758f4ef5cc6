/**
 * Sample quantile of sorted data, definition 7 of Hyndman & Fan (1996): the default of R's `quantile` and
 * of numpy's `percentile`. h = (n - 1) p; Q = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
 * Cost O(1) on sorted input.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  if (lo + 1 >= n) return a;
  return a + (h - lo) * (sorted[lo + 1]! - a);
}
