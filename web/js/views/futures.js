/**
 * The Alternative futures view of the Teaching page (`POST /api/futures`, `oxus futures`): two drivers,
 * each at a low and a high setting, give four futures run on common random numbers; drawn as a 2×2 with
 * each future's answer, its share of the scenario's runs and its generated narrative, then the paired
 * effects of each driver and their interaction.
 */
import { el, fine, formatNumber } from '../format.js';
import { outcomeText } from './teachOutcome.js';
import { questionForm } from './teachQuestion.js';
import { runTechnique } from './teachRun.js';

/**
 * @typedef {{name: string, low?: number, high?: number}} DriverChoice
 * @typedef {{mean: number, se: number}} MeanSe
 */

/** @param {MeanSe} m */
const meanSe = (m) => `${m.mean > 0 ? '+' : ''}${formatNumber(m.mean)} ± ${formatNumber(m.se)}`;

/**
 * One driver's fields: a parameter and, optionally, the two values to fix it at.
 * @param {string} id
 * @param {string} label
 */
function driverField(id, label) {
  const name = el('select', { id: `${id}-name` });
  const low = el('input', { id: `${id}-low`, type: 'number', step: 'any', placeholder: 'below its median' });
  const high = el('input', {
    id: `${id}-high`,
    type: 'number',
    step: 'any',
    placeholder: 'above its median',
  });
  const fieldset = el('fieldset', { class: 'driver-choice' }, [
    el('legend', { text: label }),
    el('label', { for: name.id, text: 'Parameter' }),
    name,
    el('label', { for: low.id, text: 'Low (optional)' }),
    low,
    el('label', { for: high.id, text: 'High (optional)' }),
    high,
  ]);
  /** @returns {DriverChoice} */
  const read = () => ({
    name: name.value,
    ...(low.value !== '' && high.value !== '' ? { low: Number(low.value), high: Number(high.value) } : {}),
  });
  return { fieldset, name, read };
}

/**
 * Draws the view into `panel`.
 * @param {HTMLElement} panel
 * @param {import('./teachQuestion.js').Defaults & {drivers?: string[]}} defaults
 * @param {(q: Record<string, unknown>) => void} onAsk
 */
export async function renderFutures(panel, defaults, onAsk) {
  const form = el('div', {});
  const a = driverField('af-a', 'Driver A');
  const b = driverField('af-b', 'Driver B');
  const go = el('button', { type: 'button', class: 'primary', id: 'af-go', text: 'Run the four futures' });
  const status = el('p', { class: 'status', id: 'af-status', role: 'status', 'aria-live': 'polite' });
  const errors = el('div', { class: 'errors', role: 'alert' });
  const out = el('div', { id: 'af-out' });
  panel.append(
    el('p', {
      class: 'muted',
      text: 'Alternative futures: choose two drivers the future turns on. Each is set low and high (by default, drawn from its prior below and above the median), which gives four futures; all four run on the same random numbers, so run by run their differences are what the drivers do.',
    }),
    form,
    el('div', { class: 'drivers-pair' }, [a.fieldset, b.fieldset]),
    el('div', { class: 'actions' }, [go]),
    status,
    errors,
    out,
  );
  const q = await questionForm(form, 'af', defaults);
  const fillDrivers = () => {
    const params = /** @type {any} */ (q.description()).parameters.filter(
      (/** @type {any} */ p) => p.member === null,
    );
    for (const [i, d] of [a, b].entries()) {
      d.name.replaceChildren(
        ...params.map((/** @type {any} */ p) =>
          el('option', { value: p.name, text: `${p.label} (${p.name})` }),
        ),
      );
      const wanted = defaults.drivers?.[i];
      if (wanted && params.some((/** @type {any} */ p) => p.name === wanted)) d.name.value = wanted;
      else d.name.selectedIndex = Math.min(i, params.length - 1);
    }
  };
  fillDrivers();
  const ask = async () => {
    const body = { ...q.read(), drivers: [a.read(), b.read()] };
    onAsk(body);
    await runTechnique(
      { go, status, errors, out },
      '/api/futures',
      body,
      `Running the scenario and its four futures, ${body.runs} runs each…`,
      (r) => {
        const [da, db] = r.drivers;
        const cell = (/** @type {number} */ i) => {
          const f = r.futures[i];
          return el('td', { class: 'future', 'data-levels': f.levels.join('-') }, [
            el('p', { class: 'future-answer', text: outcomeText(f.outcome) }),
            f.share === null
              ? ''
              : el('p', { class: 'muted', text: `${fine(f.share)} of the scenario's runs drew this future` }),
            el('p', { class: 'narrative', text: r.narratives[i] }),
          ]);
        };
        return {
          status: `Four futures of ${r.label}${r.member ? ` — ${r.member}` : ''} at ${r.at}, ${formatNumber(r.runs)} runs each on common random numbers.`,
          nodes: [
            el('table', { id: 'af-grid', class: 'futures-grid' }, [
              el('caption', { text: `Over all the scenario's runs: ${outcomeText(r.all)}` }),
              el('thead', {}, [
                el('tr', {}, [
                  el('td', {}),
                  el('th', { scope: 'col', text: `${da.name} low` }),
                  el('th', { scope: 'col', text: `${da.name} high` }),
                ]),
              ]),
              el('tbody', {}, [
                el('tr', {}, [el('th', { scope: 'row', text: `${db.name} low` }), cell(0), cell(2)]),
                el('tr', {}, [el('th', { scope: 'row', text: `${db.name} high` }), cell(1), cell(3)]),
              ]),
            ]),
            el('h3', { text: 'Paired effects (mean of the per-run differences ± its standard error)' }),
            el('ul', { id: 'af-effects' }, [
              el('li', {
                text: `${da.name} high − low, with ${db.name} low: ${meanSe(r.effects.a.low)}; with ${db.name} high: ${meanSe(r.effects.a.high)}`,
              }),
              el('li', {
                text: `${db.name} high − low, with ${da.name} low: ${meanSe(r.effects.b.low)}; with ${da.name} high: ${meanSe(r.effects.b.high)}`,
              }),
              el('li', { text: `Interaction (HH − HL) − (LH − LL): ${meanSe(r.effects.interaction)}` }),
            ]),
            ...r.notes.map((/** @type {string} */ n) => el('p', { class: 'muted', text: n })),
          ],
        };
      },
    );
  };
  go.addEventListener('click', () => void ask());
  return { ask };
}
