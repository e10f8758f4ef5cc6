/**
 * Events forced to happen at a date, or suppressed (from the start or from a date), as a scenario's
 * `events:` does. The scenario's own are listed (an edit adds to them, as a scenario extending it would);
 * the user's can be added, changed and removed.
 */
import { eventKey, noEvents } from './edits.js';
import { el } from './format.js';
import { dateSelect, field } from './scheduleEditor.js';

/**
 * @typedef {import('./edits.js').Events} Events
 * @typedef {{id: string, kind: string, label: string, for: string|null}} OutputInfo
 * @typedef {{dates: string[], outputs: OutputInfo[], entities: Record<string, string[]>,
 *   events?: Events}} Described
 * @typedef {{value: () => Events, set: (e: Events) => void}} EventEditor
 */

/**
 * Every event instance of the model: a global event once, a per-member event once per member.
 * @param {Described} d
 * @returns {{key: string, event: string, member?: string, label: string}[]}
 */
export function eventInstances(d) {
  return d.outputs
    .filter((o) => o.kind === 'event')
    .flatMap((o) =>
      o.for === null
        ? [{ key: o.id, event: o.id, label: o.label }]
        : (d.entities[o.for] ?? []).map((m) => ({
            key: `${m}.${o.id}`,
            event: o.id,
            member: m,
            label: `${o.label} — ${m}`,
          })),
    );
}

/**
 * Draws the event editor into `container`; `onChange` gets the user's forced and suppressed events.
 * @param {HTMLElement} container
 * @param {Described} d
 * @param {(e: Events) => void} onChange
 * @returns {EventEditor}
 */
export function renderEvents(container, d, onChange) {
  /** @type {Events} */
  let mine = noEvents();
  const instances = eventInstances(d);
  const labelOf = new Map(instances.map((i) => [i.key, i.label]));
  const nameOf = (/** @type {{event: string, member?: string}} */ e) =>
    labelOf.get(eventKey(e)) ?? eventKey(e);
  // Forcing at the last date would fire after the projection ends: the engine refuses it.
  const forceDates = d.dates.slice(0, -1);
  const own = d.events ?? noEvents();
  const ownLines = [
    ...own.force.map((e) => `forces ${nameOf(e)} at ${e.at}`),
    ...own.suppress.map(
      (e) => `suppresses ${nameOf(e)} ${e.from !== undefined ? `from ${e.from}` : 'from the start'}`,
    ),
  ];
  const list = el('div', { class: 'event-list' });
  const force = el('button', { type: 'button', id: 'force-add', text: 'Force an event' });
  const suppress = el('button', { type: 'button', id: 'suppress-add', text: 'Suppress an event' });
  container.replaceChildren(
    el('p', {
      class: 'muted',
      text: ownLines.length
        ? `This scenario ${ownLines.join('; ')}. What you add here comes on top.`
        : 'This scenario forces and suppresses no event. A forced event happens at its date in every run; a suppressed one never happens (from its date).',
    }),
    list,
    el('div', { class: 'row' }, [force, suppress]),
  );
  const emit = () => onChange({ force: [...mine.force], suppress: [...mine.suppress] });

  /** @param {string} id @param {{event: string, member?: string}} e */
  const eventSelect = (id, e) => {
    const select = el(
      'select',
      { id },
      instances.map((i) => el('option', { value: i.key, text: i.label })),
    );
    select.value = eventKey(e);
    return select;
  };
  const refOf = (/** @type {string} */ key) => {
    const i = instances.find((x) => x.key === key);
    return { event: i?.event ?? key, ...(i?.member !== undefined ? { member: i.member } : {}) };
  };

  /** @param {'force'|'suppress'} kind @param {number} i */
  const row = (kind, i) => {
    const e = /** @type {any} */ (mine[kind][i]);
    const id = `ev-${kind}-${i}`;
    const which = eventSelect(`${id}-event`, e);
    const date =
      kind === 'force'
        ? dateSelect(`${id}-at`, forceDates, e.at)
        : dateSelect(`${id}-from`, d.dates, e.from, 'the start');
    const update = () => {
      const ref = refOf(which.value);
      mine[kind][i] =
        kind === 'force'
          ? { ...ref, at: date.value }
          : { ...ref, ...(date.value ? { from: date.value } : {}) };
      emit();
    };
    which.addEventListener('change', update);
    date.addEventListener('change', update);
    const remove = el('button', {
      type: 'button',
      class: 'small',
      text: 'Remove',
      'aria-label': `Remove ${kind === 'force' ? 'forced' : 'suppressed'} event ${i + 1}`,
    });
    remove.addEventListener('click', () => {
      mine[kind].splice(i, 1);
      emit();
      draw();
    });
    return el('div', { class: `event-edit ${kind}`, 'data-kind': kind }, [
      field(kind === 'force' ? 'Force' : 'Suppress', which, 'which'),
      field(kind === 'force' ? 'at' : 'from', date),
      remove,
    ]);
  };

  const draw = () => {
    list.replaceChildren(
      ...mine.force.map((_, i) => row('force', i)),
      ...mine.suppress.map((_, i) => row('suppress', i)),
    );
  };

  const first = instances[0];
  force.disabled = suppress.disabled = !first;
  force.addEventListener('click', () => {
    if (!first) return;
    mine.force.push({ ...refOf(first.key), at: forceDates[Math.floor(forceDates.length / 2)] ?? '' });
    emit();
    draw();
    /** @type {HTMLElement|null} */ (list.querySelector(`#ev-force-${mine.force.length - 1}-event`))?.focus();
  });
  suppress.addEventListener('click', () => {
    if (!first) return;
    mine.suppress.push(refOf(first.key));
    emit();
    draw();
    /** @type {HTMLElement|null} */ (
      list.querySelector(`#ev-suppress-${mine.suppress.length - 1}-event`)
    )?.focus();
  });
  draw();
  return {
    value: () => ({ force: [...mine.force], suppress: [...mine.suppress] }),
    set(next) {
      mine = { force: [...next.force], suppress: [...next.suppress] };
      draw();
    },
  };
}
