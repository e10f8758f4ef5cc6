/**
 * One observation's fields, for the Conditioning and the Competing hypotheses views: an output (of a member)
 * at a date, and what was seen of it: an event or threshold had happened or not; a series was between two
 * values, or about a value with a standard deviation (the fields change with the output's kind).
 */
import { el } from '../format.js';

/**
 * @typedef {import('./teachQuestion.js').Description} Description
 * @typedef {{output: string, member?: string, at: string, happened?: boolean, between?: [number, number],
 *   about?: {value: number, sd: number}}} Observation
 */

/**
 * One observation's fields; returns the element and a reader.
 * @param {Description} d
 * @param {string} prefix the fields' ids start with it: `${prefix}-output`, …
 * @param {Observation|undefined} start
 * @param {() => void} onRemove
 */
export function observationRow(d, prefix, start, onRemove) {
  const id = (/** @type {string} */ f) => `${prefix}-${f}`;
  const outs = d.outputs.filter((o) => o.kind !== 'leader');
  const output = el(
    'select',
    { id: id('output') },
    outs.map((o) => el('option', { value: o.id, text: o.label })),
  );
  const member = el('select', { id: id('member') });
  const at = el(
    'select',
    { id: id('at') },
    d.dates.map((x) => el('option', { value: x, text: x })),
  );
  const how = el('select', { id: id('how') });
  const a = el('input', { id: id('a'), type: 'number', step: 'any', 'aria-label': 'from' });
  const b = el('input', { id: id('b'), type: 'number', step: 'any', 'aria-label': 'to' });
  const remove = el('button', { type: 'button', class: 'small', text: 'Remove' });
  remove.addEventListener('click', onRemove);
  const kindOf = () => outs.find((o) => o.id === output.value)?.kind;
  const refresh = () => {
    const o = outs.find((x) => x.id === output.value);
    const names = o?.for ? (d.entities[o.for] ?? []) : [];
    const was = member.value;
    member.replaceChildren(...names.map((m) => el('option', { value: m, text: m })));
    member.disabled = !names.length;
    if (names.includes(was)) member.value = was;
    const series = kindOf() === 'series';
    const ways = series
      ? [
          ['between', 'was between'],
          ['about', 'was about (± sd)'],
        ]
      : [
          ['happened', 'had happened'],
          ['not', 'had not happened'],
        ];
    const keep = how.value;
    how.replaceChildren(...ways.map(([v, t]) => el('option', { value: v, text: t })));
    if (ways.some(([v]) => v === keep)) how.value = keep;
    a.hidden = b.hidden = !series;
  };
  output.addEventListener('change', refresh);
  if (start) {
    output.value = start.output;
    refresh();
    if (start.member) member.value = start.member;
    at.value = start.at;
    if (start.happened !== undefined) how.value = start.happened ? 'happened' : 'not';
    if (start.between)
      [how.value, a.value, b.value] = ['between', String(start.between[0]), String(start.between[1])];
    if (start.about)
      [how.value, a.value, b.value] = ['about', String(start.about.value), String(start.about.sd)];
  } else refresh();
  const row = el('li', { class: 'observation' }, [
    output,
    member,
    el('span', { text: 'at' }),
    at,
    how,
    a,
    b,
    remove,
  ]);
  /** @returns {Observation} */
  const read = () => {
    const base = { output: output.value, ...(member.disabled ? {} : { member: member.value }), at: at.value };
    if (how.value === 'happened' || how.value === 'not')
      return { ...base, happened: how.value === 'happened' };
    if (how.value === 'between') return { ...base, between: [Number(a.value), Number(b.value)] };
    return { ...base, about: { value: Number(a.value), sd: Number(b.value) } };
  };
  return { row, read };
}
