/**
 * What the model map shows beside the drawing: the chosen node (its description, expressions, sources,
 * what it reads and what reads it) and the feedback loops, each link written out through the derived values
 * and the rule or event that carry it.
 */
import { el } from '../format.js';
import { KINDS } from './modelMap.js';

/**
 * @typedef {import('./modelMap.js').ModelMap} ModelMap
 * @typedef {import('./modelMap.js').MapNode} MapNode
 * @typedef {import('./modelMap.js').Loop} Loop
 */

/** Loops listed at most; the rest are counted. */
const MAX_LISTED = 40;

/** @param {string} id */
export const nameOf = (id) => id.slice(id.indexOf(':') + 1);

/**
 * A source as one line: the seed article's quote, the domain entry with its grade, or the judgment.
 * @param {Record<string, string>} s
 */
function sourceText(s) {
  if (s.seed !== undefined) return `Article ${s.seed}: “${s.quote}”`;
  if (s.domain !== undefined) return `${s.domain}, ${s.entry} (grade ${s.grade ?? 'ungraded'})`;
  if (s.judgment !== undefined) return `Modeller's judgment: ${s.judgment}`;
  return `${s.ref} (grade ${s.grade ?? 'ungraded'})`;
}

/**
 * @param {string} id
 * @param {(id: string) => void} onPick
 */
const nodeButton = (id, onPick) => {
  const b = el('button', { type: 'button', class: 'link-button', 'data-id': id, text: nameOf(id) });
  b.addEventListener('click', () => onPick(id));
  return b;
};

/**
 * @param {string} title
 * @param {string[]} ids
 * @param {(id: string) => void} onPick
 */
function nodeList(title, ids, onPick) {
  if (!ids.length) return null;
  return el('div', {}, [
    el('h4', { text: `${title} (${ids.length})` }),
    el(
      'p',
      { class: 'node-list' },
      ids.flatMap((id, i) => (i ? [', ', nodeButton(id, onPick)] : [nodeButton(id, onPick)])),
    ),
  ]);
}

/**
 * Fills `panel` with node `id` of `map`.
 * @param {HTMLElement} panel
 * @param {ModelMap} map
 * @param {string} id
 * @param {(id: string) => void} onPick
 */
export function showNode(panel, map, id, onPick) {
  const n = /** @type {MapNode} */ (map.nodes.find((x) => x.id === id));
  const into = map.edges.filter((e) => e.to === id && e.kind !== 'writes').map((e) => e.from);
  const writers = map.edges.filter((e) => e.to === id && e.kind === 'writes').map((e) => e.from);
  const readers = map.edges.filter((e) => e.from === id && e.kind !== 'writes').map((e) => e.to);
  const changes = map.edges.filter((e) => e.from === id && e.kind === 'writes').map((e) => e.to);
  const exprs = Object.entries(n.expressions);
  const parts = [
    el('h3', { id: 'tc-node-title', text: n.label }),
    el('p', { class: 'muted' }, [
      `${KINDS[n.kind].word} `,
      el('code', { text: n.name }),
      n.for ? ` · per ${n.for}` : '',
      n.unit ? ` · ${n.unit}` : '',
    ]),
    n.description ? el('p', { id: 'tc-node-description', text: n.description }) : null,
    exprs.length
      ? el(
          'dl',
          { class: 'node-expressions' },
          exprs.flatMap(([field, text]) => [el('dt', { text: field }), el('dd', {}, [el('code', { text })])]),
        )
      : null,
    nodeList('Reads', into, onPick),
    nodeList('Changed by', writers, onPick),
    nodeList('Changes', changes, onPick),
    nodeList('Read by', readers, onPick),
    n.sources.length
      ? el('div', {}, [
          el('h4', { text: 'Sources' }),
          el(
            'ul',
            { id: 'tc-node-sources' },
            n.sources.map((s) => el('li', { text: sourceText(s) })),
          ),
        ])
      : null,
  ];
  panel.replaceChildren(...parts.filter((p) => p !== null));
}

