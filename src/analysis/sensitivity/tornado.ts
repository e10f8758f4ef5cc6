/**
 * Tornado: one factor at a time swung to the 5th and then the 95th percentile of its distribution, every
 * other uncertain parameter at its median, each setting run on the same R runs' other numbers (initial
 * values, events, the rules' chance); the effect is the mean output over those runs (for a threshold or
 * event, its probability by the date). One-at-a-time: it shows no interactions, and it ignores declared
 * correlations (the others stay at their medians whatever the swung one does).
 */
import type { Design } from '../../engine/runBlock.js';
import { standardNormalQuantile } from '../../random/normal.js';
import type { Factor } from './factors.js';

export const TORNADO_LOW = 0.05;
export const TORNADO_HIGH = 0.95;

/** Settings base, then (low, high) per factor, each over runs 0 … R − 1: (1 + 2k)·R evaluations. */
export function tornadoDesign(factors: readonly Factor[], R: number): Design {
  const slots = factors.flatMap((f) => f.slots);
  const m = slots.length;
  const settings = 1 + 2 * factors.length;
  const u = new Float64Array(settings * R * m).fill(0.5);
  const noiseRun = new Int32Array(settings * R);
  let offset = 0;
  factors.forEach((f, i) => {
    for (const [side, q] of [
      [1, TORNADO_LOW],
      [2, TORNADO_HIGH],
    ] as const) {
      const setting = 1 + 2 * i + side - 1;
      for (let r = 0; r < R; r++) {
        for (let c = 0; c < f.slots.length; c++) u[(setting * R + r) * m + offset + c] = q;
      }
    }
    offset += f.slots.length;
  });
  for (let e = 0; e < noiseRun.length; e++) noiseRun[e] = e % R;
  return { slots, u, noiseRun };
}

export interface TornadoBar {
  readonly base: number;
  readonly low: number;
  readonly high: number;
  /** |high − low|. */
  readonly swing: number;
  /**
   * The swing's interval at the level asked: high − low is a mean of R paired differences (the two
   * settings share each run's other numbers), so its interval is (mean ± q·sd/√R), and the swing's is that
   * interval's image under |·| (from 0 when it holds 0).
   */
  readonly swing_ci: [number, number];
}

/** The mean output at base and at each factor's low and high settings, the swing with its interval. */
export function tornadoBars(f: Float64Array, k: number, R: number, level = 0.95): TornadoBar[] {
  const mean = (setting: number) => {
    let s = 0;
    for (let r = 0; r < R; r++) s += f[setting * R + r]!;
    return s / R;
  };
  const q = standardNormalQuantile(1 - (1 - level) / 2);
  const base = mean(0);
  return Array.from({ length: k }, (_, i) => {
    const low = mean(1 + 2 * i);
    const high = mean(2 + 2 * i);
    const d = high - low;
    let ss = 0;
    for (let r = 0; r < R; r++) ss += (f[(2 + 2 * i) * R + r]! - f[(1 + 2 * i) * R + r]! - d) ** 2;
    const h = R > 1 ? q * Math.sqrt(ss / (R - 1) / R) : Number.POSITIVE_INFINITY;
    const [lo, hi] = [d - h, d + h];
    const swing_ci: [number, number] =
      lo <= 0 && hi >= 0
        ? [0, Math.max(-lo, hi)]
        : [Math.min(Math.abs(lo), Math.abs(hi)), Math.max(Math.abs(lo), Math.abs(hi))];
    return { base, low, high, swing: Math.abs(d), swing_ci };
  });
}
