/**
 * The Model map tab of the Teaching page: the map drawn from `GET /api/models/:id/map`, with the chosen
 * node's details, the paths to an output and the feedback loops. What is shown is kept in the page's link
 * (`model`, `node`, and `paths`, the output whose paths are lit).
 */
import { api, errorNodes } from '../api.js';
import { downloadBlob, downloadDataUrl, slug } from '../exporting.js';
import { el } from '../format.js';
import { loopNodes, nameOf, showLoops, showNode } from './mapDetails.js';
import { ancestors, drawMap, highlight, KINDS, pngOf, svgFile } from './modelMap.js';

/**
 * Wires the map section (web/teaching.html) and draws the model the link names.
 * @param {URLSearchParams} params the page's link, kept up to date
 * @param {(key: string, value: string|undefined) => void} remember writes one key of the link
 */
export async function startMap(params, remember) {
  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const modelSelect = /** @type {HTMLSelectElement} */ ($('tc-model'));
  const outputSelect = /** @type {HTMLSelectElement} */ ($('tc-output'));
  const find = /** @type {HTMLInputElement} */ ($('tc-find'));
  /** @type {{map?: import('./modelMap.js').ModelMap, root?: SVGSVGElement, zoom: number}} */
  const view = { zoom: 1 };

  /** Highlights what the link asks for: the chosen output's paths, else the node's neighbours. */
  const refresh = () => {
    const { map, root } = view;
    if (!map || !root) return;
    const node = params.get('node') ?? undefined;
    const output = params.get('paths') ?? undefined;
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
      remember('paths', undefined);
      outputSelect.value = '';
      highlight(root, loopNodes(loop), node);
      $('tc-map-panel').scrollIntoView({ block: 'start' });
    });
    $('tc-status').textContent = output
      ? `${on.size - 1} nodes have a path to ${nameOf(output)}.`
      : `${map.nodes.length} nodes and ${map.edges.length} links.`;
  };

  /** @param {string} id */
  function select(id) {
    remember('node', id);
    refresh();
    view.root
      ?.querySelector(`[data-id="${CSS.escape(id)}"]`)
      ?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }

  /** @param {number} factor */
  const zoom = (factor) => {
    const { map, root } = view;
    if (!map || !root) return;
    view.zoom = Math.min(2, Math.max(0.2, view.zoom * factor));
    root.setAttribute('width', String(Math.round((map.width + 16) * view.zoom)));
    root.setAttribute('height', String(Math.round((map.height + 16) * view.zoom)));
  };

  const load = async () => {
    $('tc-errors').replaceChildren();
    $('tc-status').textContent = 'Laying out the map…';
    try {
      /** @type {import('./modelMap.js').ModelMap} */
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
      outputSelect.value = params.get('paths') ?? '';
      $('tc-names').replaceChildren(
        ...map.nodes.map((n) => el('option', { value: n.name, text: KINDS[n.kind].word })),
      );
      refresh();
      $('tc-map').dataset.ready = '1';
    } catch (err) {
      $('tc-status').textContent = '';
      $('tc-errors').replaceChildren(...errorNodes(err));
    }
  };

  $('tc-legend').replaceChildren(
    ...Object.entries(KINDS).map(([kind, k]) =>
      el('li', { class: `legend-${kind}` }, [el('span', { class: 'swatch', 'aria-hidden': 'true' }), k.word]),
    ),
  );
  outputSelect.addEventListener('change', () => {
    remember('paths', outputSelect.value || undefined);
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
    remember('paths', undefined);
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
  await load();
}
