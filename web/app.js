/**
 * oxus scenario explorer: pick a scenario, change its drivers, schedules and events, run it (and a second
 * scenario to compare), and read the projections as charts and tables. The page state lives in the URL,
 * so a link reproduces it.
 */

import { parseSeed } from '/lib/parseSeed.js';
import { ApiError, api, runToEnd } from './js/api.js';
import { renderDrivers } from './js/drivers.js';
import { comparedRequest, editLines, isEmptyEdit, noEvents } from './js/edits.js';
import { errorNodes, namerOf } from './js/errorText.js';
import { renderEvents } from './js/eventEditor.js';
import { warmUpCharts } from './js/figure.js';
import { el } from './js/format.js';
import { libraryActions } from './js/libraryActions.js';
import {
  formProblems,
  isRunCount,
  parameterProblems,
  refusalNodes,
  runsRule,
  scenarioProblems,
} from './js/linkCheck.js';
import { showNav } from './js/nav.js';
import { dom } from './js/page.js';
import { progressOf } from './js/progressText.js';
import { showResults } from './js/results.js';
import { focusResults, markCurrent, markStale, STALE } from './js/runState.js';
import { renderSchedules } from './js/scheduleEditor.js';
import { readState, writeState } from './js/share.js';

/**
 * @typedef {import('./js/share.js').ViewState} ViewState
 * @typedef {import('./js/api.js').RunInfo} RunInfo
 * @typedef {import('./js/api.js').RunRequest} RunRequest
 * @typedef {import('./js/results.js').Shown} Shown
 */

/** @type {ViewState} */
let state = readState(location.search);
/** @type {import('./js/drivers.js').Drivers|undefined} */
let drivers;
/** @type {import('./js/scheduleEditor.js').ScheduleEditor|undefined} */
let schedules;
/** @type {import('./js/eventEditor.js').EventEditor|undefined} */
let events;
/** Labels of the loaded scenario's events, by id. @type {Map<string, string>} */
let eventLabels = new Map();
/** Runs in progress, to cancel. @type {RunInfo[]} */
let active = [];
/** The server's limit on runs per request (from GET /api). */
let maxRuns = 20_000;

/**
 * Writes the state to the address bar (without reloading), when it changed: each partial result of a run
 * selects its tab again, and Chromium spends some 7 ms of the page's time on every replaceState.
 */
function syncUrl() {
  const url = new URL(writeState(state), location.href).href;
  if (url !== location.href) history.replaceState(null, '', url);
}

/** @param {Partial<ViewState>} patch */
function patchState(patch) {
  state = { ...state, ...patch };
  syncUrl();
}

/** @param {string} text */
function say(text) {
  dom.status.textContent = text;
}

/** A parameter's label (`IMU.recruit`), or an event's (`event:pledge_isis`), if the scenario has it. */
function labelOf(/** @type {string} */ name) {
  return name.startsWith('event:') ? eventLabels.get(name.slice(6)) : drivers?.labelOf(name);
}

/**
 * Shows an error (or clears them with null), once and in the user's terms.
 * @param {unknown} err
 * @param {string} [lead] what failed
 */
function showError(err, lead) {
  dom.errors.replaceChildren(...(err ? errorNodes(err, namerOf(labelOf), lead) : []));
}

/** The seed as typed: the server reads it by the same rule as the CLI and scenario files (docs/model-format.md). */
function seedValue() {
  const v = dom.seed.value;
  return v.trim() === '' ? undefined : parseSeed(v);
}

/** The edit as the controls hold it, in the API's terms (empty parts left out). */
function currentEdit() {
  const s = schedules?.value() ?? {};
  const e = events?.value() ?? noEvents();
  return {
    overrides: drivers?.overrides() ?? {},
    ...(Object.keys(s).length ? { schedules: s } : {}),
    ...(e.force.length || e.suppress.length ? { events: e } : {}),
  };
}

