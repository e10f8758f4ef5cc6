/**
 * The discrete `choice` distribution: values with weights (equal when omitted), optionally restricted to
 * the values inside [lo, hi] (truncation). Values need not be sorted or distinct; every function works
 * over the list in place, without allocating.
 */
import type { Distribution } from '../model/schema.js';

/** A `choice` distribution of the model format. */
export type Choice = Extract<Distribution, { dist: 'choice' }>;

/** The weight of the i-th value: its given weight, or 1 when no weights are given. */
function weightAt(d: Choice, i: number): number {
  return d.weights === undefined ? 1 : (d.weights[i] ?? 0);
}

/** The total weight of the values inside [lo, hi] that are at most x. */
function massUpTo(d: Choice, x: number, lo: number, hi: number): number {
  let mass = 0;
  for (let i = 0; i < d.values.length; i++) {
    const v = d.values[i]!;
    if (v >= lo && v <= hi && v <= x) mass += weightAt(d, i);
  }
  return mass;
}

/**
 * The quantile Q(p) = the smallest value v with p < F(v) among the values inside [lo, hi] (renormalised),
 * so a uniform p in [0, 1) picks each value with probability weight/total; Q(1) is the largest value.
 * NaN when no value inside [lo, hi] has positive weight.
 */
export function choiceQuantile(d: Choice, p: number, lo = -Infinity, hi = Infinity): number {
  const target = p * massUpTo(d, Infinity, lo, hi);
  let below = Number.NaN; // smallest value whose cumulative mass exceeds the target
  let largest = Number.NaN; // fallback for p = 1 (or rounding that leaves the target at the total)
  for (let i = 0; i < d.values.length; i++) {
    const v = d.values[i]!;
    if (!(weightAt(d, i) > 0 && v >= lo && v <= hi)) continue;
    if (!(v <= largest)) largest = v;
    if (!(v >= below) && target < massUpTo(d, v, lo, hi)) below = v;
  }
  return Number.isNaN(below) ? largest : below;
}

/** The cumulative distribution function F(x) = (total weight of values ≤ x) / (total weight). */
export function choiceCdf(d: Choice, x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  return massUpTo(d, x, -Infinity, Infinity) / massUpTo(d, Infinity, -Infinity, Infinity);
}

/** The weighted mean Σ wᵢvᵢ / Σ wᵢ. */
export function choiceMean(d: Choice): number {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < d.values.length; i++) {
    const w = weightAt(d, i);
    sum += w * d.values[i]!;
    total += w;
  }
  return sum / total;
}

/** The population variance Σ wᵢ(vᵢ − mean)² / Σ wᵢ (the values are the whole distribution, not a sample). */
export function choiceVariance(d: Choice): number {
  const mean = choiceMean(d);
  let sum = 0;
  let total = 0;
  for (let i = 0; i < d.values.length; i++) {
    const w = weightAt(d, i);
    const dev = d.values[i]! - mean;
    sum += w * dev * dev;
    total += w;
  }
  return sum / total;
}

/** The smallest and largest values with positive weight ([NaN, NaN] when there are none). */
export function choiceSupport(d: Choice): [number, number] {
  let lo = Number.NaN;
  let hi = Number.NaN;
  for (let i = 0; i < d.values.length; i++) {
    const v = d.values[i]!;
    if (!(weightAt(d, i) > 0)) continue;
    if (!(v >= lo)) lo = v;
    if (!(v <= hi)) hi = v;
  }
  return [lo, hi];
}
