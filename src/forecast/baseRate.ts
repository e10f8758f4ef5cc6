/** The base-rate forecaster: a probability from a claim's reference class (docs/forecasts.md). */
import type { BaseRate } from './schema.js';

export function baseRateProbability(b: BaseRate): number {
  if (b.kind === 'poisson') {
    // Jeffreys' half-count keeps a reference class with no events off a certain "no".
    const rate = (b.count + 0.5) / b.years;
    return 1 - Math.exp(-rate * b.window);
  }
  return 2 ** ((-b.years / b.medianYears) * b.groups);
}
