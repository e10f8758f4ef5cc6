/**
 * An answer of a teaching technique in words, with its uncertainty: a series' median and 90% range of the
 * runs and its mean ± standard error, a probability ± its standard error; a paired difference as the
 * mean of the per-run differences ± its standard error.
 */
import { fine, formatNumber, formatPercent } from '../format.js';

/**
 * @typedef {{kind: 'series'|'indicator', mean: number, sd: number, se: number, p5?: number, median?: number, p95?: number}} Outcome
 */

/** @param {number} x */
const signed = (x) => (x > 0 ? `+${formatNumber(x)}` : formatNumber(x));

/**
 * "median 899 (90% of runs 383 to 1,571); mean 912 ± 12", or "P = 65% ± 1.5%".
 * @param {Outcome} o
 */
export function outcomeText(o) {
  if (o.kind === 'indicator') return `probability ${formatPercent(o.mean)} ± ${fine(o.se)}`;
  return `median ${formatNumber(/** @type {number} */ (o.median))} (90% of runs ${formatNumber(/** @type {number} */ (o.p5))} to ${formatNumber(/** @type {number} */ (o.p95))}); mean ${formatNumber(o.mean)} ± ${formatNumber(o.se)}`;
}

/**
 * "−95.5 ± 3.66 (mean of the per-run differences); higher in 31% of runs, lower in 60%".
 * @param {{diff: {mean: number}, se: {mean: number}, pLess: number, pGreater: number}} c
 * @param {'series'|'indicator'} kind
 */
export function differenceText(c, kind) {
  const mean = kind === 'indicator' ? `${signed(c.diff.mean * 100)} points` : signed(c.diff.mean);
  const se = kind === 'indicator' ? `${formatNumber(c.se.mean * 100)} points` : formatNumber(c.se.mean);
  return `${mean} ± ${se} (mean of the per-run differences); higher in ${formatPercent(c.pGreater)} of runs, lower in ${formatPercent(c.pLess)}`;
}
