/**
 * A shared link is checked before it is used: a link naming a scenario or parameter that does not exist,
 * a run count outside the server's limit or a value that is not a number is refused with a message
 * saying what is wrong, instead of being silently replaced by defaults (which would show other numbers
 * under the link's name).
 */

import { readEditParams } from './edits.js';
import { el } from './format.js';
import { parseDistribution } from './share.js';

/**
 * The message of a refused link.
 * @param {string[]} problems
 */
export function refusalNodes(problems) {
  return [
    el('p', {}, [el('strong', { text: 'This link was refused, so nothing was run:' })]),
    el(
      'ul',
      {},
      problems.map((p) => el('li', { text: p })),
    ),
    el('p', {
      text: 'The page shows the scenario’s own inputs instead. Check the link, or start from here.',
    }),
  ];
}

/**
 * Problems of the link's form, before anything is loaded.
 * @param {string} search the query string
 * @param {number} maxRuns the server's run limit
 * @returns {string[]}
 */
export function formProblems(search, maxRuns) {
  const q = new URLSearchParams(search);
  const problems = [];
  const runs = q.get('runs');
  if (runs !== null && !isRunCount(runs, maxRuns)) problems.push(`runs=${runs}: ${runsRule(maxRuns)}`);
  for (const [k, v] of q) {
    if (k.startsWith('p.') && (v.trim() === '' || !Number.isFinite(Number(v))))
      problems.push(`${k}=${v}: a driver's value must be a number`);
    if (k.startsWith('u.') && !parseDistribution(v))
      problems.push(`${k}=${v}: an uncertainty reads like u.NAME=pert:min=0.2:mode=0.5:max=0.9`);
  }
  return [...problems, ...readEditParams(q).problems];
}

/**
 * "the number of runs must be a whole number from 1 to 20,000".
 * @param {number} maxRuns
 */
export const runsRule = (maxRuns) =>
  `the number of runs must be a whole number from 1 to ${maxRuns.toLocaleString('en-US')}`;

/**
 * @param {string} text
 * @param {number} maxRuns
 */
export function isRunCount(text, maxRuns) {
  const n = Number(text);
  return /^\s*\d+\s*$/.test(text) && Number.isInteger(n) && n >= 1 && n <= maxRuns;
}

/**
 * Problems of the names a link uses, once the scenario list is known.
 * @param {{scenario?: string, compare?: string}} state
 * @param {string[]} scenarioIds
 * @returns {string[]}
 */
export function scenarioProblems(state, scenarioIds) {
  const known = `known scenarios: ${scenarioIds.join(', ')}`;
  const problems = [];
  if (state.scenario !== undefined && !scenarioIds.includes(state.scenario))
    problems.push(`scenario=${state.scenario}: there is no such scenario (${known})`);
  if (state.compare !== undefined && state.compare !== '@unchanged' && !scenarioIds.includes(state.compare))
    problems.push(`compare=${state.compare}: there is no such scenario to compare with (${known})`);
  return problems;
}

/**
 * Overrides and schedules naming a parameter the scenario does not have, and edited events it does not have.
 * @param {{overrides: Record<string, unknown>, schedules?: Record<string, unknown>,
 *   events?: import('./edits.js').Events}} edit
 * @param {{parameters: {name: string}[], outputs: {id: string, kind: string, for: string|null}[],
 *   entities: Record<string, string[]>, dates: string[]}} described
 * @param {string} scenario
 * @returns {string[]}
 */
export function parameterProblems(edit, described, scenario) {
  const names = new Set(described.parameters.map((p) => p.name));
  const unknown = (/** @type {string} */ prefix) => (/** @type {string} */ k) =>
    names.has(k) ? [] : [`${prefix}.${k}: the scenario ${scenario} has no parameter ${k}`];
  const events = new Map(described.outputs.filter((o) => o.kind === 'event').map((o) => [o.id, o]));
  const dates = new Set(described.dates);
  /** @param {string} kind @param {{event: string, member?: string}} e @param {string|undefined} date */
  const eventProblem = (kind, e, date) => {
    const def = events.get(e.event);
    const what = `${kind}=${e.member !== undefined ? `${e.member}.` : ''}${e.event}`;
    if (!def) return [`${what}: the scenario ${scenario} has no event ${e.event}`];
    const members = def.for === null ? [] : (described.entities[def.for] ?? []);
    if (def.for === null ? e.member !== undefined : !members.includes(e.member ?? ''))
      return [
        `${what}: ${def.for === null ? 'a global event takes no member' : `name one of ${members.join(', ')}`}`,
      ];
    if (date !== undefined && !dates.has(date))
      return [`${what}@${date}: ${date} is not a date of the scenario`];
    return [];
  };
  return [
    ...Object.keys(edit.overrides).flatMap(unknown('p')),
    ...Object.keys(edit.schedules ?? {}).flatMap(unknown('s')),
    ...(edit.events?.force ?? []).flatMap((e) => eventProblem('force', e, e.at)),
    ...(edit.events?.suppress ?? []).flatMap((e) => eventProblem('suppress', e, e.from)),
  ];
}
