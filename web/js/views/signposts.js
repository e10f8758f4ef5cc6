/**
 * The Signposts view of the Teaching page (`POST /api/signposts`, `oxus signposts`): a future of interest
 * (an output at a date meeting a condition), and the observables that can be seen by an earlier date,
 * ranked by how far watching each would move the future's probability: P(future) if seen and if not, the
 * expected shift and the likelihood ratio.
 */
import { el, fine, formatNumber, formatPercent } from '../format.js';
import { questionForm } from './teachQuestion.js';
import { runTechnique } from './teachRun.js';

/**
 * @typedef {{p: number, se: number, runs: number}} Estimate
 * @typedef {{text: string, pSeen: number, ifSeen: Estimate, ifNot: Estimate, shift: number, expectedShift: number,
 *   likelihoodRatio: number|null}} Signpost
 */

/** @param {Estimate} e */
const estimate = (e) => `${formatPercent(e.p)} ± ${fine(e.se)} (${formatNumber(e.runs)} runs)`;

/**
 * Draws the view into `panel`.
 * @param {HTMLElement} panel
 * @param {import('./teachQuestion.js').Defaults & {when?: string, by?: string}} defaults
 * @param {(q: Record<string, unknown>) => void} onAsk
 */
export async function renderSignposts(panel, defaults, onAsk) {
  const form = el('div', {});
  const op = el(
    'select',
    { id: 'sp-op' },
    ['>=', '>', '<=', '<', '=='].map((o) => el('option', { value: o, text: o })),
  );
  const value = el('input', { id: 'sp-value', type: 'number', step: 'any' });
  const by = el('select', { id: 'sp-by' });
  const go = el('button', { type: 'button', class: 'primary', id: 'sp-go', text: 'Find the signposts' });
  const status = el('p', { class: 'status', id: 'sp-status', role: 'status', 'aria-live': 'polite' });
  const errors = el('div', { class: 'errors', role: 'alert' });
  const out = el('div', { id: 'sp-out' });
  const condition = el('div', { class: 'picker' }, [
    el('div', {}, [el('label', { for: 'sp-op', text: 'The future: the output is' }), op]),
    el('div', {}, [el('label', { for: 'sp-value', text: 'Value' }), value]),
    el('div', {}, [el('label', { for: 'sp-by', text: 'Seen by' }), by]),
  ]);
  panel.append(
    el('p', {
      class: 'muted',
      text: 'Indicators and signposts: what could be seen early that tells which way the future goes? Every output of the model at the earlier date is a candidate (an event having happened, a value at or above its median); each is scored by keeping the runs that show it, and those that do not.',
    }),
    form,
    condition,
    el('div', { class: 'actions' }, [go]),
    status,
    errors,
    out,
  );
  /** The dates a signpost can be seen by, kept when the scenario keeps them; the condition for a series only. */
  const onChange = (/** @type {import('./teachQuestion.js').Description} */ d) => {
    const was = by.value || defaults.by;
    by.replaceChildren(...d.dates.map((x) => el('option', { value: x, text: x })));
    by.value = was && d.dates.includes(was) ? was : (d.dates[Math.floor(d.dates.length / 3)] ?? '');
    const output = /** @type {HTMLSelectElement} */ (form.querySelector('#sp-output')).value;
    const series = d.outputs.find((o) => o.id === output)?.kind === 'series';
    op.disabled = value.disabled = !series;
  };
  const q = await questionForm(form, 'sp', defaults, { onChange });
  const [wantOp, wantValue] = (defaults.when ?? '').split(' ');
  if (wantOp) op.value = wantOp;
  if (wantValue) value.value = wantValue;
  const ask = async () => {
    const body = {
      ...q.read(),
      ...(value.disabled || value.value === '' ? {} : { when: `${op.value} ${value.value}` }),
      by: by.value,
    };
    onAsk(body);
    await runTechnique(
      { go, status, errors, out },
      '/api/signposts',
      body,
      `Running ${body.runs} runs and scoring every output at ${body.by} as a signpost…`,
      (r) => {
        return {
          status: `P(future) = ${estimate(r.prior)}; ${r.signposts.length} signposts listed of ${formatNumber(r.scored)} scored (${r.unobservable.length} that every run or none shows left out).`,
          nodes: [
            el('table', { id: 'sp-table' }, [
              el('caption', { text: 'Signposts, by how far watching each moves the probability on average' }),
              el('thead', {}, [
                el(
                  'tr',
                  {},
                  [
                    'Signpost',
                    'Seen in',
                    'P(future) if seen',
                    'if not',
                    'Expected shift',
                    'Likelihood ratio',
                  ].map((h) => el('th', { scope: 'col', text: h })),
                ),
              ]),
              el(
                'tbody',
                {},
                r.signposts.map((/** @type {Signpost} */ s) =>
                  el('tr', {}, [
                    el('th', { scope: 'row', class: 'text', text: s.text }),
                    el('td', { text: formatPercent(s.pSeen) }),
                    el('td', { text: estimate(s.ifSeen) }),
                    el('td', { text: estimate(s.ifNot) }),
                    el('td', { text: `${formatNumber(s.expectedShift * 100)} points` }),
                    el('td', { text: s.likelihoodRatio === null ? '∞' : formatNumber(s.likelihoodRatio) }),
                  ]),
                ),
              ),
            ]),
            el(
              'ul',
              { id: 'sp-sentences' },
              r.sentences.map((/** @type {string} */ s) => el('li', { text: s })),
            ),
          ],
        };
      },
    );
  };
  go.addEventListener('click', () => void ask());
  return { ask };
}
