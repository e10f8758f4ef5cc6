/**
 * The Brier score of probability forecasts of binary outcomes: the mean of (p − y)², y ∈ {0, 1}.
 * Negatively oriented (0 is perfect, 1 the worst). G. W. Brier, "Verification of forecasts expressed in
 * terms of probability", Monthly Weather Review 78(1), 1950, eq. 1 (for two classes, halved: Brier's sum
 * runs over both classes and gives twice this value). O(n).
 */
export function brier(p: readonly number[], y: readonly (0 | 1)[]): number {
  if (p.length !== y.length || p.length === 0)
    throw new RangeError('brier: forecasts and outcomes must pair up');
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += (p[i]! - y[i]!) ** 2;
  return sum / p.length;
}
