/**
 * The class's library: saved scenarios (a name for a scenario plus changes) and the run history, as lists
 * with their actions. The page decides what loading, opening and reproducing do.
 */
import { api } from './api.js';
import { editLines } from './edits.js';
import { el } from './format.js';

/**
 * A small button with an accessible name that says what it acts on.
 * @param {string} text
 * @param {string} label
 * @param {() => void} onClick
 */
function action(text, label, onClick) {
  const button = el('button', { type: 'button', class: 'small', 'aria-label': label, text });
  button.addEventListener('click', onClick);
  return button;
}

/**
 * Lists the saved scenarios into `list`.
 * @param {HTMLElement} list
 * @param {(saved: any) => void} onLoad
 */
export async function showSaved(list, onLoad) {
  const { items } = await api('/api/saved-scenarios');
  list.replaceChildren(
    ...items.map((/** @type {any} */ s) => {
      const n = editLines(s.edit, () => undefined).length;
      const remove = action('Delete', `Delete ${s.name}`, async () => {
        await api(s.links.self, { method: 'DELETE' });
        await showSaved(list, onLoad);
      });
      return el('li', {}, [
        el('span', { class: 'what' }, [
          el('strong', { text: s.name }),
          ` — ${s.edit.scenario}, ${n} change${n === 1 ? '' : 's'}`,
        ]),
        action('Load', `Load ${s.name}`, () => onLoad(s)),
        el('a', { href: s.links.yaml, download: '', text: 'YAML' }),
        remove,
      ]);
    }),
  );
  if (!items.length) list.append(el('li', { class: 'muted', text: 'Nothing saved yet.' }));
}

/**
 * History entries as the rows to show: a comparison's two runs (the same `comparison.id`) as one pair,
 * A first; every other run alone. Newest first, as the server lists them.
 * @param {any[]} items
 * @returns {any[][]}
 */
export function historyRows(items) {
  /** @type {Map<string, any[]>} */
  const pairs = new Map();
  /** @type {any[][]} */
  const rows = [];
  for (const h of items) {
    const pair = h.request?.comparison;
    if (!pair) {
      rows.push([h]);
      continue;
    }
    const row = pairs.get(pair.id);
    if (row) row.splice(pair.side === 'A' ? 0 : row.length, 0, h);
    else {
      const fresh = [h];
      pairs.set(pair.id, fresh);
      rows.push(fresh);
    }
  }
  return rows;
}

/**
 * "2 edits: Taliban haven = 0.7; Russian airstrikes scheduled: 0 from 2016Q3", or "as the scenario stands".
 * @param {any} request
 * @param {import('./edits.js').LabelOf} labelOf
 */
export function editSummary(request, labelOf) {
  const lines = editLines(request ?? {}, labelOf);
  if (lines.length === 0) return 'as the scenario stands';
  return `${lines.length} edit${lines.length === 1 ? '' : 's'}: ${lines.join('; ')}`;
}

/**
 * Lists the most recent runs into `list`: each with what was edited; a comparison as one entry that opens
 * and reproduces as the pair.
 * @param {HTMLElement} list
 * @param {{onOpen: (ids: string[]) => void, onReproduce: (ids: string[]) => void,
 *   labelOf: import('./edits.js').LabelOf}} actions
 */
export async function showHistory(list, actions) {
  const { items } = await api('/api/history?limit=30');
  const rows = historyRows(items).slice(0, 15);
  list.replaceChildren(
    ...rows.map((row) => {
      const [a, b] = row;
      const when = new Date(a.finishedAt).toLocaleString();
      const ids = row.map((h) => h.id);
      const title = b ? `${a.title} compared with ${b.title}` : a.title;
      const edits = row.map((h, i) =>
        el('span', {
          class: 'edits',
          text: `${b ? `${i === 0 ? 'A' : 'B'}: ` : ''}${editSummary(h.request, actions.labelOf)}`,
        }),
      );
      return el('li', { ...(b ? { class: 'pair' } : {}) }, [
        el('span', { class: 'what' }, [
          el('strong', { text: title }),
          ` — ${a.receipt.runs} runs, seed ${a.receipt.seed}, ${when}`,
          ...edits,
        ]),
        action('Open', `Open ${b ? 'comparison' : 'run'} of ${title}`, () => actions.onOpen(ids)),
        action('Reproduce', `Reproduce ${b ? 'comparison' : 'run'} of ${title}`, () =>
          actions.onReproduce(ids),
        ),
      ]);
    }),
  );
  if (!items.length) list.append(el('li', { class: 'muted', text: 'No runs yet.' }));
}
