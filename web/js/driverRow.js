/**
 * One driver's row: a slider and a number field (a number field alone where the range is open), or a
 * checkbox for a 0/1 switch; its unit, range and uncertainty; an editor of the uncertainty's numbers
 * (min, mode, max, …) where it has one; Reset; and its sources. A change is an override: a number fixes
 * the value in every run, `{uncertainty}` draws it from the edited distribution instead.
 */
import { sourcesBlock } from './driverSources.js';
import { el, formatNumber } from './format.js';

/**
 * @typedef {import('./drivers.js').ParameterInfo} ParameterInfo
 * @typedef {Record<string, any>} Distribution
 * @typedef {number|{uncertainty: Distribution}} Override
 * @typedef {{row: HTMLElement, set: (v: Override|undefined) => void}} Row
 */

/**
 * "pert(min 0.3, mode 0.5, max 0.7)".
 * @param {Distribution} d
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

/** Fields of a distribution a user can edit, in the order they read best. */
const FIELDS = [
  'min',
  'mode',
  'max',
  'mean',
  'sd',
  'mu',
  'sigma',
  'shape',
  'rate',
  'alpha',
  'beta',
  'lambda',
];

/**
 * Number fields for the distribution's parameters; calls `onEdit` with the edited distribution.
 * @param {string} id
 * @param {string} label
 * @param {Distribution} dist
 * @param {(d: Distribution) => void} onEdit
 */
function uncertaintyEditor(id, label, dist, onEdit) {
  const keys = FIELDS.filter((k) => typeof dist[k] === 'number');
  const inputs = keys.map((k) =>
    el('input', { type: 'number', step: 'any', id: `${id}-u-${k}`, value: String(dist[k]) }),
  );
  const edited = () => ({
    ...dist,
    ...Object.fromEntries(keys.map((k, i) => [k, Number(inputs[i]?.value)])),
  });
  for (const input of inputs)
    input.addEventListener('change', () => {
      if (inputs.every((i) => i.value.trim() !== '' && Number.isFinite(Number(i.value)))) onEdit(edited());
    });
  const box = el('details', { class: 'uncertainty-edit' }, [
    el('summary', { text: `Edit uncertainty (${dist.dist})` }),
    el(
      'div',
      { class: 'fields' },
      keys.map((k, i) =>
        el('div', {}, [
          el('label', { for: `${id}-u-${k}`, text: k }),
          /** @type {HTMLElement} */ (inputs[i]),
        ]),
      ),
    ),
  ]);
  box.setAttribute('aria-label', `Uncertainty of ${label}`);
  return {
    box,
    /** @param {Distribution} d */
    show(d) {
      keys.forEach((k, i) => {
        const input = inputs[i];
        if (input) input.value = String(d[k]);
      });
    },
  };
}

/**
 * The value control: a checkbox for a switch, else a slider (finite range) and a number field.
 * @param {ParameterInfo} p
 * @param {string} id
 * @param {string} label
 * @param {(v: number) => void} onValue
 */
function valueControl(p, id, label, onValue) {
  if (p.switch) {
    const box = el('input', {
      type: 'checkbox',
      id,
      checked: p.value === 1,
      'aria-describedby': `${id}-meta`,
    });
    box.addEventListener('change', () => onValue(box.checked ? 1 : 0));
    const node = el('span', { class: 'switch' }, [box, el('span', { text: 'on (1) / off (0)' })]);
    return {
      nodes: [node],
      text: () => (box.checked ? 'on' : 'off'),
      show: (/** @type {number} */ v) => {
        box.checked = v === 1;
      },
    };
  }
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
  /** @param {number} v */
  const show = (v) => {
    number.value = String(v);
    if (slider) slider.value = String(v);
    const out = (lo !== null && v < lo) || (hi !== null && v > hi);
    number.setAttribute('aria-invalid', String(out || !Number.isFinite(v)));
  };
  slider?.addEventListener('input', () => {
    number.value = slider.value;
    onValue(Number(slider.value));
  });
  number.addEventListener('change', () => {
    const v = Number(number.value);
    if (number.value.trim() === '' || !Number.isFinite(v)) return;
    show(v);
    onValue(v);
  });
  return { nodes: [slider ?? el('span'), number], text: () => number.value, show };
}

/**
 * One parameter's row.
 * @param {ParameterInfo} p
 * @param {string} label
 * @param {(name: string, value: Override|undefined) => void} onChange
 * @returns {Row}
 */
export function paramRow(p, label, onChange) {
  const id = `p-${p.name}`;
  const [lo, hi] = p.range;
  const reset = el('button', {
    type: 'button',
    class: 'small',
    'aria-label': `Reset ${label}`,
    text: 'Reset',
    disabled: true,
  });
  const row = el('div', {
    class: `param${p.switch ? ' is-switch' : ''}`,
    'data-name': p.name,
    'data-search': `${p.name} ${p.label} ${p.description ?? ''}`.toLowerCase(),
  });
  const meta = [
    p.switch
      ? 'a switch: 0 or 1'
      : `range ${lo === null ? '−∞' : formatNumber(lo)} to ${hi === null ? '∞' : formatNumber(hi)}`,
    p.uncertainty ? `uncertain: ${describeDistribution(p.uncertainty)}` : 'fixed',
    p.changedByScenario ? 'set by this scenario' : '',
    p.scheduled ? 'scheduled over time by this scenario (a value set here holds outside its windows)' : '',
  ].filter(Boolean);
  const metaLine = el('p', { class: 'meta', id: `${id}-meta`, text: meta.join(' · ') });
  /** @param {Override|undefined} v */
  const mark = (v) => {
    row.classList.toggle('changed', v !== undefined);
    reset.disabled = v === undefined;
    const mine =
      v === undefined
        ? []
        : typeof v === 'number'
          ? [
              p.switch
                ? `switched ${control.text()} by you in every run`
                : `fixed by you at ${control.text()} in every run${p.uncertainty ? ' (its uncertainty dropped)' : ''}`,
            ]
          : [`uncertainty edited by you: ${describeDistribution(v.uncertainty)}`];
    metaLine.textContent = [...meta, ...mine].join(' · ');
  };
  const control = valueControl(p, id, label, (v) => {
    if (p.uncertainty) editor?.show(p.uncertainty);
    mark(v);
    onChange(p.name, v);
  });
  const editor =
    p.uncertainty && p.uncertainty.dist !== 'choice'
      ? uncertaintyEditor(id, label, p.uncertainty, (d) => {
          control.show(p.value);
          mark({ uncertainty: d });
          onChange(p.name, { uncertainty: d });
        })
      : null;
  reset.addEventListener('click', () => {
    control.show(p.value);
    if (p.uncertainty) editor?.show(p.uncertainty);
    mark(undefined);
    onChange(p.name, undefined);
  });
  row.append(
    el('div', { class: 'head' }, [
      el('label', { for: id, text: label }),
      el('span', { class: 'unit', text: p.unit }),
    ]),
    el('div', { class: 'inputs' }, [...control.nodes, reset]),
    metaLine,
    ...(editor ? [editor.box] : []),
    sourcesBlock(p),
  );
  return {
    row,
    set(v) {
      control.show(typeof v === 'number' ? v : p.value);
      if (p.uncertainty) editor?.show(typeof v === 'object' ? v.uncertainty : p.uncertainty);
      mark(v);
    },
  };
}
