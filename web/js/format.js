/**
 * Numbers, probabilities and labels for people. Number formats and the ICD 203 words come from the
 * engine's own modules (served under /lib/), so the UI says exactly what the CLI says.
 */
import { describeProbability } from '/lib/estimative.js';
import { formatNumber, formatPercent } from '/lib/format.js';
import { qualify } from '/lib/qualifiedName.js';
import { wilsonInterval } from '/lib/wilson.js';

export { describeProbability, formatNumber, formatPercent };

/**
 * A percentage with one decimal below 10% and above 90% ("0.4%"): interval ends need the small digits.
 * @param {number} p
 */
export const fine = (p) => `${(p * 100).toFixed(p < 0.1 || p > 0.9 ? 1 : 0)}%`;

/**
 * A Monte Carlo probability over `runs` runs with its Wilson 95% interval: "34% (95% interval 31–37%)",
 * "< 0.4% (in none of 1,000 runs)", "> 99.6% (in all 1,000 runs)". Without `runs`, the percentage alone.
 * @param {number} p
 * @param {number} [runs]
 */
export function probabilityText(p, runs) {
  if (!runs) return formatPercent(p);
  const k = Math.round(p * runs);
  const [lo, hi] = wilsonInterval(k, runs);
  const n = runs.toLocaleString('en-US');
  if (k === 0) return `< ${fine(hi)} (in none of ${n} runs)`;
  if (k === runs) return `> ${fine(lo)} (in all ${n} runs)`;
  return `${formatPercent(p)} (95% interval ${fine(lo)}–${fine(hi)})`;
}

/**
 * "34% (95% interval 31–37%) — unlikely (20–45%)".
 * @param {number} p
 * @param {number} [runs] the run count, for the interval
 */
export function probabilityWithWords(p, runs) {
  return `${probabilityText(p, runs)} — ${describeProbability(p)}`;
}

/**
 * The key of a channel in snapshots: `output`, or `Member.output`.
 * @param {{output?: string, event?: string, member?: string}} s
 */
export function channelKey(s) {
  return qualify(s.output ?? s.event ?? '', s.member);
}

/**
 * "Strength — IMU".
 * @param {{label: string, member?: string}} s
 */
export function channelLabel(s) {
  return s.member !== undefined ? `${s.label} — ${s.member}` : s.label;
}

/**
 * "date (quarters)" from the result's time unit.
 * @param {string} unit
 */
export function dateAxisLabel(unit) {
  return `Date (${unit === 'month' ? 'months' : unit === 'year' ? 'years' : 'quarters'})`;
}

/**
 * Creates an element with attributes and children.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string|boolean|number|undefined>} [attrs]
 * @param {(Node|string|null|undefined)[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attrs = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'text') node.textContent = String(v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}