/** @returns {RunRequest} */
function currentRequest() {
  const runs = Number(dom.runs.value);
  const seed = seedValue();
  return {
    scenario: dom.scenario.value,
    ...currentEdit(),
    ...(Number.isInteger(runs) && runs > 0 ? { runs } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
}

/** Says how many changes there are, records them in the link and greys the results. */
function onEdit() {
  const e = currentEdit();
  const n = editLines(e, () => undefined).length;
  dom.changed.textContent = n ? `${n} changed` : '';
  patchState({
    overrides: e.overrides,
    schedules: e.schedules ?? {},
    events: e.events ?? noEvents(),
    run: false,
  });
  markStale(dom.current, STALE.inputs);
}

/**
 * Loads a scenario's description and draws its drivers, schedules and events with the edit applied.
 * @param {{scenario?: string, overrides?: Record<string, any>, schedules?: any, events?: any}} edit
 */
async function loadScenario(edit) {
  const id = edit.scenario ?? '';
  dom.scenario.value = id;
  say(`Loading ${id}…`);
  const { scenario } = await api(`/api/scenarios/${encodeURIComponent(id)}`);
  dom.question.textContent = scenario.question ?? '';
  dom.description.textContent = scenario.description ?? '';
  dom.model.textContent = `Model: ${scenario.model.title} (${scenario.file}; ${scenario.dates[0]} to ${scenario.dates[scenario.dates.length - 1]}, by ${scenario.timeUnit}; ${scenario.parameters.length} parameters)`;
  dom.runs.value = String(state.runs ?? scenario.runs);
  dom.seed.value = String(state.seed ?? scenario.seed);
  eventLabels = new Map(
    scenario.outputs
      .filter((/** @type {any} */ o) => o.kind === 'event')
      .map((/** @type {any} */ o) => [o.id, o.label]),
  );
  drivers = renderDrivers(dom.drivers, scenario.parameters, onEdit);
  drivers.set(edit.overrides ?? {});
  drivers.filter(dom.filter.value);
  schedules = renderSchedules(dom.schedules, scenario, onEdit);
  schedules.set(edit.schedules ?? {});
  events = renderEvents(dom.events, scenario, onEdit);
  events.set({ ...noEvents(), ...(edit.events ?? {}) });
  const n = editLines(currentEdit(), () => undefined).length;
  dom.changed.textContent = n ? `${n} changed` : '';
  say('');
  return scenario;
}

/** @param {boolean} busy */
function setBusy(busy) {
  dom.run.disabled = busy;
  dom.cancel.disabled = !busy;
  dom.scenario.disabled = busy;
}

/**
 * Draws results that match the inputs, and moves focus to them.
 * @param {Shown} a
 * @param {Shown|null} b
 */
function showCurrent(a, b) {
  showResults(dom.results, a, b, state, patchState, labelOf);
  delete dom.current.section.dataset.partialRuns;
  markCurrent(dom.current);
  dom.refused.replaceChildren();
  focusResults(dom.current);
}

/**
 * Runs the current scenario (and the comparison, if one is chosen) and shows the results.
 */
async function run() {
  showError(null);
  if (!isRunCount(dom.runs.value, maxRuns)) {
    // Checked here, not only by the server: say it next to the field, in the field's terms.
    showError(new Error(`Runs: ${runsRule(maxRuns)} (you gave ${dom.runs.value.trim() || 'nothing'})`));
    dom.runs.focus();
    return;
  }
  setBusy(true);
  dom.progress.value = 0;
  const compare = dom.compare.value;
  // A comparison's two runs carry one id, so the history keeps them as one pair.
  const pair = compare ? crypto.randomUUID() : undefined;
  const own = currentRequest();
  const request = pair ? { ...own, comparison: { id: pair, side: 'A' } } : own;
  /** @type {RunRequest|null} */
  const other = pair ? { ...comparedRequest(own, compare), comparison: { id: pair, side: 'B' } } : null;
  const runs = request.runs ?? 1;
  const progress = progressOf(other ? [runs, runs] : [runs], (fraction, text) => {
    dom.progress.value = fraction;
    say(text);
  });
  const hooks = (/** @type {number} */ i) => ({
    onStart: (/** @type {RunInfo} */ r) => {
      active.push(r);
    },
    onProgress: (/** @type {number} */ done, /** @type {number} */ total) => progress.update(i, done, total),
    // One scenario: draw the exact summary of the runs finished so far while the rest run, and refine it.
    ...(other
      ? {}
      : {
          onPartial: (/** @type {RunInfo} */ r, /** @type {import('./js/api.js').Partial} */ p) => {
            showResults(dom.results, { run: r, result: p.result }, null, state, patchState, labelOf);
            dom.current.section.dataset.partialRuns = String(p.runs);
            progress.drawn(p.runs);
          },
        }),
    onWait: say,
  });
  const started = performance.now();
  say('Compiling the scenario…');
  const edit = currentEdit();
  patchState({
    scenario: own.scenario,
    overrides: edit.overrides,
    schedules: edit.schedules ?? {},
    events: edit.events ?? noEvents(),
    runs: own.runs,
    seed: own.seed === undefined ? undefined : String(own.seed),
    compare: compare || undefined,
    history: undefined,
  });
  try {
    const [a, b] = await Promise.all([
      runToEnd('/api/runs', request, hooks(0)),
      other ? runToEnd('/api/runs', other, hooks(1)) : null,
    ]);
    dom.progress.value = 1;
    showCurrent(a, b);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    say(
      `Done: ${Number(a.result.receipt.runs).toLocaleString('en-US')} runs${b ? ' of each scenario (same seed: common random numbers)' : ''} in ${seconds} s.`,
    );
    patchState({ run: true });
    void library.refreshHistory();
  } catch (err) {
    const cancelled = err instanceof ApiError && err.code === 'E_CANCELLED';
    say(cancelled ? 'Cancelled.' : '');
    const refused = err instanceof ApiError && err.status === 400;
    if (!cancelled) showError(err, refused ? 'The run was refused' : 'The run did not finish');
    markStale(dom.current, STALE.failed);
  } finally {
    active = [];
    setBusy(false);
  }
}

async function cancel() {
  say('Cancelling…');
  await Promise.all(active.map((r) => api(r.links.cancel, { method: 'POST' }).catch(() => null)));
}

const library = libraryActions({
  state: () => state,
  setState: (s) => {
    state = s;
  },
  patch: patchState,
  load: async (request) => {
    await loadScenario(request);
    const e = currentEdit();
    patchState({
      scenario: request.scenario,
      overrides: e.overrides,
      schedules: e.schedules ?? {},
      events: e.events ?? noEvents(),
    });
  },
  request: currentRequest,
  show: showCurrent,
  say,
  showError,
  setBusy,
  track: (r) => {
    active.push(r);
  },
  idle: () => {
    active = [];
  },
  progress: (fraction, text) => {
    dom.progress.value = fraction;
    say(text);
  },
  labelOf,
  dom,
});

function currentRequestState() {
  const r = currentRequest();
  return {
    scenario: r.scenario,
    overrides: r.overrides ?? {},
    schedules: r.schedules ?? {},
    events: r.events ?? noEvents(),
    runs: r.runs,
    seed: r.seed === undefined ? undefined : String(r.seed),
    compare: dom.compare.value || undefined,
  };
}

async function copyLink() {
  const url = `${location.origin}${location.pathname}${writeState({ ...state, ...currentRequestState(), history: undefined, run: true })}`;
  try {
    await navigator.clipboard.writeText(url);
    say('Link copied: it reruns this view with the same inputs.');
  } catch {
    say(`Link: ${url}`);
  }
}

/** @param {string[]} problems */
function refuseLink(problems) {
  dom.refused.replaceChildren(...refusalNodes(problems));
  state = { overrides: {}, schedules: {}, events: noEvents() };
  syncUrl();
}

/** Marks the results as out of date and records a change of the inputs in the link. */
function inputsChanged(/** @type {Partial<ViewState>} */ patch) {
  patchState({ ...patch, run: false });
  markStale(dom.current, STALE.inputs);
}

function listen() {
  dom.scenario.addEventListener('change', async () => {
    state = { ...state, runs: undefined, seed: undefined };
    await loadScenario({ scenario: dom.scenario.value });
    inputsChanged({ scenario: dom.scenario.value, overrides: {}, schedules: {}, events: noEvents() });
  });
  dom.compare.addEventListener('change', () => inputsChanged({ compare: dom.compare.value || undefined }));
  dom.runs.addEventListener('change', () => inputsChanged({ runs: Number(dom.runs.value) || undefined }));
  dom.seed.addEventListener('change', () => inputsChanged({ seed: seedValue() }));
  dom.run.addEventListener('click', () => {
    // A new comparison opens on its own tab; a shared link keeps the tab it names.
    if (dom.compare.value) state = { ...state, tab: 'compare' };
    void run();
  });
  dom.cancel.addEventListener('click', cancel);
  dom.share.addEventListener('click', copyLink);
  dom.save.addEventListener('click', library.save);
  dom.filter.addEventListener('input', () => drivers?.filter(dom.filter.value));
  dom.resetAll.addEventListener('click', () => {
    drivers?.set({});
    schedules?.set({});
    events?.set(noEvents());
    onEdit();
  });
}

async function init() {
  showNav();
  if (window.matchMedia('(max-width: 900px)').matches) dom.driversPanel.open = false;
  const [meta, { scenarios }] = await Promise.all([api('/api'), api('/api/scenarios')]);
  maxRuns = Number(meta.limits.maxRuns);
  dom.runs.max = String(maxRuns);
  dom.runsNote.textContent = `Runs: 1 to ${maxRuns.toLocaleString('en-US')} per scenario.`;
  for (const s of scenarios) {
    dom.scenario.append(el('option', { value: s.id, text: s.title ?? s.id }));
    dom.compare.append(el('option', { value: s.id, text: s.title ?? s.id }));
  }
  const ids = scenarios.map((/** @type {{id: string}} */ s) => s.id);
  const refused = [...formProblems(location.search, maxRuns), ...scenarioProblems(state, ids)];
  if (refused.length) refuseLink(refused);
  const first = state.scenario ?? (ids.includes('baseline-2016') ? 'baseline-2016' : ids[0]);
  if (state.compare) dom.compare.value = state.compare;
  const described = await loadScenario({ ...state, scenario: first });
  const unknown = parameterProblems(state, described, first);
  if (unknown.length) {
    refuseLink(unknown);
    await loadScenario({ scenario: first });
  }
  // A link with schedules or events opens their panel, so what it changes is in view.
  if (!isEmptyEdit({ schedules: state.schedules, events: state.events })) dom.timelinePanel.open = true;
  listen();
  // Chart.js warmed up while the user reads the form, so the first run's charts come sooner.
  if (window.requestIdleCallback) window.requestIdleCallback(warmUpCharts, { timeout: 2000 });
  else setTimeout(warmUpCharts, 500);
  await Promise.all([library.refreshSaved(), library.refreshHistory()]);
  if (refused.length || unknown.length) return;
  if (state.history) await library.openHistory(state.history.split(','));
  else if (state.run) await run();
}

init().catch((err) => {
  showError(err, 'The page could not load its data from the server');
});