/** A loop's polarity in words (the product of its links' signs). */
const POLARITY = /** @type {Record<string, string>} */ ({
  reinforcing: 'reinforcing (+)',
  balancing: 'balancing (−)',
  mixed: "mixed (a link's sign depends on the state)",
  none: 'no effect (a link never moved in the runs)',
});

/** A link's arrow with its sign: `→ (+)`, `→ (−)`, `→ (±)`, `→ (0)`. */
const signArrow = (/** @type {string} */ sign) => `→ (${sign === '-' ? '−' : sign === 'mixed' ? '±' : sign})`;

/** The shares of sampled states where the link raised, lowered or did not move its target. */
const sharesText = (/** @type {{shares: {plus: number, minus: number, zero: number}, states: number}} */ k) =>
  `(+ ${Math.round(100 * k.shares.plus)}%, − ${Math.round(100 * k.shares.minus)}%, 0 ${Math.round(100 * k.shares.zero)}% of ${k.states} states)`;

/**
 * Every node a loop passes through (its stocks and every channel's path).
 * @param {Loop} loop
 */
export function loopNodes(loop) {
  return new Set([...loop.stocks, ...loop.links.flatMap((k) => k.channels.flatMap((c) => c.path))]);
}

/**
 * Lists the loops of `map` (those through `through`, when given) into `panel`; `onShow` highlights one.
 * @param {HTMLElement} panel
 * @param {ModelMap} map
 * @param {string|undefined} through
 * @param {(loop: Loop) => void} onShow
 */
export function showLoops(panel, map, through, onShow) {
  const { loops, maxStocks } = map.loops;
  const listed = through ? loops.filter((l) => loopNodes(l).has(through)) : loops;
  const intro = through
    ? `${listed.length} of the model's ${loops.length} feedback loops pass through ${nameOf(through)}.`
    : `${loops.length} feedback loops through at most ${maxStocks} stocks (state variables and events' fired flags). Click a box on the map to list the loops through it.`;
  const more =
    listed.length > MAX_LISTED
      ? el('p', {
          class: 'muted',
          text: `… and ${listed.length - MAX_LISTED} more (choose a node to narrow the list).`,
        })
      : '';
  panel.replaceChildren(
    el('p', { id: 'tc-loops-intro', class: 'muted', text: intro }),
    el(
      'ol',
      { id: 'tc-loop-list', class: 'loop-list' },
      listed.slice(0, MAX_LISTED).map((loop) => {
        const show = el('button', { type: 'button', class: 'small', text: 'Show on map' });
        show.addEventListener('click', () => onShow(loop));
        // Each link's arrow carries its sign: a → (+) b.
        const ring = [
          ...loop.links.map((k) => `${nameOf(k.from)} ${signArrow(k.sign)}`),
          nameOf(/** @type {string} */ (loop.stocks[0])),
        ].join(' ');
        return el('li', { class: 'loop' }, [
          el('details', {}, [
            el('summary', {}, [
              el('span', { class: 'loop-ring', text: ring }),
              ' ',
              el('span', {
                class: `loop-polarity ${loop.polarity}`,
                text: POLARITY[loop.polarity] ?? loop.polarity,
              }),
              ' ',
              show,
            ]),
            el(
              'ul',
              {},
              loop.links.map((k) =>
                el('li', { class: 'loop-link' }, [
                  `${nameOf(k.from)} ${signArrow(k.sign)} ${nameOf(k.to)} `,
                  el('span', { class: 'muted link-shares', text: sharesText(k) }),
                  ': ',
                  k.channels
                    .map((c) => [...c.path, ...(c.writer === k.to ? [] : [k.to])].map(nameOf).join(' → '))
                    .join('; '),
                ]),
              ),
            ),
          ]),
        ]);
      }),
    ),
    more,
  );
}
