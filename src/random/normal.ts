/**
 * The standard normal CDF Φ and its inverse, accurate to full relative precision in both tails.
 */
import erfcinv from '@stdlib/math-base-special-erfcinv';
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';

/**
 * Φ⁻¹(p), the standard normal quantile: −√2·erfc⁻¹(2p) for p < ½ and √2·erfc⁻¹(2(1 − p)) above (1 − p is
 * exact there), NaN outside [0, 1]. stdlib's normal quantile goes through erfinv(2p − 1), which loses
 * digits for small p (relative error ~2e-9 at p = 1e-10) and returns −Infinity below p ≈ 1e-16; through
 * erfc⁻¹ the lower tail keeps full precision down to p = 1e-300 (Φ⁻¹ = −37.047).
 */
export function standardNormalQuantile(p: number): number {
  return p < 0.5 ? -Math.SQRT2 * erfcinv(2 * p) : Math.SQRT2 * erfcinv(2 * (1 - p));
}

/** Φ(x), the standard normal CDF, ½·erfc(−x/√2) (stdlib), with full relative precision in the lower tail. */
export function standardNormalCdf(x: number): number {
  return normalCdf(x, 0, 1);
}
