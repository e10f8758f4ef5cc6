/**
 * Histogram of per-run values: Sturges' rule, k = max(5, ⌈log₂ n⌉ + 1) equal-width bins from the smallest to
 * the largest value (Sturges 1926; the default of R's `hist`), the last bin closed. One bin when every run
 * has the same value. Counts are integers, so the histogram is exact and independent of run order.
 */
export interface Bin {
  readonly lo: number;
  readonly hi: number;
  readonly count: number;
}

/** Bins the first `n` values of `values` (finite numbers). */
export function histogramOf(values: ArrayLike<number>, n = values.length): Bin[] {
  if (n === 0) return [];
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return [{ lo: min, hi: max, count: n }];
  const k = Math.max(5, Math.ceil(Math.log2(n)) + 1);
  const width = (max - min) / k;
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) counts[Math.min(k - 1, Math.floor((values[i]! - min) / width))]!++;
  return counts.map((count, i) => ({
    lo: min + i * width,
    hi: i === k - 1 ? max : min + (i + 1) * width,
    count,
  }));
}
