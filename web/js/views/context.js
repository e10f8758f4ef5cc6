/**
 * What every view needs to draw a result: the result, the chart subtitle naming the run, the date-axis
 * title and the colour of each member.
 */
import { dateAxisLabel } from '../format.js';
import { colourIndexer } from '../groups.js';

/**
 * @typedef {import('../groups.js').Result} Result
 * @typedef {{result: Result, subtitle: string, xLabel: string, colourOf: (member: string|undefined, fallback: number) => number}} ViewContext
 */

/**
 * "baseline_2016 · 1,000 runs · seed 2016".
 * @param {Result} result
 */
export function runLabel(result) {
  const r = result.receipt;
  return `${r.scenario ?? r.model} · ${Number(r.runs).toLocaleString('en-US')} runs · seed ${r.seed}`;
}

/**
 * @param {Result} result
 * @returns {ViewContext}
 */
export function contextOf(result) {
  return {
    result,
    subtitle: runLabel(result),
    xLabel: dateAxisLabel(result.timeUnit),
    colourOf: colourIndexer(result.summary),
  };
}
