/**
 * A shared link is checked before it is used: a link naming a scenario or parameter that does not exist,
 * a run count outside the server's limit or a value that is not a number is refused with a message
 * saying what is wrong, instead of being silently replaced by defaults (which would show other numbers
 * under the link's name).
 */

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
  return problems;
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
 * Overrides naming a parameter the scenario does not have.
 * @param {Record<string, unknown>} overrides
 * @param {{name: string}[]} parameters
 * @param {string} scenario
 * @returns {string[]}
 */
export function parameterProblems(overrides, parameters, scenario) {
  const names = new Set(parameters.map((p) => p.name));
  return Object.keys(overrides)
    .filter((k) => !names.has(k))
    .map((k) => `p.${k}: the scenario ${scenario} has no parameter ${k}`);
}
