/**
 * The Teaching page: the model map (drawn from `GET /api/models/:id/map`) with its node details, paths to
 * an output and feedback loops. What is shown is kept in the URL (`?model=&node=&output=`), so a teacher
 * can hand out a link to the same view.
 */
import { api, errorNodes } from './js/api.js';
import { downloadBlob, downloadDataUrl, slug } from './js/exporting.js';
import { el } from './js/format.js';
import { showNav } from './js/nav.js';
import { loopNodes, nameOf, showLoops, showNode } from './js/views/mapDetails.js';
import { ancestors, drawMap, highlight, KINDS, pngOf, svgFile } from './js/views/modelMap.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const modelSelect = /** @type {HTMLSelectElement} */ ($('tc-model'));
const outputSelect = /** @type {HTMLSelectElement} */ ($('tc-output'));
const find = /** @type {HTMLInputElement} */ ($('tc-find'));
const params = new URLSearchParams(location.search);

/** @type {{map?: import('./js/views/modelMap.js').ModelMap, root?: SVGSVGElement, zoom: number}} */
const view = { zoom: 1 };

/** @param {string} key @param {string|undefined} value */
function remember(key, value) {
  if (value) params.set(key, value);
  else params.delete(key);
  history.replaceState(null, '', `?${params}`);
}

/** Highlights what the URL asks for: the chosen output's paths, else the node's neighbours. */
function refresh() {
  const { map, root } = view;
  if (!map || !root) return;
  const node = params.get('node') ?? undefined;
  const output = params.get('output') ?? undefined;
  /** @type {Set<string>} */
  let on = new Set();
  if (output) on = ancestors(map.edges, output);
  else if (node)
    on = new Set([
      node,
      ...map.edges.filter((e) => e.from === node).map((e) => e.to),
      ...map.edges.filter((e) => e.to === node).map((e) => e.from),
    ]);
  highlight(root, on, node);
  const details = $('tc-details');
  if (node && map.nodes.some((n) => n.id === node)) showNode(details, map, node, select);
  else
    details.replaceChildren(
      el('p', { class: 'muted', text: 'Click a box on the map to read about it here.' }),
    );
  showLoops($('tc-loops'), map, node, (loop) => {
    remember('output', undefined);
    outputSelect.value = '';
    highlight(root, loopNodes(loop), node);
    $('tc-map-panel').scrollIntoView({ block: 'start' });
  });
  $('tc-status').textContent = output
    ? `${on.size - 1} nodes have a path to ${nameOf(output)}.`
    : `${map.nodes.length} nodes and ${map.edges.length} links.`;
}

/** @param {string} id */
function select(id) {
  remember('node', id);
  refresh();
  const g = view.root?.querySelector(`[data-id="${CSS.escape(id)}"]`);
  g?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
}

/** @param {number} factor */
function zoom(factor) {
  const { map, root } = view;
  if (!map || !root) return;
  view.zoom = Math.min(2, Math.max(0.2, view.zoom * factor));
  root.setAttribute('width', String(Math.round((map.width + 16) * view.zoom)));
  root.setAttribute('height', String(Math.round((map.height + 16) * view.zoom)));
}

async function load() {
  $('tc-errors').replaceChildren();
  $('tc-status').textContent = 'Laying out the map…';
  try {
    /** @type {import('./js/views/modelMap.js').ModelMap} */
    const map = await api(`/api/models/${encodeURIComponent(modelSelect.value)}/map`);
    view.map = map;
    view.root = drawMap($('tc-map'), map, select);
    view.zoom = 1;
    outputSelect.replaceChildren(
      el('option', { value: '', text: '(none)' }),
      ...map.nodes
        .filter((n) => n.kind === 'output')
        .map((n) => el('option', { value: n.id, text: n.label })),
    );
    outputSelect.value = params.get('output') ?? '';
    $('tc-names').replaceChildren(
      ...map.nodes.map((n) => el('option', { value: n.name, text: KINDS[n.kind].word })),
    );
    refresh();
    $('tc-map').dataset.ready = '1';
  } catch (err) {
    $('tc-status').textContent = '';
    $('tc-errors').replaceChildren(...errorNodes(err));
  }
}

showNav();
$('tc-legend').replaceChildren(
  ...Object.entries(KINDS).map(([kind, k]) =>
    el('li', { class: `legend-${kind}` }, [el('span', { class: 'swatch', 'aria-hidden': 'true' }), k.word]),
  ),
);
outputSelect.addEventListener('change', () => {
  remember('output', outputSelect.value || undefined);
  refresh();
});
find.addEventListener('change', () => {
  const n = view.map?.nodes.find((x) => x.name === find.value.trim());
  if (n) select(n.id);
});
$('tc-zoom-in').addEventListener('click', () => zoom(1.25));
$('tc-zoom-out').addEventListener('click', () => zoom(0.8));
$('tc-svg').addEventListener('click', () => {
  if (view.root && view.map)
    downloadBlob(svgFile(view.root), 'image/svg+xml', `${slug(view.map.model)}-map.svg`);
});
$('tc-png').addEventListener('click', async () => {
  if (view.root && view.map) downloadDataUrl(await pngOf(view.root), `${slug(view.map.model)}-map.png`);
});
modelSelect.addEventListener('change', () => {
  remember('model', modelSelect.value);
  remember('node', undefined);
  remember('output', undefined);
  void load();
});

const { models } = await api('/api/models');
modelSelect.replaceChildren(
  ...models.map((/** @type {{id: string, title: string|null}} */ m) =>
    el('option', { value: m.id, text: m.title ?? m.id }),
  ),
);
const wanted = params.get('model') ?? 'central-asia';
modelSelect.value = models.some((/** @type {{id: string}} */ m) => m.id === wanted)
  ? wanted
  : (models[0]?.id ?? '');
void load();
