/**
 * Numbers, probabilities and labels for people. Number formats and the ICD 203 words come from the
 * engine's own modules (served under /lib/), so the UI says exactly what the CLI says.
 */
import { describeProbability } from '/lib/estimative.js';
import { formatNumber, formatPercent } from '/lib/format.js';
import { qualify } from '/lib/qualifiedName.js';

export { describeProbability, formatNumber, formatPercent };

/**
 * "34% — unlikely (20–45%)".
 * @param {number} p
 */
export function probabilityWithWords(p) {
  return `${formatPercent(p)} — ${describeProbability(p)}`;
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
