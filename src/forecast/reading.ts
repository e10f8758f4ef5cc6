/**
 * The probability an expert's words stand for: the range of the scale term they were read as (or the
 * range given), scored at its low end, midpoint and high end.
 */
import { rangeOf } from './scales.js';
import type { Claim } from './schema.js';

export interface ExpertRange {
  readonly low: number;
  readonly mid: number;
  readonly high: number;
  /** "likely (icd203)" or "0.2–0.8". */
  readonly label: string;
}

export type RangePoint = 'low' | 'mid' | 'high';
export const RANGE_POINTS: readonly RangePoint[] = ['low', 'mid', 'high'];

export function expertRange(reading: Claim['reading']): ExpertRange {
  if ('range' in reading) {
    const [low, high] = reading.range;
    return { low, high, mid: (low + high) / 2, label: `${low}–${high}` };
  }
  const t = rangeOf(reading.scale, reading.term);
  if (!t) throw new RangeError(`'${reading.term}' is not a term of ${reading.scale}`);
  return { low: t.lower, high: t.upper, mid: (t.lower + t.upper) / 2, label: `${t.term} (${reading.scale})` };
}
