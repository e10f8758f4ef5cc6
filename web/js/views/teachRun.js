/**
 * How every technique of the Teaching page asks the server and shows the answer: the button is disabled
 * and the status says what runs while the request is out; then the status and the output area show the
 * answer (marked ready for the tests and the lessons), or the errors area shows what was wrong.
 */
import { api, errorNodes } from '../api.js';

/**
 * @typedef {{go: HTMLButtonElement, status: HTMLElement, errors: HTMLElement, out: HTMLElement}} TechniqueUi
 * @typedef {{status: string, nodes: (Node | string)[]}} Shown
 */

/**
 * POSTs `body` to `path` and shows the answer through `show`.
 * @param {TechniqueUi} ui
 * @param {string} path
 * @param {Record<string, unknown>} body
 * @param {string} running what the status says while the request is out
 * @param {(answer: any) => Shown} show
 */
export async function runTechnique(ui, path, body, running, show) {
  const { go, status, errors, out } = ui;
  go.disabled = true;
  errors.replaceChildren();
  delete out.dataset.ready;
  status.textContent = running;
  try {
    const shown = show(await api(path, { method: 'POST', body }));
    status.textContent = shown.status;
    out.replaceChildren(...shown.nodes);
    out.dataset.ready = '1';
  } catch (err) {
    status.textContent = '';
    errors.replaceChildren(...errorNodes(err));
  } finally {
    go.disabled = false;
  }
}
