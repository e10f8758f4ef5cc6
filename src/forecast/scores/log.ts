/**
 * The logarithmic (ignorance) score: the mean of −ln(p) when the event happened and −ln(1 − p) when it did
 * not; negatively oriented, 0 is perfect. I. J. Good, "Rational decisions", J. Royal Statistical Society B
 * 14(1), 1952; proper (Gneiting & Raftery 2007, section 3). O(n).
 *
 * Clipping: a forecast of exactly 0 or 1 that turns out wrong scores infinity, so probabilities are clipped
 * to [LOG_CLIP, 1 − LOG_CLIP] first. LOG_CLIP = 0.01, the ends of the ICD 203 scale (1% and 99%): nobody
 * who speaks in its words says more than "almost certain". The worst score is then −ln 0.01 ≈ 4.61.
 */
export const LOG_CLIP = 0.01;

export function logScore(p: readonly number[], y: readonly (0 | 1)[]): number {
  if (p.length !== y.length || p.length === 0)
    throw new RangeError('logScore: forecasts and outcomes must pair up');
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(1 - LOG_CLIP, Math.max(LOG_CLIP, p[i]!));
    sum -= Math.log(y[i] === 1 ? q : 1 - q);
  }
  return sum / p.length;
}
