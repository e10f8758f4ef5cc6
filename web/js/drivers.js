/**
 * The scenario's parameters as controls (one row each, see driverRow.js): the key drivers the model marks
 * first, the rest under "All drivers"; a parameter table (one value per member) folded into one entry.
 * A parameter the user changes becomes an override of the run.
 */
import { paramRow } from './driverRow.js';
import { el } from './format.js';

/**
 * @typedef {import('./driverSources.js').Source} Source
 * @typedef {import('./driverRow.js').Override} Override
 * @typedef {{name: string, parameter: string, member: string|null, label: string, unit: string, switch?: boolean,
 *   key?: boolean, description: string|null, range: [number|null, number|null], value: number,
 *   uncertainty: Record<string, any>|null, changedByScenario: boolean, scheduled: boolean, sources: Source[]}} ParameterInfo
 * @typedef {{overrides: () => Record<string, Override>, set: (o: Record<string, Override>) => void, reset: () => void,
 *   filter: (text: string) => void, labelOf: (name: string) => string|undefined}} Drivers
 */

/**
 * "Capacity — one value per member (fighters; HT: members)".
 * @param {ParameterInfo[]} entries
 */
function tableSummary(entries) {
  const first = /** @type {ParameterInfo} */ (entries[0]);
  const others = entries.filter((p) => p.unit !== first.unit).map((p) => `${p.member}: ${p.unit}`);
  const what = first.switch ? 'a switch per member' : 'one value per member';
  return `${first.label} — ${what} (${[first.unit, ...others].join('; ')})`;
}

/**
 * Rows of one parameter (or one table) appended to `parent`.
 * @param {HTMLElement} parent
 * @param {ParameterInfo[]} entries
 * @param {Map<string, import('./driverRow.js').Row>} rows
 * @param {(name: string, v: Override|undefined) => void} changed
 */
function addParameter(parent, entries, rows, changed) {
  const first = /** @type {ParameterInfo} */ (entries[0]);
  if (first.member === null) {
    const r = paramRow(first, first.label, changed);
    rows.set(first.name, r);
    parent.append(r.row);
    return;
  }
  const group = el(
    'details',
    { class: 'table-param', 'data-search': `${first.parameter} ${first.label}`.toLowerCase() },
    [el('summary', { text: tableSummary(entries) })],
  );
  for (const p of entries) {
    const r = paramRow(p, `${first.label} — ${p.member}`, changed);
    r.row.querySelector('label')?.replaceChildren(String(p.member));
    rows.set(p.name, r);
    group.append(r.row);
  }
  parent.append(group);
}

/**
 * Shows the items of `list` matching `q` (a table or a section matches when any row inside does).
 * @param {HTMLElement} list
 * @param {string} q
 */
function filterList(list, q) {
  const matches = (/** @type {Element} */ node) =>
    node instanceof HTMLElement && (node.dataset.search ?? '').includes(q);
  for (const item of list.children) {
    if (!(item instanceof HTMLElement) || !item.dataset.search) continue;
    if (item instanceof HTMLDetailsElement) {
      item.hidden = q !== '' && !matches(item) && ![...item.querySelectorAll('.param')].some(matches);
      if (q !== '' && !item.hidden) item.open = true;
    } else item.hidden = q !== '' && !matches(item);
  }
}

/**
 * Draws the controls into `container`.
 * @param {HTMLElement} container
 * @param {ParameterInfo[]} params
 * @param {(overrides: Record<string, Override>) => void} onChange
 * @returns {Drivers}
 */
export function renderDrivers(container, params, onChange) {
  container.replaceChildren();
  /** @type {Record<string, Override>} */
  let overrides = {};
  /** @type {Map<string, import('./driverRow.js').Row>} */
  const rows = new Map();
  const changed = (/** @type {string} */ name, /** @type {Override|undefined} */ v) => {
    if (v === undefined) delete overrides[name];
    else overrides[name] = v;
    onChange(ordered());
  };
  const ordered = () =>
    Object.fromEntries([...rows.keys()].flatMap((n) => (n in overrides ? [[n, overrides[n]]] : [])));
  /** @type {Map<string, ParameterInfo[]>} */
  const byParameter = new Map();
  for (const p of params) byParameter.set(p.parameter, [...(byParameter.get(p.parameter) ?? []), p]);
  const tables = [...byParameter.values()];
  const key = tables.filter((t) => t[0]?.key);
  /** @type {HTMLElement[]} */
  const lists = [];
  if (key.length && key.length < tables.length) {
    const keyList = el('div', { class: 'driver-list', id: 'key-drivers' });
    for (const t of key) addParameter(keyList, t, rows, changed);
    const rest = tables.filter((t) => !t[0]?.key);
    const restList = el('div', { class: 'driver-list' });
    for (const t of rest) addParameter(restList, t, rows, changed);
    const all = el('details', { class: 'all-drivers', id: 'all-drivers' }, [
      el('summary', { text: `All drivers (${rest.length} more)` }),
      restList,
    ]);
    container.append(
      el('h3', { class: 'driver-heading', text: `Key drivers (${key.length})` }),
      keyList,
      all,
    );
    lists.push(keyList, restList);
  } else {
    const list = el('div', { class: 'driver-list' });
    for (const t of tables) addParameter(list, t, rows, changed);
    container.append(list);
    lists.push(list);
  }
  const labels = new Map(params.map((p) => [p.name, p.member ? `${p.label} — ${p.member}` : p.label]));
  for (const p of params) if (p.member) labels.set(p.parameter, `${p.label} (every member)`);
  const openChanged = () => {
    for (const group of container.querySelectorAll('details.table-param, details.all-drivers')) {
      if (group instanceof HTMLDetailsElement && group.querySelector('.param.changed')) group.open = true;
    }
  };
  return {
    // In the drivers' order, whatever order they were changed in: the same edit gives the same text.
    overrides: () => ordered(),
    labelOf(name) {
      // `IMU.recruit[0].value` names a field of IMU.recruit: the longest known prefix wins.
      const parts = name.split(/(?=[.[])/);
      for (let i = parts.length; i > 0; i--) {
        const label = labels.get(parts.slice(0, i).join(''));
        if (label) return label;
      }
      return undefined;
    },
    set(next) {
      overrides = {};
      for (const [name, r] of rows) {
        const v = next[name];
        r.set(v);
        if (v !== undefined) overrides[name] = v;
      }
      openChanged();
    },
    reset() {
      this.set({});
      onChange({});
    },
    filter(text) {
      const q = text.trim().toLowerCase();
      for (const list of lists) filterList(list, q);
      const all = container.querySelector('details.all-drivers');
      if (all instanceof HTMLDetailsElement && q !== '') all.open = true;
    },
  };
}
