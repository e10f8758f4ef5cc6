/**
 * Percentile bootstrap interval of a statistic over claims (B. Efron, "Bootstrap methods", Annals of
 * Statistics 7(1), 1979; the percentile interval of Efron & Tibshirani 1993, ch. 13): resample the n claims
 * with replacement `resamples` times and take the 2.5% and 97.5% quantiles (type 7) of the statistic.
 * Seeded, so intervals reproduce. With the handful of claims in the catalogue the intervals are wide and,
 * below about 20 claims, too narrow rather than too wide: the resamples cannot show outcomes never seen.
 */
import { quantileSorted } from '../analysis/quantile.js';
import { runStream, seedKey } from '../random/stream.js';

export const BOOTSTRAP_RESAMPLES = 2000;

export function bootstrapInterval(
  n: number,
  statistic: (indices: readonly number[]) => number,
  seed: number | string = 'oxus-score',
  resamples = BOOTSTRAP_RESAMPLES,
): [number, number] {
  if (n === 0) throw new RangeError('bootstrapInterval: no claims');
  const uniform = runStream(seedKey(seed), 0, 0);
  const values = new Float64Array(resamples);
  const indices = new Array<number>(n);
  for (let b = 0; b < resamples; b++) {
    for (let i = 0; i < n; i++) indices[i] = Math.floor(uniform() * n);
    values[b] = statistic(indices);
  }
  values.sort();
  return [quantileSorted(values, 0.025), quantileSorted(values, 0.975)];
}
