/**
 * The Teaching page: one tab per technique, the model map first. The link keeps the tab and each tab's
 * question (`?tab=assumptions&scenario=…&output=…&member=…&at=…&runs=…`), and `ask=1` in it asks the
 * question at once, so a lesson's step is a link.
 */
import { showNav } from './js/nav.js';
import { buildTabs } from './js/tabs.js';
import { renderConditioning } from './js/views/conditioning.js';
import { renderFutures } from './js/views/futures.js';
import { renderKeyAssumptions } from './js/views/keyAssumptions.js';
import { startMap } from './js/views/mapView.js';

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

/** Observations the link carries (`obs=` as JSON), or none. */
function linkObservations() {
  try {
    const obs = JSON.parse(params.get('obs') ?? '[]');
    return Array.isArray(obs) ? obs : [];
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
      render: technique(renderConditioning, { observations: linkObservations() }),
    },
    {
      id: 'futures',
      label: 'Alternative futures',
      render: technique(renderFutures, { drivers: (params.get('drivers') ?? '').split(',').filter(Boolean) }),
    },
  ],
  (id) => remember('tab', id === 'map' ? undefined : id),
);
mapTab.remove();
select(params.get('tab') ?? 'map');
