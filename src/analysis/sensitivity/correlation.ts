/**
 * Pearson's and Spearman's correlations of paired samples. Ranks are mid-ranks (ties share the average of
 * the ranks they span, as R's `rank(ties.method = "average")`), so a parameter fixed for a whole sample,
 * or an output that is 0 in most runs, gets a defined rank correlation.
 */

/** Pearson's sample correlation; NaN when either sample is constant. */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}

/** Mid-ranks 1..n of a sample: `ranks([3, 1, 3])` is `[2.5, 1, 2.5]`. */
export function ranks(xs: ArrayLike<number>): Float64Array {
  const n = xs.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => xs[i]! - xs[j]!);
  const r = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && xs[order[j]!] === xs[order[i]!]) j++;
    const mid = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) r[order[k]!] = mid;
    i = j;
  }
  return r;
}

/** Spearman's rank correlation: Pearson's correlation of the mid-ranks. */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return pearson(ranks(x), ranks(y));
}
