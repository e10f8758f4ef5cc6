/**
 * Murphy's decomposition of the Brier score: BS = reliability − resolution + uncertainty
 * (A. H. Murphy, "A new vector partition of the probability score", J. Applied Meteorology 12, 1973).
 * Forecasts are grouped by their distinct values, which makes the identity exact; grouping into bins
 * instead would leave a within-bin term (Stephenson et al. 2008) that this avoids.
 */
export interface MurphyDecomposition {
  readonly reliability: number;
  readonly resolution: number;
  readonly uncertainty: number;
  /** reliability − resolution + uncertainty: equals the Brier score up to rounding. */
  readonly brier: number;
}

export function murphy(p: readonly number[], y: readonly (0 | 1)[]): MurphyDecomposition {
  const n = p.length;
  if (n === 0 || y.length !== n) throw new RangeError('murphy: forecasts and outcomes must pair up');
  const groups = new Map<number, { count: number; hits: number }>();
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const g = groups.get(p[i]!) ?? { count: 0, hits: 0 };
    g.count++;
    g.hits += y[i]!;
    hits += y[i]!;
    groups.set(p[i]!, g);
  }
  const base = hits / n;
  let reliability = 0;
  let resolution = 0;
  for (const [f, g] of groups) {
    const freq = g.hits / g.count;
    reliability += g.count * (f - freq) ** 2;
    resolution += g.count * (freq - base) ** 2;
  }
  reliability /= n;
  resolution /= n;
  const uncertainty = base * (1 - base);
  return { reliability, resolution, uncertainty, brier: reliability - resolution + uncertainty };
}
