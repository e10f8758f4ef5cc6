/**
 * The Wilson score interval of a binomial proportion (E. B. Wilson, "Probable inference, the law of
 * succession, and statistical inference", JASA 22, 1927): for k successes in n trials and the normal
 * quantile z, centre (k + z²/2)/(n + z²) ± z·√(k(n−k)/n + z²/4)/(n + z²). Unlike the Wald interval it stays
 * inside [0, 1] and is not empty at k = 0 or k = n: with no successes its upper end is z²/(n + z²), so a
 * Monte Carlo count of zero reads "< x%" for the run count used. No imports: the web UI loads it as is.
 */

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/** [lower, upper] of the Wilson interval of k successes in n trials (n ≥ 1, 0 ≤ k ≤ n). */
export function wilsonInterval(k: number, n: number, z: number = Z95): [number, number] {
  const z2 = z * z;
  const centre = (k + z2 / 2) / (n + z2);
  const half = (z * Math.sqrt((k * (n - k)) / n + z2 / 4)) / (n + z2);
  // At k = 0 and k = n the bounds are exactly 0 and 1 (rounding would put them a hair off).
  return [k === 0 ? 0 : Math.max(0, centre - half), k === n ? 1 : Math.min(1, centre + half)];
}
