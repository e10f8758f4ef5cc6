/**
 * What the page does with its library: load a saved scenario, save the current one, list the run history
 * (a comparison as one entry), open an entry (a comparison as the pair it was) and reproduce it.
 */
import { api, runToEnd } from './api.js';
import { showHistory, showSaved } from './library.js';
import { progressOf } from './progressText.js';

/**
 * @typedef {import('./api.js').RunInfo} RunInfo
 * @typedef {import('./api.js').RunRequest} RunRequest
 * @typedef {import('./results.js').Shown} Shown
 * @typedef {import('./share.js').ViewState} ViewState
 * @typedef {{
 *   state: () => ViewState,
 *   setState: (s: ViewState) => void,
 *   patch: (p: Partial<ViewState>) => void,
 *   load: (request: RunRequest) => Promise<void>,
 *   request: () => RunRequest,
 *   show: (a: Shown, b: Shown|null) => void,
 *   say: (text: string) => void,
 *   showError: (err: unknown, lead?: string) => void,
 *   setBusy: (busy: boolean) => void,
 *   track: (r: RunInfo) => void,
 *   idle: () => void,
 *   progress: (fraction: number, text: string) => void,
 *   labelOf: (name: string) => string|undefined,
 *   dom: {saved: HTMLElement, history: HTMLElement, saveName: HTMLInputElement, compare: HTMLSelectElement},
 * }} App
 */

/** @param {RunRequest|undefined} r */
const seedText = (r) => (r?.seed === undefined ? undefined : String(r.seed));

/**
 * The compare choice that reruns B from A: this scenario without the changes, or another scenario.
 * @param {RunRequest} a
 * @param {RunRequest} b
 */
export function compareChoice(a, b) {
  return b.scenario === a.scenario ? '@unchanged' : (b.scenario ?? '');
}

/** @param {App} app */
export function libraryActions(app) {
  /** Sets the controls to a run's inputs (and the comparison it was part of). */
  const loadInputs = async (/** @type {RunRequest} */ a, /** @type {RunRequest|null} */ b) => {
    app.setState({ ...app.state(), runs: a.runs, seed: seedText(a) });
    await app.load(a);
    app.dom.compare.value = b ? compareChoice(a, b) : '';
  };

  const refreshSaved = () =>
    showSaved(app.dom.saved, async (s) => {
      await loadInputs(s.edit, null);
      app.patch({ run: false, compare: undefined });
      app.say(`Loaded “${s.name}”. Press Run.`);
    });

  const save = async () => {
    app.showError(null);
    const name = app.dom.saveName.value.trim();
    if (!name) {
      app.dom.saveName.focus();
      app.say('Give the scenario a name to save it under.');
      return;
    }
    try {
      const { comparison: _pair, ...request } = app.request();
      await api('/api/saved-scenarios', { method: 'POST', body: { name, ...request } });
      app.dom.saveName.value = '';
      app.say(`Saved “${name}”.`);
      await refreshSaved();
    } catch (err) {
      app.showError(err);
    }
  };

  /** @param {string} id */
  const fetchShown = async (id) => {
    const { run } = await api(`/api/runs/${id}`);
    return { run, result: await api(run.links.result) };
  };

  /**
   * Shows a history entry (a pair: both runs, compared), with the controls set to its inputs.
   * @param {string[]} ids one id, or A's and B's
   */
  const openHistory = async (ids) => {
    app.showError(null);
    try {
      const [a, b] = await Promise.all(ids.map(fetchShown));
      if (!a) return;
      await loadInputs(a.run.request, b?.run.request ?? null);
      app.patch({
        compare: b ? app.dom.compare.value : undefined,
        history: ids.join(','),
        run: false,
        ...(b ? { tab: 'compare' } : {}),
      });
      app.show(a, b ?? null);
      app.say(`Opened ${b ? 'a comparison' : 'a run'} of ${new Date(a.run.finishedAt).toLocaleString()}.`);
    } catch (err) {
      app.showError(err);
    }
  };

  /**
   * Runs a history entry again (both runs of a pair) and reports whether it came out identical.
   * @param {string[]} ids
   */
  const reproduce = async (ids) => {
    app.showError(null);
    app.setBusy(true);
    const progress = progressOf(
      ids.map(() => 0),
      app.progress,
    );
    try {
      const [a, b] = await Promise.all(
        ids.map((id, i) =>
          runToEnd(`/api/history/${id}/reproduce`, undefined, {
            onStart: app.track,
            onProgress: (done, total) => progress.update(i, done, total),
            onWait: app.say,
          }),
        ),
      );
      if (!a) return;
      app.show(a, b ?? null);
      const same = [a, b].every((s) => !s || (s.run.reproduced?.receipt && s.run.reproduced.summary));
      app.say(
        same
          ? `Reproduced bit for bit: the receipt${b ? 's' : ''} and every number are identical.`
          : 'Reproduced, but the numbers differ.',
      );
      void refreshHistory();
    } catch (err) {
      app.showError(err, 'Could not reproduce this run');
      app.say('');
    } finally {
      app.idle();
      app.setBusy(false);
    }
  };

  const refreshHistory = () =>
    showHistory(app.dom.history, { onOpen: openHistory, onReproduce: reproduce, labelOf: app.labelOf });

  return { refreshSaved, save, refreshHistory, openHistory, reproduce };
}
