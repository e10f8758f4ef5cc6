/**
 * The question every computed technique of the Teaching page asks: a bundled scenario, one output (of one
 * member) at one date, and the runs and seed; drawn once per view from the scenario's description
 * (`GET /api/scenarios/:id`), and read back as the body the teaching endpoints take.
 */
import { api } from '../api.js';
import { el } from '../format.js';

/**
 * @typedef {{id: string, kind: string, label: string, unit: string|null, for: string|null}} OutputInfo
 * @typedef {{scenario: {question: string}|null, dates: string[], snapshots: string[], entities: Record<string, string[]>,
 *   outputs: OutputInfo[], runs: number, seed: number|string}} Description
 * @typedef {{scenario: string, output: string, member?: string, at: string, runs: number, seed: number|string}} Question
 * @typedef {{scenario?: string, output?: string, member?: string, at?: string, runs?: number}} Defaults
 */

/** Scenarios listed once per page. @type {Promise<{id: string, title: string|null}[]>|undefined} */
let scenarios;

/**
 * @param {string} label
 * @param {HTMLElement} control
 */
const field = (label, control) => el('div', {}, [el('label', { for: control.id, text: label }), control]);

/**
 * Draws the question's fields into `form` and returns a reader of the question and a hook for changes.
 * @param {HTMLElement} form
 * @param {string} prefix
 * @param {Defaults} defaults
 * @param {{outputs?: (o: OutputInfo) => boolean, onChange?: (d: Description) => void, scenarioOnly?: boolean}} [options]
 *   which outputs may be asked about; told each change of the scenario or output; without the output fields
 */
export async function questionForm(form, prefix, defaults, options = {}) {
  const scenario = el('select', { id: `${prefix}-scenario` });
  const output = el('select', { id: `${prefix}-output` });
  const member = el('select', { id: `${prefix}-member` });
  const at = el('select', { id: `${prefix}-at` });
  const runs = el('input', {
    id: `${prefix}-runs`,
    type: 'number',
    min: '10',
    step: '1',
    inputmode: 'numeric',
  });
  const seed = el('input', { id: `${prefix}-seed`, type: 'text', inputmode: 'numeric' });
  const question = el('p', { class: 'question', id: `${prefix}-question` });
  const asked = options.scenarioOnly ? [] : [field('Output', output), field('Of', member), field('At', at)];
  form.append(
    el('div', { class: 'picker' }, [
      field('Scenario', scenario),
      ...asked,
      field('Runs', runs),
      field('Seed', seed),
    ]),
    question,
  );
  scenarios ??= api('/api/scenarios').then((r) => r.scenarios);
  const list = await scenarios;
  scenario.replaceChildren(...list.map((s) => el('option', { value: s.id, text: s.title ?? s.id })));
  /** @type {Description|undefined} */
  let d;
  const members = () => {
    const o = d?.outputs.find((x) => x.id === output.value);
    const names = o?.for ? (d?.entities[o.for] ?? []) : [];
    member.replaceChildren(...names.map((m) => el('option', { value: m, text: m })));
    member.disabled = names.length === 0;
    if (defaults.member && names.includes(defaults.member)) member.value = defaults.member;
  };
  const describe = async () => {
    d = (await api(`/api/scenarios/${encodeURIComponent(scenario.value)}`)).scenario;
    const desc = /** @type {Description} */ (d);
    const outs = desc.outputs.filter((o) => o.kind !== 'leader' && (options.outputs?.(o) ?? true));
    output.replaceChildren(...outs.map((o) => el('option', { value: o.id, text: o.label })));
    if (defaults.output && outs.some((o) => o.id === defaults.output)) output.value = defaults.output;
    members();
    at.replaceChildren(...desc.dates.map((x) => el('option', { value: x, text: x })));
    at.value =
      defaults.at && desc.dates.includes(defaults.at)
        ? defaults.at
        : (desc.snapshots.at(-1) ?? desc.dates.at(-1) ?? '');
    runs.value = String(defaults.runs ?? Math.min(desc.runs, 500));
    seed.value = String(desc.seed);
    question.textContent = desc.scenario?.question ?? '';
    options.onChange?.(desc);
  };
  if (defaults.scenario && list.some((s) => s.id === defaults.scenario)) scenario.value = defaults.scenario;
  scenario.addEventListener('change', () => {
    delete defaults.output;
    void describe();
  });
  output.addEventListener('change', () => {
    members();
    options.onChange?.(/** @type {Description} */ (d));
  });
  await describe();
  return {
    /** @returns {Question} */
    read: () => ({
      scenario: scenario.value,
      ...(options.scenarioOnly
        ? {}
        : { output: output.value, ...(member.disabled ? {} : { member: member.value }), at: at.value }),
      runs: Number(runs.value),
      seed: /^-?\d+$/.test(seed.value.trim()) ? Number(seed.value.trim()) : seed.value.trim(),
    }),
    /** The scenario's description as last read. */
    description: () => /** @type {Description} */ (d),
  };
}
