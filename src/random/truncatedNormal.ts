/**
 * Quantiles of the standard normal truncated to [a, b], accurate far into either tail.
 */
import { standardNormalCdf, standardNormalQuantile } from './normal.js';

/**
 * The quantile of the standard normal truncated to [a, b]: Φ⁻¹(Φ(a) + p·(Φ(b) − Φ(a))), clamped to [a, b].
 *
 * An interval in the upper tail (a > 0) is mirrored to [−b, −a], where Φ keeps full relative precision
 * (1 − Φ(a) would round to 0 beyond a ≈ 8.3), so this stays accurate out to |a| ≈ 37. When the interval
 * holds no mass that doubles can represent (a = b, or beyond ~37 sd), it returns the bound nearest the
 * distribution's centre. NaN when p is outside [0, 1] or not a ≤ b.
 */
export function truncatedStandardNormalQuantile(p: number, a: number, b: number): number {
  if (!(p >= 0 && p <= 1 && a <= b)) return Number.NaN;
  if (a > 0) return -truncatedStandardNormalQuantile(1 - p, -b, -a);
  const fa = standardNormalCdf(a);
  const fb = standardNormalCdf(b);
  if (!(fb > fa)) return b;
  const z = standardNormalQuantile(fa + p * (fb - fa));
  return Math.min(b, Math.max(a, z));
}
