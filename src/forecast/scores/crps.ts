/**
 * The continuous ranked probability score of a forecast given as a sample, against one observation:
 * CRPS(F, y) = E|X − y| − ½ E|X − X'|, X and X' independent draws from F (Gneiting & Raftery 2007,
 * "Strictly proper scoring rules, prediction, and estimation", JASA 102(477), eq. 21), with F the sample's
 * empirical distribution. Negatively oriented, in the observation's unit; for a single value it is the
 * absolute error. O(m log m): the pair sum uses the sorted sample, Σ_i Σ_j |x_i − x_j| = 2 Σ_k (2k − m + 1) x_(k)
 * for 0-based order statistics x_(k).
 */
export function crpsSample(sample: ArrayLike<number>, y: number): number {
  const m = sample.length;
  if (m === 0) throw new RangeError('crpsSample: an empty sample');
  const sorted = Float64Array.from(sample).sort();
  let absErr = 0;
  let pairs = 0;
  for (let k = 0; k < m; k++) {
    absErr += Math.abs(sorted[k]! - y);
    pairs += (2 * k - m + 1) * sorted[k]!;
  }
  return absErr / m - pairs / (m * m);
}
