/**
 * The Teaching page: one tab per technique, the model map first. The link keeps the tab and each tab's
 * question (`?tab=assumptions&scenario=…&output=…&member=…&at=…&runs=…`), and `ask=1` in it asks the
 * question at once, so a lesson's step is a link.
 */
import { showNav } from './js/nav.js';
import { buildTabs } from './js/tabs.js';
import { renderAch } from './js/views/ach.js';
import { renderConditioning } from './js/views/conditioning.js';
import { renderFutures } from './js/views/futures.js';
import { renderKeyAssumptions } from './js/views/keyAssumptions.js';
import { startMap } from './js/views/mapView.js';
import { renderSignposts } from './js/views/signposts.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const params = new URLSearchParams(location.search);

/** @param {string} key @param {string|undefined} value */
function remember(key, value) {
  if (value) params.set(key, value);
  else params.delete(key);
  history.replaceState(null, '', `?${params}`);
}

/** The question the link names, for the technique tabs. */
function linkQuestion() {
  const runs = Number(params.get('runs'));
  return {
    ...(params.get('scenario') ? { scenario: /** @type {string} */ (params.get('scenario')) } : {}),
    ...(params.get('output') ? { output: /** @type {string} */ (params.get('output')) } : {}),
    ...(params.get('member') ? { member: /** @type {string} */ (params.get('member')) } : {}),
    ...(params.get('at') ? { at: /** @type {string} */ (params.get('at')) } : {}),
    ...(Number.isInteger(runs) && runs > 0 ? { runs } : {}),
  };
}

/** Writes a technique's question into the link. @param {Record<string, any>} q */
function rememberQuestion(q) {
  for (const key of ['scenario', 'output', 'member', 'at', 'runs'])
    remember(key, q[key] === undefined ? undefined : String(q[key]));
  remember('obs', q.observations ? JSON.stringify(q.observations) : undefined);
  remember(
    'drivers',
    q.drivers ? q.drivers.map((/** @type {{name: string}} */ d) => d.name).join(',') : undefined,
  );
}

/** A list the link carries as JSON (`obs=`, `hyp=`), or none. @param {string} key */
function linkList(key) {
  try {
    const list = JSON.parse(params.get(key) ?? '[]');
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
}

/**
 * A technique tab: drawn the first time it is shown, asked at once when the link says `ask=1`.
 * @param {(panel: HTMLElement, defaults: any, onAsk: (q: any) => void) => Promise<{ask: () => Promise<void>}>} render
 * @param {Record<string, unknown>} [extra]
 */
const technique =
  (render, extra = {}) =>
  (/** @type {HTMLElement} */ panel) => {
    void render(panel, { ...linkQuestion(), ...extra }, rememberQuestion).then((view) => {
      if (params.get('ask') === '1') {
        remember('ask', undefined);
        void view.ask();
      }
    });
  };

showNav();
const mapTab = $('tc-map-tab');
const select = buildTabs(
  $('tc-tablist'),
  $('tc-panels'),
  [
    {
      id: 'map',
      label: 'Model map',
      render: (panel) => {
        panel.append(mapTab);
        void startMap(params, remember);
      },
    },
    { id: 'assumptions', label: 'Key assumptions', render: technique(renderKeyAssumptions) },
    {
      id: 'condition',
      label: 'Conditioning',
      render: technique(renderConditioning, { observations: linkList('obs') }),
    },
    {
      id: 'futures',
      label: 'Alternative futures',
      render: technique(renderFutures, { drivers: (params.get('drivers') ?? '').split(',').filter(Boolean) }),
    },
    {
      id: 'signposts',
      label: 'Signposts',
      render: technique(renderSignposts, {
        ...(params.get('when') ? { when: params.get('when') } : {}),
        ...(params.get('by') ? { by: params.get('by') } : {}),
      }),
    },
    {
      id: 'ach',
      label: 'Competing hypotheses',
      render: technique(renderAch, {
        hypotheses: linkList('hyp'),
        evidence: linkList('obs'),
        ...(params.get('seen') ? { seen: (params.get('seen') ?? '').split(',').map(Number) } : {}),
      }),
    },
  ],
  (id) => remember('tab', id === 'map' ? undefined : id),
);
mapTab.remove();
select(params.get('tab') ?? 'map');
