/**
 * The scenario's parameters as controls: a slider and a number field for each one with a finite range (a
 * number field alone otherwise), with its unit, range, uncertainty and sources. A parameter the user
 * changes becomes an override, fixed at that value in every run.
 */
import { el, formatNumber } from './format.js';

/**
 * @typedef {{seed?: string, quote?: string, domain?: string, entry?: string, judgment?: string, ref?: string}} Source
 * @typedef {{name: string, parameter: string, member: string|null, label: string, unit: string,
 *   description: string|null, range: [number|null, number|null], value: number,
 *   uncertainty: Record<string, unknown>|null, changedByScenario: boolean, scheduled: boolean, sources: Source[]}} ParameterInfo
 * @typedef {{overrides: () => Record<string, number>, set: (o: Record<string, number>) => void, reset: () => void,
 *   filter: (text: string) => void, labelOf: (name: string) => string|undefined}} Drivers
 */

/**
 * "pert(min 0.3, mode 0.5, max 0.7)".
 * @param {Record<string, unknown>} d
 */
export function describeDistribution(d) {
  const args = Object.entries(d)
    .filter(([k]) => k !== 'dist')
    .map(([k, v]) => `${k} ${Array.isArray(v) ? v.join('/') : String(v)}`);
  return `${String(d.dist)}(${args.join(', ')})`;
}

/**
 * A step of about a hundredth of the range, rounded to a power of ten.
 * @param {number} lo
 * @param {number} hi
 */
export function stepOf(lo, hi) {
  return 10 ** (Math.floor(Math.log10(hi - lo)) - 2);
}

/** @param {Source} s */
function sourceNode(s) {
  if (s.quote !== undefined)
    return el('blockquote', {}, [
      `“${s.quote}”`,
      el('br'),
      el('cite', { class: 'muted', text: `seed article ${s.seed}` }),
    ]);
  if (s.entry !== undefined)
    return el('blockquote', {}, [
      s.entry,
      el('br'),
      el('cite', { class: 'muted', text: `domain pack: ${s.domain}` }),
    ]);
  if (s.judgment !== undefined)
    return el('p', {}, [el('strong', { text: 'Modeller’s judgment: ' }), s.judgment]);
  return el('p', {}, [el('strong', { text: 'Reference: ' }), s.ref ?? '']);
}

/**
 * One parameter's row.
 * @param {ParameterInfo} p
 * @param {string} label
 * @param {(name: string, value: number|undefined) => void} onChange
 */
function paramRow(p, label, onChange) {
  const id = `p-${p.name}`;
  const [lo, hi] = p.range;
  const bounded = lo !== null && hi !== null && hi > lo;
  const number = el('input', {
    type: 'number',
    id: bounded ? `${id}-n` : id,
    step: 'any',
    value: String(p.value),
    'aria-describedby': `${id}-meta`,
  });
  if (lo !== null) number.min = String(lo);
  if (hi !== null) number.max = String(hi);
  if (bounded) number.setAttribute('aria-label', `${label} (${p.unit}), exact value`);
  const slider = bounded
    ? el('input', {
        type: 'range',
        id,
        min: String(lo),
        max: String(hi),
        step: String(stepOf(lo, hi)),
        value: String(p.value),
        'aria-describedby': `${id}-meta`,
      })
    : null;
  const reset = el('button', {
    type: 'button',
    class: 'small',
    'aria-label': `Reset ${label}`,
    text: 'Reset',
    disabled: true,
  });
  const row = el('div', {
    class: 'param',
    'data-name': p.name,
    'data-search': `${p.name} ${p.label} ${p.description ?? ''}`.toLowerCase(),
  });
  const meta = [
    `range ${lo === null ? '−∞' : formatNumber(lo)} to ${hi === null ? '∞' : formatNumber(hi)}`,
    p.uncertainty ? `uncertain: ${describeDistribution(p.uncertainty)}` : 'fixed',
    p.changedByScenario ? 'set by this scenario' : '',
    p.scheduled ? 'scheduled over time by this scenario (a value set here holds outside its windows)' : '',
  ].filter(Boolean);
  const metaLine = el('p', { class: 'meta', id: `${id}-meta`, text: meta.join(' · ') });
  const setChanged = (/** @type {boolean} */ on) => {
    row.classList.toggle('changed', on);
    reset.disabled = !on;
    const mine = on
      ? [`fixed by you at ${number.value} in every run${p.uncertainty ? ' (its uncertainty dropped)' : ''}`]
      : [];
    metaLine.textContent = [...meta, ...mine].join(' · ');
  };
  /** @param {number} v */
  const show = (v) => {
    number.value = String(v);
    if (slider) slider.value = String(v);
    const out = (lo !== null && v < lo) || (hi !== null && v > hi);
    number.setAttribute('aria-invalid', String(out || !Number.isFinite(v)));
  };
  slider?.addEventListener('input', () => {
    const v = Number(slider.value);
    number.value = String(v);
    setChanged(true);
    onChange(p.name, v);
  });
  number.addEventListener('change', () => {
    const v = Number(number.value);
    if (number.value.trim() === '' || !Number.isFinite(v)) return;
    show(v);
    setChanged(true);
    onChange(p.name, v);
  });
  reset.addEventListener('click', () => {
    show(p.value);
    setChanged(false);
    onChange(p.name, undefined);
  });
  const details = el('details', {}, [
    el('summary', {
      class: 'src-summary',
      text: `Sources (${p.sources.length})${p.description ? ' and description' : ''}`,
    }),
    p.description ? el('p', { text: p.description }) : null,
    ...p.sources.map(sourceNode),
  ]);
  row.append(
    el('div', { class: 'head' }, [
      el('label', { for: id, text: label }),
      el('span', { class: 'unit', text: p.unit }),
    ]),
    el('div', { class: 'inputs' }, [slider ?? el('span'), number, reset]),
    metaLine,
    details,
  );
  return {
    row,
    /** @param {number|undefined} v */
    set(v) {
      show(v ?? p.value);
      setChanged(v !== undefined);
    },
  };
}

