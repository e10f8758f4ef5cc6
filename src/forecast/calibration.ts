/**
 * A calibration (reliability) table: forecasts in equal-width bins of probability, with the count, the mean
 * forecast and the observed frequency in each bin. Bins are [0, 0.1), [0.1, 0.2), … [0.9, 1]; an empty bin
 * has null means, so a chart can leave a gap rather than draw a point that was never observed.
 */
export interface CalibrationBin {
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  readonly meanForecast: number | null;
  readonly observed: number | null;
}

export function calibration(p: readonly number[], y: readonly (0 | 1)[], bins = 10): CalibrationBin[] {
  if (p.length !== y.length) throw new RangeError('calibration: forecasts and outcomes must pair up');
  const sums = Array.from({ length: bins }, () => ({ count: 0, p: 0, y: 0 }));
  for (let i = 0; i < p.length; i++) {
    const b = sums[Math.min(bins - 1, Math.floor(p[i]! * bins))]!;
    b.count++;
    b.p += p[i]!;
    b.y += y[i]!;
  }
  return sums.map((s, k) => ({
    lower: k / bins,
    upper: (k + 1) / bins,
    count: s.count,
    meanForecast: s.count ? s.p / s.count : null,
    observed: s.count ? s.y / s.count : null,
  }));
}
