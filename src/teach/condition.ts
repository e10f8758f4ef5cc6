/**
 * Conditioning runs on what was seen. Each run's prior weight is 1 (runs are draws from the prior); a hard
 * observation (`happened`, `between`) multiplies by 1 or 0 (exact rejection), a soft one (`about`: the
 * value measured with Gaussian error σ) by the likelihood exp(−(x − v)²/(2σ²)) (importance weights; the
 * constant 1/(σ√2π) cancels when the weights are normalised). What is left is a weighted sample of the
 * posterior; its effective number of runs is Kish's (Σw)²/Σw² (teach/outcome.ts).
 */
import type { Observation } from '../model/schema.js';

/** One observation with the column of its output at its date (one value per run; 0/1 for "happened by"). */
export interface ObservedColumn {
  readonly observation: Observation;
  readonly column: Float64Array;
}

export interface ObservationFit {
  /** Runs it leaves with a nonzero weight (all runs for a soft observation). */
  readonly consistent: number;
  /** Its own effective number of runs, alone. */
  readonly effectiveRuns: number;
}

/** The likelihood of one run's value under one observation (1 or 0 when hard). */
export function likelihood(o: Observation, x: number): number {
  if (o.happened !== undefined) return (x !== 0) === o.happened ? 1 : 0;
  if (o.between !== undefined) return x >= o.between[0] && x <= o.between[1] ? 1 : 0;
  const { value, sd } = o.about!;
  return Math.exp(-((x - value) ** 2) / (2 * sd * sd));
}

/** The weights of n runs under every observation at once, and what each observation alone leaves. */
export function conditionWeights(
  observed: readonly ObservedColumn[],
  runs: number,
): { weights: Float64Array; fits: ObservationFit[] } {
  const weights = new Float64Array(runs).fill(1);
  const fits = observed.map(({ observation, column }) => {
    let consistent = 0;
    let s = 0;
    let s2 = 0;
    for (let r = 0; r < runs; r++) {
      const l = likelihood(observation, column[r]!);
      weights[r]! *= l;
      if (l > 0) consistent++;
      s += l;
      s2 += l * l;
    }
    return { consistent, effectiveRuns: s2 > 0 ? (s * s) / s2 : 0 };
  });
  return { weights, fits };
}

/** An observation in words: "IMU pledge_isis by 2015Q4: happened", "KTJ strength at 2022: 500–1000". */
export function describeObservation(o: Observation): string {
  const what = `${o.member !== undefined ? `${o.member} ` : ''}${o.output}`;
  if (o.happened !== undefined) return `${what} by ${o.at}: ${o.happened ? 'happened' : 'not happened'}`;
  if (o.between !== undefined) return `${what} at ${o.at}: between ${o.between[0]} and ${o.between[1]}`;
  return `${what} at ${o.at}: about ${o.about!.value} (Gaussian error, sd ${o.about!.sd})`;
}
