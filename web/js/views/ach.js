/**
 * The Competing hypotheses view of the Teaching page (`POST /api/ach`, `oxus ach`): hypotheses are
 * classes of runs the class defines (an output at a date meeting a condition; the first that a run meets
 * takes it, the rest are "none of these"), evidence items are observations; each cell is P(evidence |
 * hypothesis) from the runs, rated consistent (C), inconsistent (I) or very inconsistent (II) by its
 * likelihood ratio, and marking evidence as seen updates the hypotheses' probabilities.
 */
import { el, fine, formatNumber, formatPercent } from '../format.js';
import { observationRow } from './observationRow.js';
import { questionForm } from './teachQuestion.js';
import { runTechnique } from './teachRun.js';

/**
 * @typedef {import('./teachQuestion.js').Description} Description
 * @typedef {import('./observationRow.js').Observation} Observation
 * @typedef {{name: string, output: string, member?: string, at: string, when?: string}} HypothesisRequest
 * @typedef {{p: number, se: number}} Share
 */

/**
 * One hypothesis' fields: a name, an output (of a member) at a date, and for a series a condition.
 * @param {Description} d
 * @param {string} prefix
 * @param {HypothesisRequest|undefined} start
 * @param {() => void} onRemove
 */
function hypothesisRow(d, prefix, start, onRemove) {
  const name = el('input', {
    id: `${prefix}-name`,
    type: 'text',
    maxlength: '40',
    'aria-label': 'name',
    placeholder: 'name',
  });
  const op = el(
    'select',
    { id: `${prefix}-op`, 'aria-label': 'condition' },
    ['>=', '>', '<=', '<', '=='].map((o) => el('option', { value: o, text: o })),
  );
  const value = el('input', { id: `${prefix}-value`, type: 'number', step: 'any', 'aria-label': 'value' });
  // The output, member and date pickers of an observation row, without what was seen of it.
  const picker = observationRow(
    d,
    prefix,
    start
      ? {
          output: start.output,
          ...(start.member ? { member: start.member } : {}),
          at: start.at,
          happened: true,
        }
      : undefined,
    onRemove,
  );
  for (const hidden of picker.row.querySelectorAll(`#${prefix}-how, #${prefix}-a, #${prefix}-b`))
    hidden.remove();
  const series = () => d.outputs.find((o) => o.id === picker.read().output)?.kind === 'series';
  const refresh = () => {
    op.hidden = value.hidden = !series();
  };
  picker.row.querySelector(`#${prefix}-output`)?.addEventListener('change', refresh);
  if (start?.when) [op.value, value.value] = start.when.split(' ');
  name.value = start?.name ?? '';
  picker.row.prepend(name);
  picker.row.querySelector('button')?.before(op, value);
  refresh();
  /** @returns {HypothesisRequest} */
  const read = () => {
    const { output, member, at } = picker.read();
    return {
      name: name.value.trim() || output,
      output,
      ...(member ? { member } : {}),
      at,
      ...(series() && value.value !== '' ? { when: `${op.value} ${value.value}` } : {}),
    };
  };
  return { row: picker.row, read };
}

/**
 * A list of rows with an *Add* button.
 * @template T
 * @param {string} id
 * @param {string} addText
 * @param {(prefix: string, start: T|undefined, remove: () => void) => {row: HTMLElement, read: () => any}} make
 * @param {T[]} starts
 */
function rowList(id, addText, make, starts) {
  const list = el('ol', { id, class: 'observations' });
  /** @type {{row: HTMLElement, read: () => any}[]} */
  let rows = [];
  let made = 0;
  const add = (/** @type {T|undefined} */ start) => {
    const r = make(`${id}-${made++}`, start, () => {
      rows = rows.filter((x) => x !== r);
      r.row.remove();
    });
    rows.push(r);
    list.append(r.row);
  };
  for (const s of starts) add(s);
  const button = el('button', { type: 'button', id: `${id}-add`, text: addText });
  button.addEventListener('click', () => add(undefined));
  return { list, button, add, rows: () => rows };
}

/** @param {Share} s */
const share = (s) => `${formatPercent(s.p)} ± ${fine(s.se)}`;

/**
 * Draws the view into `panel`.
 * @param {HTMLElement} panel
 * @param {import('./teachQuestion.js').Defaults & {hypotheses?: HypothesisRequest[], evidence?: Observation[], seen?: number[]}} defaults
 * @param {(q: Record<string, unknown>) => void} onAsk
 */
