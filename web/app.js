/**
 * oxus scenario explorer: pick a scenario, change its drivers, run it (and a second scenario to compare),
 * and read the projections as charts and tables. The page state lives in the URL, so a link reproduces it.
 */

import { parseSeed } from '/lib/parseSeed.js';
import { ApiError, api, runToEnd } from './js/api.js';
import { renderDrivers } from './js/drivers.js';
import { errorNodes, namerOf } from './js/errorText.js';
import { el } from './js/format.js';
import { showHistory, showSaved } from './js/library.js';
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
import { showResults } from './js/results.js';
import { focusResults, markCurrent, markStale, STALE } from './js/runState.js';
import { readState, writeState } from './js/share.js';

/**
 * @typedef {import('./js/share.js').ViewState} ViewState
 * @typedef {import('./js/api.js').RunInfo} RunInfo
 * @typedef {import('./js/api.js').RunRequest} RunRequest
 */

/** @type {ViewState} */
let state = readState(location.search);
/** @type {import('./js/drivers.js').Drivers|undefined} */
let drivers;
/** Runs in progress, to cancel. @type {RunInfo[]} */
let active = [];
/** The server's limit on runs per request (from GET /api). */
let maxRuns = 20_000;

/** Writes the state to the address bar (without reloading). */
function syncUrl() {
  history.replaceState(null, '', writeState(state));
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

/**
 * Shows an error (or clears them with null), once and in the user's terms.
 * @param {unknown} err
 * @param {string} [lead] what failed
 */
function showError(err, lead) {
  dom.errors.replaceChildren(
    ...(err
      ? errorNodes(
          err,
          namerOf((name) => drivers?.labelOf(name)),
          lead,
        )
      : []),
  );
}

/** The seed as typed: the server reads it by the same rule as the CLI and scenario files (docs/model-format.md). */
function seedValue() {
  const v = dom.seed.value;
  return v.trim() === '' ? undefined : parseSeed(v);
}

/** @returns {RunRequest} */
function currentRequest() {
  const runs = Number(dom.runs.value);
  const seed = seedValue();
  return {
    scenario: dom.scenario.value,
    overrides: drivers?.overrides() ?? {},
    ...(Number.isInteger(runs) && runs > 0 ? { runs } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
}

/** @param {Record<string, import('./js/driverRow.js').Override>} overrides */
function onOverrides(overrides) {
  const n = Object.keys(overrides).length;
  dom.changed.textContent = n ? `${n} changed` : '';
  patchState({ overrides, run: false });
  markStale(dom.current, STALE.inputs);
}

/**
 * Loads a scenario's description and draws its drivers.
 * @param {string} id
 * @param {Record<string, import('./js/driverRow.js').Override>} overrides
 */
async function loadScenario(id, overrides) {
  dom.scenario.value = id;
  say(`Loading ${id}…`);
  const { scenario } = await api(`/api/scenarios/${encodeURIComponent(id)}`);
  dom.question.textContent = scenario.question ?? '';
  dom.description.textContent = scenario.description ?? '';
  dom.model.textContent = `Model: ${scenario.model.title} (${scenario.file}; ${scenario.dates[0]} to ${scenario.dates[scenario.dates.length - 1]}, by ${scenario.timeUnit}; ${scenario.parameters.length} parameters)`;
  dom.runs.value = String(state.runs ?? scenario.runs);
  dom.seed.value = String(state.seed ?? scenario.seed);
  drivers = renderDrivers(dom.drivers, scenario.parameters, onOverrides);
  drivers.set(overrides);
  drivers.filter(dom.filter.value);
  const n = Object.keys(drivers.overrides()).length;
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
  const request = currentRequest();
  const compare = dom.compare.value;
  /** @type {RunRequest|null} */
  const other =
    compare === ''
      ? null
      : compare === '@unchanged'
        ? { ...request, overrides: {} }
        : { ...request, scenario: compare, overrides: {} };
  const progress = [
    { done: 0, total: request.runs ?? 1 },
    { done: 0, total: other ? (request.runs ?? 1) : 0 },
  ];
  /** Runs the charts are drawn from while the run goes on (0: none drawn yet). */
  let drawn = 0;
  const progressText = () =>
    `Simulating: ${progress
      .filter((p) => p.total > 0)
      .map((p) => `${p.done.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')}`)
      .join(
        ' and ',
      )} runs…${drawn ? ` Charts show the first ${drawn.toLocaleString('en-US')} runs (exact for those runs), refined as more finish.` : ''}`;
  const hooks = (/** @type {number} */ i) => ({
    onStart: (/** @type {RunInfo} */ r) => {
      active.push(r);
    },
    onProgress: (/** @type {number} */ done, /** @type {number} */ total) => {
      progress[i] = { done, total };
      const all = progress.reduce((s, p) => s + p.total, 0);
      dom.progress.value = all ? progress.reduce((s, p) => s + p.done, 0) / all : 0;
      say(progressText());
    },
    // One scenario: draw the exact summary of the runs finished so far while the rest run, and refine it.
    ...(other
      ? {}
      : {
          onPartial: (/** @type {RunInfo} */ r, /** @type {import('./js/api.js').Partial} */ p) => {
            showResults(dom.results, { run: r, result: p.result }, null, state, patchState);
            drawn = p.runs;
            dom.current.section.dataset.partialRuns = String(p.runs);
            say(progressText());
          },
        }),
    onWait: say,
  });
  const started = performance.now();
  say('Compiling the scenario…');
  patchState({
    scenario: request.scenario,
    overrides: request.overrides ?? {},
    runs: request.runs,
    seed: request.seed === undefined ? undefined : String(request.seed),
    compare: compare || undefined,
    history: undefined,
  });
  try {
    const [a, b] = await Promise.all([
      runToEnd('/api/runs', request, hooks(0)),
      other ? runToEnd('/api/runs', other, hooks(1)) : null,
    ]);
    dom.progress.value = 1;
    showResults(dom.results, a, b, state, patchState);
    delete dom.current.section.dataset.partialRuns;
    markCurrent(dom.current);
    dom.refused.replaceChildren();
    focusResults(dom.current);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    say(
      `Done: ${Number(a.result.receipt.runs).toLocaleString('en-US')} runs${b ? ' of each scenario (same seed: common random numbers)' : ''} in ${seconds} s.`,
    );
    patchState({ run: true });
    void refreshHistory();
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

/** Lists the saved scenarios. */
function refreshSaved() {
  return showSaved(dom.saved, async (s) => {
    state = {
      ...state,
      runs: s.edit.runs,
      seed: s.edit.seed === undefined ? undefined : String(s.edit.seed),
    };
    await loadScenario(s.edit.scenario, s.edit.overrides ?? {});
    patchState({ scenario: s.edit.scenario, overrides: s.edit.overrides ?? {}, run: false });
    say(`Loaded “${s.name}”. Press Run.`);
  });
}

async function save() {
  showError(null);
  const name = dom.saveName.value.trim();
  if (!name) {
    dom.saveName.focus();
    say('Give the scenario a name to save it under.');
    return;
  }
  try {
    await api('/api/saved-scenarios', { method: 'POST', body: { name, ...currentRequest() } });
    dom.saveName.value = '';
    say(`Saved “${name}”.`);
    await refreshSaved();
  } catch (err) {
    showError(err);
  }
}

/** Lists the most recent runs. */
function refreshHistory() {
  return showHistory(dom.history, { onOpen: openHistory, onReproduce: reproduce });
}

/**
 * Shows a run from the history, with the controls set to its inputs.
 * @param {string} id
 */
async function openHistory(id) {
  showError(null);
  try {
    const { run } = await api(`/api/runs/${id}`);
    const result = await api(run.links.result);
    state = {
      ...state,
      runs: run.request.runs,
      seed: run.request.seed === undefined ? undefined : String(run.request.seed),
    };
    if (run.request.scenario) await loadScenario(run.request.scenario, run.request.overrides ?? {});
    dom.compare.value = '';
    patchState({
      scenario: run.request.scenario,
      overrides: run.request.overrides ?? {},
      compare: undefined,
      history: id,
      run: false,
    });
    showResults(dom.results, { run, result }, null, state, patchState);
    markCurrent(dom.current);
    focusResults(dom.current);
    say(`Opened a run of ${run.finishedAt}.`);
  } catch (err) {
    showError(err);
  }
}

/**
 * Runs a history entry again and reports whether it came out identical.
 * @param {string} id
 */
async function reproduce(id) {
  showError(null);
  setBusy(true);
  try {
    const shown = await runToEnd(`/api/history/${id}/reproduce`, undefined, {
      onStart: (r) => active.push(r),
      onProgress: (done, total) => {
        dom.progress.value = total ? done / total : 0;
      },
      onWait: say,
    });
    showResults(dom.results, shown, null, state, patchState);
    markCurrent(dom.current);
    focusResults(dom.current);
    const r = shown.run.reproduced;
    say(
      r?.receipt && r.summary
        ? 'Reproduced bit for bit: the receipt and every number are identical.'
        : 'Reproduced, but the numbers differ.',
    );
    void refreshHistory();
  } catch (err) {
    showError(err, 'Could not reproduce this run');
    say('');
  } finally {
    active = [];
    setBusy(false);
  }
}

async function copyLink() {
  const url = `${location.origin}${location.pathname}${writeState({ ...state, ...currentRequestState(), run: true })}`;
  try {
    await navigator.clipboard.writeText(url);
    say('Link copied: it reruns this view with the same inputs.');
  } catch {
    say(`Link: ${url}`);
  }
}

function currentRequestState() {
  const r = currentRequest();
  return {
    scenario: r.scenario,
    overrides: r.overrides ?? {},
    runs: r.runs,
    seed: r.seed === undefined ? undefined : String(r.seed),
    compare: dom.compare.value || undefined,
  };
}

/**
 * Checks the link the page was opened with; shows why it is refused, if it is.
 * @param {string[]} ids the scenarios' ids
 * @returns {string[]} the problems (none: the link can be used as it is)
 */
function linkProblems(ids) {
  return [...formProblems(location.search, maxRuns), ...scenarioProblems(state, ids)];
}

/** @param {string[]} problems */
function refuseLink(problems) {
  dom.refused.replaceChildren(...refusalNodes(problems));
  state = { overrides: {} };
  syncUrl();
}

/** Marks the results as out of date and records a change of the inputs in the link. */
function inputsChanged(/** @type {Partial<ViewState>} */ patch) {
  patchState({ ...patch, run: false });
  markStale(dom.current, STALE.inputs);
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
  const refused = linkProblems(ids);
  if (refused.length) refuseLink(refused);
  const first = state.scenario ?? (ids.includes('baseline-2016') ? 'baseline-2016' : ids[0]);
  if (state.compare) dom.compare.value = state.compare;
  const described = await loadScenario(first, state.overrides);
  const unknown = parameterProblems(state.overrides, described.parameters, first);
  if (unknown.length) {
    refuseLink(unknown);
    await loadScenario(first, {});
  }
  dom.scenario.addEventListener('change', async () => {
    state = { ...state, runs: undefined, seed: undefined };
    await loadScenario(dom.scenario.value, {});
    inputsChanged({ scenario: dom.scenario.value, overrides: {} });
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
  dom.save.addEventListener('click', save);
  dom.filter.addEventListener('input', () => drivers?.filter(dom.filter.value));
  dom.resetAll.addEventListener('click', () => drivers?.reset());
  await Promise.all([refreshSaved(), refreshHistory()]);
  if (refused.length || unknown.length) return;
  if (state.history) await openHistory(state.history);
  else if (state.run) await run();
}

init().catch((err) => {
  showError(err, 'The page could not load its data from the server');
});
