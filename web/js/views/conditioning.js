/**
 * The Conditioning view of the Teaching page (`POST /api/condition`, `oxus condition`): what was seen,
 * written as observations (an event or threshold happened or not by a date; a series between two values,
 * or about a value with a measurement error), and the question's answer over all runs beside the answer
 * over the runs consistent with what was seen, with the effective number of runs.
 */
import { el, formatNumber } from '../format.js';
import { observationRow } from './observationRow.js';
import { outcomeText } from './teachOutcome.js';
import { questionForm } from './teachQuestion.js';
import { runTechnique } from './teachRun.js';

/**
 * @typedef {import('./observationRow.js').Observation} Observation
 */

/**
 * Draws the view into `panel`.
 * @param {HTMLElement} panel
 * @param {import('./teachQuestion.js').Defaults & {observations?: Observation[]}} defaults
 * @param {(q: Record<string, unknown>) => void} onAsk
 */
export async function renderConditioning(panel, defaults, onAsk) {
  const form = el('div', {});
  const list = el('ol', { id: 'co-observations', class: 'observations' });
  const add = el('button', { type: 'button', id: 'co-add', text: 'Add an observation' });
  const go = el('button', {
    type: 'button',
    class: 'primary',
    id: 'co-go',
    text: 'Condition on what was seen',
  });
  const status = el('p', { class: 'status', id: 'co-status', role: 'status', 'aria-live': 'polite' });
  const errors = el('div', { class: 'errors', role: 'alert' });
  const out = el('div', { id: 'co-out' });
  panel.append(
    el('p', {
      class: 'muted',
      text: 'What does what was seen tell us? The runs are the model’s prior; each is kept if it agrees with every observation (an event happened or not, a value between two bounds) or weighted by how likely it makes a measured value (about a value, with a standard deviation). The answer is then read over the runs consistent with what was seen.',
    }),
    form,
    el('h3', { text: 'What was seen' }),
    list,
    el('div', { class: 'actions' }, [add, go]),
    status,
    errors,
    out,
  );
  const q = await questionForm(form, 'co', defaults);
  /** @type {{row: HTMLElement, read: () => Observation}[]} */
  let rows = [];
  let made = 0;
  const addRow = (/** @type {Observation|undefined} */ start) => {
    const r = observationRow(q.description(), `co-${made++}`, start, () => {
      rows = rows.filter((x) => x !== r);
      r.row.remove();
    });
    rows.push(r);
    list.append(r.row);
  };
  for (const o of defaults.observations ?? []) addRow(o);
  if (!rows.length) addRow(undefined);
  add.addEventListener('click', () => addRow(undefined));
  const ask = async () => {
    const observations = rows.map((r) => r.read());
    const body = { ...q.read(), observations };
    onAsk(body);
    await runTechnique(
      { go, status, errors, out },
      '/api/condition',
      body,
      `Running ${body.runs} runs and weighing them by what was seen…`,
      (r) => {
        return {
          status: `${formatNumber(r.consistentRuns)} of ${formatNumber(r.runs)} runs are consistent with what was seen; ${formatNumber(r.effectiveRuns)} effective runs.`,
          nodes: [
            r.warning ? el('p', { class: 'warning', id: 'co-warning', text: r.warning }) : '',
            el('table', { id: 'co-table' }, [
              el('caption', { text: `${r.output}${r.member ? ` of ${r.member}` : ''} at ${r.at}` }),
              el('tbody', {}, [
                el('tr', {}, [
                  el('th', { scope: 'row', text: `Over all ${formatNumber(r.runs)} runs` }),
                  el('td', { text: outcomeText(r.prior) }),
                ]),
                el('tr', {}, [
                  el('th', {
                    scope: 'row',
                    text: `Over the runs consistent with what was seen (${formatNumber(r.effectiveRuns)} effective)`,
                  }),
                  el('td', { id: 'co-posterior', text: outcomeText(r.posterior) }),
                ]),
              ]),
            ]),
            el('h3', { text: 'Each observation alone' }),
            el(
              'ul',
              { id: 'co-each' },
              r.observations.map(
                (/** @type {{text: string, consistent: number, effectiveRuns: number}} */ o) =>
                  el('li', {
                    text: `${o.text}: ${formatNumber(o.consistent)} runs consistent (${formatNumber(o.effectiveRuns)} effective)`,
                  }),
              ),
            ),
          ],
        };
      },
    );
  };
  go.addEventListener('click', () => void ask());
  return { ask };
}
