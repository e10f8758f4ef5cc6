/** Where a driver comes from, as the drivers panel shows it: quotations, domain entries, judgments. */
import { el } from './format.js';

/**
 * @typedef {{seed?: string, quote?: string, domain?: string, entry?: string, judgment?: string, ref?: string}} Source
 */

/** @param {Source} s */
export function sourceNode(s) {
  if (s.quote !== undefined)
    return el('blockquote', {}, [
      `“${s.quote}”`,
      el('br'),
      el('cite', { class: 'muted', text: `seed article ${s.seed}` }),
    ]);
  if (s.entry !== undefined)
    return el('blockquote', {}, [
      s.entry,
      el('br'),
      el('cite', { class: 'muted', text: `domain pack: ${s.domain}` }),
    ]);
  if (s.judgment !== undefined)
    return el('p', {}, [el('strong', { text: 'Modeller’s judgment: ' }), s.judgment]);
  return el('p', {}, [el('strong', { text: 'Reference: ' }), s.ref ?? '']);
}

/**
 * The expandable "Sources (n) and description" block of a driver.
 * @param {{sources: Source[], description: string|null}} p
 */
export function sourcesBlock(p) {
  return el('details', {}, [
    el('summary', {
      class: 'src-summary',
      text: `Sources (${p.sources.length})${p.description ? ' and description' : ''}`,
    }),
    p.description ? el('p', { text: p.description }) : null,
    ...p.sources.map(sourceNode),
  ]);
}
