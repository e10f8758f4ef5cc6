/**
 * The Key assumptions view of the Teaching page (`POST /api/assumptions`, `oxus assumptions`): every
 * parameter with its value, evidence grade, sources and sensitivity rank for the question, the sensitive
 * and weakly sourced ones flagged; then the answer again on graded evidence only, beside the scenario's.
 */
import { el, formatNumber } from '../format.js';
import { differenceText, outcomeText } from './teachOutcome.js';
import { questionForm } from './teachQuestion.js';
import { runTechnique } from './teachRun.js';

/**
 * @typedef {{name: string, label: string, unit: string, value: number, uncertainty: Record<string, any>|null,
 *   scenario: string|null, grade: string, judgmentOnly: boolean, sources: Record<string, string>[],
 *   rank: number|null, rho: number|null, sensitive: boolean, flagged: boolean}} Row
 */

/** @param {Record<string, string>} s */
function sourceLine(s) {
  if (s.seed !== undefined) return `article ${s.seed}: “${s.quote}”`;
  if (s.domain !== undefined) return `${s.domain}, ${s.entry} [${s.grade}]`;
  if (s.judgment !== undefined) return `judgment: ${s.judgment}`;
  return `${s.ref} [${s.grade}]`;
}

/** @param {Record<string, any>|null} u */
function drawnFrom(u) {
  if (!u) return 'fixed';
  const { dist, ...rest } = u;
  return `${dist}(${Object.values(rest)
    .map((v) => formatNumber(Number(v)))
    .join(', ')})`;
}

/** Rows shown before *Show every parameter*: the leading ranks (and every sensitive or flagged one). */
const LEADING = 15;

/**
 * The table, the leading rows shown and the rest behind a button.
 * @param {Row[]} rows
 */
function table(rows) {
  const order = [...rows].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
  const rest = (/** @type {Row} */ r) => (r.rank === null || r.rank > LEADING) && !r.sensitive && !r.flagged;
  const hidden = order.filter(rest).length;
  const more = el('button', { type: 'button', id: 'ka-more', text: `Show every parameter (${hidden} more)` });
  const t = el('table', { id: 'ka-table', class: 'ka-table' }, [
    el('caption', { text: 'Parameters by sensitivity rank (|Spearman ρ| with the output over the runs)' }),
    el('thead', {}, [
      el(
        'tr',
        {},
        ['Rank', 'Parameter', 'Value', 'Drawn from', 'Grade', 'ρ', 'Sensitive', 'Flag', 'Sources'].map((h) =>
          el('th', { scope: 'col', text: h }),
        ),
      ),
    ]),
    el(
      'tbody',
      {},
      order.map((r) =>
        el('tr', { class: r.flagged ? 'flagged' : '', 'data-name': r.name, hidden: rest(r) }, [
          el('td', { text: r.rank === null ? '–' : String(r.rank) }),
          el('th', { scope: 'row', class: 'text' }, [r.label, ' ', el('code', { text: r.name })]),
          el('td', { text: `${formatNumber(r.value)} ${r.unit}${r.scenario ? ` [${r.scenario}]` : ''}` }),
          el('td', { text: drawnFrom(r.uncertainty) }),
          el('td', { class: `grade grade-${r.grade}`, text: r.grade }),
          el('td', { text: r.rho === null ? '–' : r.rho.toFixed(2) }),
          el('td', { text: r.sensitive ? 'yes' : '' }),
          el('td', { text: r.flagged ? 'flagged' : '' }),
          el('td', { class: 'text' }, [
            el('details', {}, [
              el('summary', { text: `${r.sources.length} source${r.sources.length === 1 ? '' : 's'}` }),
              el(
                'ul',
                {},
                r.sources.map((s) => el('li', { text: sourceLine(s) })),
              ),
            ]),
          ]),
        ]),
      ),
    ),
  ]);
  more.addEventListener('click', () => {
    for (const tr of t.querySelectorAll('tr[hidden]')) tr.removeAttribute('hidden');
    more.remove();
  });
  return el('div', {}, [t, hidden ? more : '']);
}

/**
 * Draws the view into `panel`.
 * @param {HTMLElement} panel
 * @param {import('./teachQuestion.js').Defaults} defaults
 * @param {(q: import('./teachQuestion.js').Question) => void} onAsk told the question asked (for the link)
 */
export async function renderKeyAssumptions(panel, defaults, onAsk) {
  const form = el('div', {});
  const go = el('button', { type: 'button', class: 'primary', id: 'ka-go', text: 'Check the assumptions' });
  const status = el('p', { class: 'status', id: 'ka-status', role: 'status', 'aria-live': 'polite' });
  const errors = el('div', { class: 'errors', role: 'alert' });
  const out = el('div', { id: 'ka-out' });
  panel.append(
    el('p', {
      class: 'muted',
      text: 'Which assumptions does the answer rest on, and how well is each one sourced? Every parameter is ranked by how strongly the runs’ draws of it go with the answer (the ranks of the Sensitivity tab’s rank correlation, same runs and seed); a sensitive parameter whose best source is weak (grade C, U, ungraded or judgment) is flagged. Then the model answers again with every judgment-only parameter spread over its whole allowed range.',
    }),
    form,
    el('div', { class: 'actions' }, [go]),
    status,
    errors,
    out,
  );
  const q = await questionForm(form, 'ka', defaults);
  const ask = async () => {
    const question = q.read();
    onAsk(question);
    await runTechnique(
      { go, status, errors, out },
      '/api/assumptions',
      question,
      `Checking the assumptions over ${question.runs} runs (and as many on graded evidence only)…`,
      (r) => {
        const g = r.gradedOnly;
        const flagged = r.parameters.filter((/** @type {Row} */ p) => p.flagged);
        const sensitive = r.parameters.filter((/** @type {Row} */ p) => p.sensitive);
        return {
          status: `${r.parameters.length} parameters; ${sensitive.length} sensitive (|ρ| ≥ ${r.sensitiveAt.toFixed(2)}), ${flagged.length} flagged.`,
          nodes: [
            el('h3', { text: `${r.output}${r.member ? ` of ${r.member}` : ''} at ${r.at}` }),
            table(r.parameters),
            el('h3', { text: 'On graded evidence only' }),
            el('p', {
              text: `${g.spread.length} judgment-only parameters spread over their allowed ranges${g.spread.length ? `: ${g.spread.join(', ')}` : ''}.`,
            }),
            g.kept.length
              ? el('p', {
                  class: 'muted',
                  text: `Kept as they are: ${g.kept.map((/** @type {{name: string, why: string}} */ k) => `${k.name} (${k.why})`).join('; ')}.`,
                })
              : '',
            el('table', { id: 'ka-graded' }, [
              el('thead', {}, [
                el(
                  'tr',
                  {},
                  ['', 'Answer'].map((h) => el('th', { scope: 'col', text: h })),
                ),
              ]),
              el('tbody', {}, [
                el('tr', {}, [
                  el('th', { scope: 'row', text: 'The scenario' }),
                  el('td', { text: outcomeText(g.scenario) }),
                ]),
                el('tr', {}, [
                  el('th', { scope: 'row', text: 'On graded evidence only' }),
                  el('td', { text: outcomeText(g.gradedOnly) }),
                ]),
                el('tr', {}, [
                  el('th', { scope: 'row', text: 'Difference, run by run' }),
                  el('td', { id: 'ka-difference', text: differenceText(g.difference, g.scenario.kind) }),
                ]),
              ]),
            ]),
          ],
        };
      },
    );
  };
  go.addEventListener('click', () => void ask());
  return { ask };
}
