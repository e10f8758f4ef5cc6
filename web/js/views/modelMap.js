/**
 * The model map drawn as SVG from `GET /api/models/:id/map`: a box per node at the place the server's
 * layout (ELK, layered) gave it, an arrow per edge along its route. Colours and line styles are SVG
 * attributes (not styles), so an exported file looks as the page does; what is highlighted is a class,
 * which the export turns into attributes too.
 */

const SVG = 'http://www.w3.org/2000/svg';

/**
 * @typedef {'parameter'|'state'|'derived'|'rule'|'event'|'output'} NodeKind
 * @typedef {{id: string, kind: NodeKind, name: string, label: string, for?: string, unit?: string,
 *   description?: string, expressions: Record<string, string>, sources: Record<string, string>[],
 *   x: number, y: number, width: number, height: number}} MapNode
 * @typedef {{from: string, to: string, kind: 'reads'|'writes'|'initial', fields: string[], points: [number, number][]}} MapEdge
 * @typedef {{writer: string, path: string[]}} Channel
 * @typedef {{from: string, to: string, channels: Channel[], sign: '+'|'-'|'0'|'mixed',
 *   shares: {plus: number, minus: number, zero: number}, states: number}} LoopLink
 * @typedef {{stocks: string[], links: LoopLink[], polarity: 'reinforcing'|'balancing'|'mixed'|'none'}} Loop
 * @typedef {{format: string, model: string, title: string, width: number, height: number,
 *   nodes: MapNode[], edges: MapEdge[], loops: {maxStocks: number, loops: Loop[],
 *   signs: {method: string, runs: number, steps: number, share: number}}}} ModelMap
 */

/** Each kind's fill and border, and the word the legend uses. @type {Record<NodeKind, {fill: string, stroke: string, word: string}>} */
export const KINDS = {
  parameter: { fill: '#dbeafe', stroke: '#1d4ed8', word: 'parameter (driver)' },
  derived: { fill: '#eeeeee', stroke: '#555555', word: 'derived value' },
  rule: { fill: '#dcfce7', stroke: '#15803d', word: 'rule (changes a state every step)' },
  event: { fill: '#fee2e2', stroke: '#b91c1c', word: 'event' },
  state: { fill: '#fef3c7', stroke: '#b45309', word: 'state variable' },
  output: { fill: '#f3e8ff', stroke: '#7e22ce', word: 'output' },
};

/**
 * @param {string} tag
 * @param {Record<string, string|number>} attrs
 * @param {(Node|string)[]} [children]
 */
function svg(tag, attrs, children = []) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  for (const c of children) node.append(c);
  return node;
}

/** @param {[number, number][]} points */
const pathOf = (points) => points.map(([x, y], i) => `${i ? 'L' : 'M'}${x} ${y}`).join(' ');

/**
 * Every node with a path to `target`, and `target` itself (walking the edges backwards).
 * @param {MapEdge[]} edges
 * @param {string} target
 */
export function ancestors(edges, target) {
  /** @type {Map<string, string[]>} */
  const into = new Map();
  for (const e of edges) into.set(e.to, [...(into.get(e.to) ?? []), e.from]);
  const seen = new Set([target]);
  const queue = [target];
  while (queue.length) {
    for (const from of into.get(/** @type {string} */ (queue.pop())) ?? []) {
      if (!seen.has(from)) {
        seen.add(from);
        queue.push(from);
      }
    }
  }
  return seen;
}

/**
 * Draws `map` into `container`; `onSelect` is told the node clicked (or chosen with the keyboard).
 * @param {HTMLElement} container
 * @param {ModelMap} map
 * @param {(id: string) => void} onSelect
 */