export async function renderAch(panel, defaults, onAsk) {
  const form = el('div', {});
  const go = el('button', { type: 'button', class: 'primary', id: 'ach-go', text: 'Weigh the hypotheses' });
  const status = el('p', { class: 'status', id: 'ach-status', role: 'status', 'aria-live': 'polite' });
  const errors = el('div', { class: 'errors', role: 'alert' });
  const out = el('div', { id: 'ach-out' });
  panel.append(
    el('p', {
      class: 'muted',
      text: 'Analysis of competing hypotheses, computed: each hypothesis is a class of runs (an output at a date, a condition for a series), each item of evidence an observation; a cell is the probability of the evidence under the hypothesis, from the runs, so an item’s diagnosticity is a likelihood ratio, not a guess. Tick the evidence that was seen to update the hypotheses.',
    }),
    form,
  );
  const q = await questionForm(form, 'ach', defaults, { scenarioOnly: true });
  const d = q.description();
  const hypotheses = rowList(
    'ach-h',
    'Add a hypothesis',
    (prefix, start, remove) => hypothesisRow(d, prefix, start, remove),
    defaults.hypotheses?.length ? defaults.hypotheses : [undefined, undefined],
  );
  const seenAt = new Set(defaults.seen ?? []);
  const evidence = rowList(
    'ach-e',
    'Add evidence',
    (prefix, start, remove) => {
      const r = observationRow(d, prefix, start, remove);
      const seen = el('input', { id: `${prefix}-seen`, type: 'checkbox' });
      seen.checked = !defaults.seen || seenAt.has(Number(prefix.split('-').at(-1)) + 1);
      r.row.prepend(el('label', { class: 'seen' }, [seen, ' seen']));
      return { row: r.row, read: () => ({ observation: r.read(), seen: seen.checked }) };
    },
    defaults.evidence ?? [],
  );
  panel.append(
    el('h3', { text: 'Hypotheses' }),
    hypotheses.list,
    el('div', { class: 'actions' }, [hypotheses.button]),
    el('h3', { text: 'Evidence' }),
    evidence.list,
    el('div', { class: 'actions' }, [evidence.button, go]),
    status,
    errors,
    out,
  );
  const ask = async () => {
    const items = evidence.rows().map((r) => r.read());
    const body = {
      ...q.read(),
      hypotheses: hypotheses.rows().map((r) => r.read()),
      ...(items.length ? { evidence: items.map((i) => i.observation) } : {}),
      ...(items.length ? { seen: items.flatMap((i, k) => (i.seen ? [k + 1] : [])) } : {}),
    };
    onAsk(body);
    await runTechnique(
      { go, status, errors, out },
      '/api/ach',
      body,
      `Running ${body.runs} runs and sorting them into the hypotheses…`,
      (r) => {
        const names = r.hypotheses.map((/** @type {{name: string}} */ h) => h.name);
        return {
          status: `${formatNumber(r.runs)} runs; ${formatNumber(r.effectiveRuns)} effective runs after the evidence seen.${r.warning ? ` ${r.warning}` : ''}`,
          nodes: [
            el('table', { id: 'ach-matrix', class: 'ach-matrix' }, [
              el('caption', {
                text: 'P(evidence | hypothesis), from the runs; C consistent, I inconsistent (ratio to the best below 1/3), II very inconsistent (below 1/20)',
              }),
              el('thead', {}, [
                el('tr', {}, [
                  el('th', { scope: 'col', text: 'Evidence' }),
                  ...names.map((n) => el('th', { scope: 'col', text: n })),
                  el('th', { scope: 'col', text: 'Diagnosticity' }),
                ]),
              ]),
              el(
                'tbody',
                {},
                r.evidence.map((/** @type {any} */ e) =>
                  el('tr', {}, [
                    el('th', { scope: 'row', class: 'text', text: `${e.seen ? '✓ ' : ''}${e.text}` }),
                    ...e.cells.map((/** @type {{p: number, rating: string|null}} */ c) =>
                      el('td', {
                        class: `rating-${c.rating ?? 'none'}`,
                        text: `${formatNumber(c.p)}${c.rating ? ` ${c.rating}` : ''}`,
                      }),
                    ),
                    el('td', {
                      text:
                        e.diagnosticity === null
                          ? `∞ (rules out ${e.excludes.join(', ')})`
                          : formatNumber(e.diagnosticity),
                    }),
                  ]),
                ),
              ),
            ]),
            el('table', { id: 'ach-hypotheses' }, [
              el('thead', {}, [
                el(
                  'tr',
                  {},
                  [
                    'Hypothesis',
                    'Runs',
                    'Before the evidence',
                    'After the evidence seen',
                    'As if independent',
                    'Against it (bans)',
                  ].map((h) => el('th', { scope: 'col', text: h })),
                ),
              ]),
              el(
                'tbody',
                {},
                r.hypotheses.map((/** @type {any} */ h) =>
                  el('tr', { 'data-name': h.name }, [
                    el('th', {
                      scope: 'row',
                      class: 'text',
                      text: h.label
                        ? `${h.name}: ${h.label}${h.member ? ` — ${h.member}` : ''} at ${h.at}`
                        : h.name,
                    }),
                    el('td', { text: formatNumber(h.runs) }),
                    el('td', { text: share(h.prior) }),
                    el('td', { class: 'posterior', text: share(h.posterior) }),
                    el('td', {
                      text: h.independentPosterior === null ? '–' : formatPercent(h.independentPosterior),
                    }),
                    el('td', { text: formatNumber(h.inconsistency.bans) }),
                  ]),
                ),
              ),
            ]),
          ],
        };
      },
    );
  };
  go.addEventListener('click', () => void ask());
  return { ask };
}
