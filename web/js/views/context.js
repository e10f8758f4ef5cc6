/**
 * What every view needs to draw a result: the result, the chart subtitle naming the run and what was
 * edited (the first few edits on screen, every edit in an exported PNG), the date-axis title and the
 * colour of each member.
 */
import { shortEditText } from '../edits.js';
import { dateAxisLabel } from '../format.js';
import { colourIndexer } from '../groups.js';

/**
 * @typedef {import('../groups.js').Result} Result
 * @typedef {{result: Result, subtitle: string, fullSubtitle: string, edits: string[], xLabel: string,
 *   colourOf: (member: string|undefined, fallback: number) => number}} ViewContext
 */

/**
 * "baseline_2016 · 1,000 runs · seed 2016".
 * @param {Result} result
 */
export function runLabel(result) {
  const r = result.receipt;
  return `${r.scenario ?? r.model} · ${Number(r.runs).toLocaleString('en-US')} runs · seed ${r.seed}`;
}

/** Edits shown in a chart's subtitle on screen; the rest are counted (and listed above the results). */
const SUBTITLE_EDITS = 3;

/**
 * @param {Result} result
 * @param {string[]} [edits] what the run changed, one line each (edits.js)
 * @returns {ViewContext}
 */
export function contextOf(result, edits = []) {
  const label = runLabel(result);
  const withEdits = (/** @type {number} */ max) =>
    edits.length ? `${label} · edited: ${shortEditText(edits, max)}` : label;
  return {
    result,
    subtitle: withEdits(SUBTITLE_EDITS),
    fullSubtitle: withEdits(edits.length),
    edits,
    xLabel: dateAxisLabel(result.timeUnit),
    colourOf: colourIndexer(result.summary),
  };
}