export function drawMap(container, map, onSelect) {
  const margin = 8;
  const root = svg('svg', {
    xmlns: SVG,
    id: 'tc-svg-map',
    viewBox: `${-margin} ${-margin} ${map.width + 2 * margin} ${map.height + 2 * margin}`,
    width: map.width + 2 * margin,
    height: map.height + 2 * margin,
    role: 'img',
    'aria-label': `Map of ${map.title}: ${map.nodes.length} nodes, ${map.edges.length} links`,
    'font-family': 'DejaVu Sans, sans-serif',
    'font-size': 12,
  });
  const arrow = svg('marker', {
    id: 'tc-arrow',
    viewBox: '0 0 8 8',
    refX: 8,
    refY: 4,
    markerWidth: 6,
    markerHeight: 6,
    orient: 'auto-start-reverse',
  });
  arrow.append(svg('path', { d: 'M0 0 L8 4 L0 8 z', fill: '#777777' }));
  root.append(svg('defs', {}, [arrow]));
  const edges = svg('g', { class: 'map-edges' });
  for (const e of map.edges) {
    edges.append(
      svg('path', {
        class: `map-edge edge-${e.kind}`,
        d: pathOf(e.points),
        fill: 'none',
        stroke: e.kind === 'writes' ? '#15803d' : '#8a8a8a',
        'stroke-width': e.kind === 'writes' ? 1.2 : 0.8,
        ...(e.kind === 'initial' ? { 'stroke-dasharray': '4 3' } : {}),
        'marker-end': 'url(#tc-arrow)',
        'data-from': e.from,
        'data-to': e.to,
      }),
    );
  }
  const nodes = svg('g', { class: 'map-nodes' });
  for (const n of map.nodes) {
    const k = KINDS[n.kind];
    const g = svg('g', { class: `map-node node-${n.kind}`, 'data-id': n.id, tabindex: 0, role: 'button' }, [
      svg('title', {}, [`${k.word}: ${n.label}${n.for ? ` (per ${n.for})` : ''}`]),
      svg('rect', {
        x: n.x,
        y: n.y,
        width: n.width,
        height: n.height,
        rx: n.kind === 'state' ? 0 : 6,
        fill: k.fill,
        stroke: k.stroke,
        'stroke-width': n.kind === 'state' ? 1.6 : 1,
      }),
      svg('text', { x: n.x + 8, y: n.y + n.height / 2 + 4, fill: '#1a1a1a' }, [n.name]),
    ]);
    g.addEventListener('click', () => onSelect(n.id));
    g.addEventListener('keydown', (ev) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        onSelect(n.id);
      }
    });
    nodes.append(g);
  }
  root.append(edges, nodes);
  container.replaceChildren(root);
  return root;
}

/**
 * Marks `on` nodes and the edges between them as highlighted and fades the rest; an empty set clears it.
 * @param {SVGSVGElement} root
 * @param {Set<string>} on
 * @param {string} [selected] the node to ring
 */
export function highlight(root, on, selected) {
  const any = on.size > 0;
  root.classList.toggle('map-focus', any);
  for (const g of root.querySelectorAll('.map-node')) {
    const id = /** @type {string} */ (g.getAttribute('data-id'));
    g.classList.toggle('hl', on.has(id));
    g.classList.toggle('selected', id === selected);
  }
  for (const p of root.querySelectorAll('.map-edge')) {
    const from = /** @type {string} */ (p.getAttribute('data-from'));
    const to = /** @type {string} */ (p.getAttribute('data-to'));
    p.classList.toggle('hl', any && on.has(from) && on.has(to));
  }
}

/**
 * The drawing as a standalone SVG file: highlighting and fading written as attributes.
 * @param {SVGSVGElement} root
 */
export function svgFile(root) {
  const copy = /** @type {SVGSVGElement} */ (root.cloneNode(true));
  const focus = copy.classList.contains('map-focus');
  for (const el of copy.querySelectorAll('.map-node, .map-edge')) {
    if (focus && !el.classList.contains('hl')) el.setAttribute('opacity', '0.15');
    if (el.classList.contains('hl') && el.classList.contains('map-edge'))
      el.setAttribute('stroke', '#0b5cad');
    if (el.classList.contains('selected')) el.querySelector('rect')?.setAttribute('stroke-width', '3');
    for (const a of ['tabindex', 'role', 'class']) el.removeAttribute(a);
  }
  copy.removeAttribute('class');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

/**
 * The drawing as a PNG data URL, at up to twice its size (a large map at less, to stay under 8,000 px).
 * @param {SVGSVGElement} root
 * @returns {Promise<string>}
 */
export async function pngOf(root) {
  const w = Number(root.getAttribute('width'));
  const h = Number(root.getAttribute('height'));
  const scale = Math.min(2, 8000 / Math.max(w, h));
  const url = URL.createObjectURL(new Blob([svgFile(root)], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(h * scale);
    const g = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(img, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}
