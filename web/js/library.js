/**
 * The class's library: saved scenarios (a name for a scenario plus changes) and the run history, as lists
 * with their actions. The page decides what loading, opening and reproducing do.
 */
import { api } from './api.js';
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
      const n = Object.keys(s.edit.overrides ?? {}).length;
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
 * Lists the most recent runs into `list`.
 * @param {HTMLElement} list
 * @param {{onOpen: (id: string) => void, onReproduce: (id: string) => void}} actions
 */
export async function showHistory(list, actions) {
  const { items } = await api('/api/history?limit=15');
  list.replaceChildren(
    ...items.map((/** @type {any} */ h) => {
      const when = new Date(h.finishedAt).toLocaleString();
      return el('li', {}, [
        el('span', { class: 'what' }, [
          el('strong', { text: h.title }),
          ` — ${h.receipt.runs} runs, seed ${h.receipt.seed}, ${when}`,
        ]),
        action('Open', `Open run of ${h.title}`, () => actions.onOpen(h.id)),
        action('Reproduce', `Reproduce run of ${h.title}`, () => actions.onReproduce(h.id)),
      ]);
    }),
  );
  if (!items.length) list.append(el('li', { class: 'muted', text: 'No runs yet.' }));
}
