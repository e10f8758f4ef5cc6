/**
 * Schedules: a parameter set to a value over windows of dates (its drawn value holds outside them), as a
 * scenario's `schedules:` does. The scenario's own schedules are shown and can be changed (a changed one
 * replaces the scenario's, as in a scenario that extends it); further parameters can be scheduled. Each
 * window is a from date, a to date (or the end) and a value.
 */
import { el } from './format.js';

/**
 * @typedef {import('./edits.js').Window} Window
 * @typedef {import('./edits.js').Schedules} Schedules
 * @typedef {import('./drivers.js').ParameterInfo} ParameterInfo
 * @typedef {{dates: string[], parameters: ParameterInfo[], schedules: Record<string, Window[]>}} Described
 * @typedef {{value: () => Schedules, set: (s: Schedules) => void}} ScheduleEditor
 */

/**
 * A select of dates; `none` adds a first option with value '' ("the end", "the start").
 * @param {string} id
 * @param {string[]} dates
 * @param {string|undefined} value
 * @param {string} [none]
 */
export function dateSelect(id, dates, value, none) {
  const select = el('select', { id }, [
    ...(none !== undefined ? [el('option', { value: '', text: none })] : []),
    ...dates.map((d) => el('option', { value: d, text: d })),
  ]);
  select.value = value ?? '';
  if (select.selectedIndex < 0) select.append(el('option', { value: value ?? '', text: value ?? '' }));
  select.value = value ?? '';
  return select;
}

/**
 * A label above its control.
 * @param {string} text
 * @param {HTMLElement} control
 * @param {string} [extra] a further class
 */
export function field(text, control, extra = '') {
  return el('div', { class: `field ${extra}`.trim() }, [el('label', { for: control.id, text }), control]);
}

const same = (/** @type {Window[]|undefined} */ a, /** @type {Window[]|undefined} */ b) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * Draws the schedule editor into `container`; `onChange` gets the user's schedules (those that differ
 * from the scenario's).
 * @param {HTMLElement} container
 * @param {Described} d
 * @param {(s: Schedules) => void} onChange
 * @returns {ScheduleEditor}
 */
export function renderSchedules(container, d, onChange) {
  /** @type {Schedules} */
  let mine = {};
  const own = /** @type {Record<string, Window[]>} */ (d.schedules ?? {});
  const byName = new Map(d.parameters.map((p) => [p.name, p]));
  const label = (/** @type {string} */ k) => {
    const p = byName.get(k);
    return p ? `${p.label}${p.member ? ` — ${p.member}` : ''}` : k;
  };
  const list = el('div', { class: 'schedule-list' });
  const pick = el('select', { id: 'schedule-add-param' }, [
    el('option', { value: '', text: 'Schedule a parameter…' }),
    ...d.parameters.map((p) => el('option', { value: p.name, text: label(p.name) })),
  ]);
  pick.setAttribute('aria-label', 'Parameter to schedule');
  const add = el('button', { type: 'button', id: 'schedule-add', text: 'Add schedule' });
  container.replaceChildren(
    el('p', {
      class: 'muted',
      text: 'A schedule sets a parameter to a value over windows of dates; outside them its drawn (or fixed) value holds.',
    }),
    list,
    el('div', { class: 'row' }, [pick, add]),
  );

  const changed = (/** @type {string} */ key, /** @type {Window[]|undefined} */ windows) => {
    if (windows === undefined || same(windows, own[key])) delete mine[key];
    else mine[key] = windows;
    onChange({ ...mine });
  };

  /** @param {string} key */
  const block = (key) => {
    const windows = (mine[key] ?? own[key] ?? []).map((w) => ({ ...w }));
    const p = byName.get(key);
    const id = `sch-${key}`;
    const rows = windows.map((w, i) => {
      const from = dateSelect(`${id}-${i}-from`, d.dates, w.from);
      const to = dateSelect(`${id}-${i}-to`, d.dates, w.to, 'the end');
      const value = el('input', {
        type: 'number',
        step: 'any',
        id: `${id}-${i}-value`,
        value: String(w.value),
      });
      if (p?.range[0] !== null && p?.range[0] !== undefined) value.min = String(p.range[0]);
      if (p?.range[1] !== null && p?.range[1] !== undefined) value.max = String(p.range[1]);
      const update = () => {
        const v = Number(value.value);
        if (value.value.trim() === '' || !Number.isFinite(v)) return;
        windows[i] = { from: from.value, ...(to.value ? { to: to.value } : {}), value: v };
        changed(key, windows);
        mark();
      };
      for (const input of [from, to, value]) input.addEventListener('change', update);
      const remove = el('button', {
        type: 'button',
        class: 'small',
        text: 'Remove',
        'aria-label': `Remove window ${i + 1} of ${label(key)}`,
      });
      remove.disabled = windows.length === 1;
      remove.addEventListener('click', () => {
        windows.splice(i, 1);
        changed(key, windows);
        draw();
      });
      return el('div', { class: 'window' }, [
        field('from', from),
        field('to', to),
        field('value', value),
        remove,
      ]);
    });
    const more = el('button', { type: 'button', class: 'small', text: 'Add window' });
    more.addEventListener('click', () => {
      windows.push({ from: d.dates[0] ?? '', value: p?.value ?? 0 });
      changed(key, windows);
      draw();
    });
    const scenarios = key in own;
    const reset = el('button', {
      type: 'button',
      class: 'small',
      text: scenarios ? 'Reset to the scenario’s' : 'Remove schedule',
      'aria-label': `${scenarios ? 'Reset' : 'Remove'} the schedule of ${label(key)}`,
    });
    reset.disabled = scenarios && !(key in mine);
    reset.addEventListener('click', () => {
      changed(key, undefined);
      draw();
    });
    const box = el('fieldset', { class: 'schedule', 'data-name': key }, [
      el('legend', { text: p?.unit ? `${label(key)} (${p.unit})` : label(key) }),
      el('p', { class: 'meta', text: scenarios ? 'scheduled by this scenario' : 'scheduled by you' }),
      ...rows,
      el('div', { class: 'schedule-actions' }, [more, reset]),
    ]);
    const mark = () => {
      box.classList.toggle('changed', key in mine);
      reset.disabled = scenarios && !(key in mine);
      const meta = box.querySelector('.meta');
      if (meta)
        meta.textContent =
          key in mine
            ? scenarios
              ? 'scheduled by this scenario, changed by you'
              : 'scheduled by you'
            : 'scheduled by this scenario';
    };
    mark();
    return box;
  };

  const draw = () => {
    const keys = [...new Set([...Object.keys(own), ...Object.keys(mine)])];
    list.replaceChildren(
      ...(keys.length ? keys.map(block) : [el('p', { class: 'muted', text: 'Nothing is scheduled.' })]),
    );
  };

  add.addEventListener('click', () => {
    const key = pick.value;
    if (!key) {
      pick.focus();
      return;
    }
    if (!(key in mine) && !(key in own)) {
      const p = byName.get(key);
      changed(key, [
        { from: d.dates[Math.floor(d.dates.length / 2)] ?? d.dates[0] ?? '', value: p?.value ?? 0 },
      ]);
    }
    draw();
    pick.value = '';
    list.querySelector(`fieldset[data-name="${CSS.escape(key)}"] select`)?.focus();
  });
  draw();
  return {
    value: () => ({ ...mine }),
    set(next) {
      mine = Object.fromEntries(Object.entries(next).filter(([k, w]) => !same(w, own[k])));
      draw();
    },
  };
}