/**
 * Draws the controls into `container`.
 * @param {HTMLElement} container
 * @param {ParameterInfo[]} params
 * @param {(overrides: Record<string, number>) => void} onChange
 * @returns {Drivers}
 */
export function renderDrivers(container, params, onChange) {
  container.replaceChildren();
  /** @type {Record<string, number>} */
  let overrides = {};
  /** @type {Map<string, {set: (v: number|undefined) => void}>} */
  const rows = new Map();
  const changed = (/** @type {string} */ name, /** @type {number|undefined} */ v) => {
    if (v === undefined) delete overrides[name];
    else overrides[name] = v;
    onChange({ ...overrides });
  };
  /** @type {Map<string, ParameterInfo[]>} */
  const byParameter = new Map();
  for (const p of params) byParameter.set(p.parameter, [...(byParameter.get(p.parameter) ?? []), p]);
  for (const [, entries] of byParameter) {
    const first = /** @type {ParameterInfo} */ (entries[0]);
    if (first.member === null) {
      const r = paramRow(first, first.label, changed);
      rows.set(first.name, r);
      container.append(r.row);
      continue;
    }
    const group = el(
      'details',
      { class: 'table-param', 'data-search': `${first.parameter} ${first.label}`.toLowerCase() },
      [el('summary', { text: `${first.label} — one value per member (${first.unit})` })],
    );
    for (const p of entries) {
      const r = paramRow(p, `${first.label} — ${p.member}`, changed);
      r.row.querySelector('label')?.replaceChildren(String(p.member));
      rows.set(p.name, r);
      group.append(r.row);
    }
    container.append(group);
  }
  const labels = new Map(params.map((p) => [p.name, p.member ? `${p.label} — ${p.member}` : p.label]));
  for (const p of params) if (p.member) labels.set(p.parameter, `${p.label} (every member)`);
  return {
    overrides: () => ({ ...overrides }),
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
      for (const group of container.querySelectorAll('details.table-param')) {
        if (group instanceof HTMLDetailsElement && group.querySelector('.param.changed')) group.open = true;
      }
    },
    reset() {
      this.set({});
      onChange({});
    },
    filter(text) {
      const q = text.trim().toLowerCase();
      const matches = (/** @type {Element} */ node) =>
        node instanceof HTMLElement && (node.dataset.search ?? '').includes(q);
      for (const item of container.children) {
        if (!(item instanceof HTMLElement)) continue;
        if (item instanceof HTMLDetailsElement) {
          item.hidden = q !== '' && !matches(item) && ![...item.querySelectorAll('.param')].some(matches);
          if (q !== '' && !item.hidden) item.open = true;
        } else item.hidden = q !== '' && !matches(item);
      }
    },
  };
}
