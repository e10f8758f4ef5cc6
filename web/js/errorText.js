/**
 * Errors as the page shows them: once, in the user's terms. A problem's field path of the API
 * (`overrides.IMU.recruit`) becomes the name of the control it comes from ("Recruitment — IMU"), and a
 * refused request lists each problem once, without repeating the summary line above it.
 */
import { ApiError } from './api.js';
import { el } from './format.js';

/**
 * @typedef {import('./api.js').Problem} Problem
 * @typedef {(path: string) => string|undefined} Namer names the control behind an API path, if any
 */

/**
 * A Namer from the drivers' labels: `overrides.IMU.recruit` → "Recruitment — IMU", `runs` → "Runs".
 * @param {(name: string) => string|undefined} labelOf
 * @returns {Namer}
 */
export function namerOf(labelOf) {
  return (path) => {
    if (path === 'runs') return 'Runs';
    if (path === 'seed') return 'Seed';
    const m = /^(?:overrides|schedules|uncertainty)\.(.+)$/.exec(path);
    return m ? labelOf(/** @type {string} */ (m[1])) : undefined;
  };
}

/**
 * "value of 'IMU.recruit' is outside its allowed range" → "the value is outside its allowed range": the
 * control's name already says which parameter.
 * @param {string} message
 */
const plain = (message) => message.replace(/^(\w+(?: \w+)?) of '[^']+'/, 'the $1');

/**
 * One line of a problem: "Taliban haven: the value is outside its allowed range (allowed: a value in [0, 1]; you gave 2)".
 * @param {Problem} p
 * @param {Namer} nameOf
 */
export function problemText(p, nameOf) {
  const name = nameOf(p.path);
  const detail = [p.expected ? `allowed: ${p.expected}` : '', p.found ? `you gave ${p.found}` : '']
    .filter(Boolean)
    .join('; ');
  const where = name ?? (p.path && p.path !== '(request)' ? p.path : '');
  const message = name ? plain(p.message) : p.message;
  return `${where ? `${where}: ` : ''}${message}${detail ? ` (${detail})` : ''}`;
}

/**
 * What to show for an error: one line, or a lead and one line per problem (never both the summary and
 * the same problem again).
 * @param {unknown} err
 * @param {Namer} [nameOf]
 * @param {string} [lead] what failed, e.g. "The run was refused"
 * @returns {HTMLElement[]}
 */
export function errorNodes(err, nameOf = () => undefined, lead = '') {
  /** @type {Problem[]} */
  const problems =
    err instanceof ApiError
      ? err.problems.length
        ? err.problems
        : [{ code: err.code, path: err.path, message: err.message }]
      : [{ code: '', path: '', message: String(err instanceof Error ? err.message : err) }];
  if (problems.length === 1) {
    const only = /** @type {Problem} */ (problems[0]);
    return [
      el('p', {}, [
        lead ? el('strong', { text: `${lead}: ` }) : null,
        problemText(only, nameOf),
        codeOf(only),
      ]),
    ];
  }
  return [
    el('p', {}, [el('strong', { text: `${lead || 'Problems'} (${problems.length}):` })]),
    el(
      'ul',
      {},
      problems.map((p) => el('li', {}, [problemText(p, nameOf), codeOf(p)])),
    ),
  ];
}

/**
 * The problem's code, small, for looking it up in docs/errors.md.
 * @param {Problem} p
 */
const codeOf = (p) => (p.code ? el('span', { class: 'code', text: ` [${p.code}]` }) : null);
