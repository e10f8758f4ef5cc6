/**
 * What a user changed in a scenario, in the API's terms (`overrides`, `schedules`, `events`), its form in a
 * link, and each change as one short line for people: above the results, in every chart's subtitle, in
 * exported PNGs and in the run history.
 *
 * In a link: `s.NAME=2016Q3:0;2017Q1..2018Q4:0.2` schedules NAME (from[..to]:value, `;` between windows),
 * `force=IMU.pledge_isis@2015Q3` forces an event at a date, `suppress=HT.ht_turns_violent` suppresses one
 * from the start (`@DATE`: from that date); `force` and `suppress` may repeat.
 */
import { describeDistribution } from './driverRow.js';
import { formatNumber } from './format.js';

/**
 * @typedef {{from: string, to?: string, value: number}} Window
 * @typedef {Record<string, Window[]>} Schedules
 * @typedef {{event: string, member?: string, at: string}} Forced
 * @typedef {{event: string, member?: string, from?: string}} Suppressed
 * @typedef {{force: Forced[], suppress: Suppressed[]}} Events
 * @typedef {{overrides?: Record<string, any>, schedules?: Schedules, events?: Partial<Events>}} Edit
 * @typedef {(name: string) => string|undefined} LabelOf the label of a parameter or event, if known
 */

/** No events edited. @returns {Events} */
export const noEvents = () => ({ force: [], suppress: [] });

/** `IMU.pledge_isis` or `pledge_isis`: the event instance a reference names. @param {{event: string, member?: string}} e */
export const eventKey = (e) => (e.member !== undefined ? `${e.member}.${e.event}` : e.event);

/**
 * `IMU.pledge_isis@2015Q3` → `{event: 'pledge_isis', member: 'IMU', date: '2015Q3'}`; undefined if malformed.
 * @param {string} text
 */
function parseEventRef(text) {
  const m = /^(?:([A-Za-z]\w*)\.)?([A-Za-z]\w*)(?:@(\S+))?$/.exec(text);
  if (!m) return undefined;
  return {
    event: /** @type {string} */ (m[2]),
    ...(m[1] !== undefined ? { member: m[1] } : {}),
    ...(m[3] !== undefined ? { date: m[3] } : {}),
  };
}

/**
 * `2016Q3:0;2017Q1..2018Q4:0.2` → windows; undefined if malformed.
 * @param {string} text
 * @returns {Window[]|undefined}
 */
export function parseWindows(text) {
  const windows = [];
  for (const part of text.split(';')) {
    const m = /^([^:.;]+)(?:\.\.([^:;]+))?:(.+)$/.exec(part.trim());
    const value = Number(m?.[3]);
    if (!m || m[3]?.trim() === '' || !Number.isFinite(value)) return undefined;
    windows.push({ from: /** @type {string} */ (m[1]), ...(m[2] !== undefined ? { to: m[2] } : {}), value });
  }
  return windows.length ? windows : undefined;
}

/** @param {Window[]} windows */
export const writeWindows = (windows) =>
  windows.map((w) => `${w.from}${w.to !== undefined ? `..${w.to}` : ''}:${w.value}`).join(';');

/**
 * The schedules and events a query string holds, and the parts it could not read.
 * @param {URLSearchParams} q
 * @returns {{schedules: Schedules, events: Events, problems: string[]}}
 */
export function readEditParams(q) {
  /** @type {Schedules} */
  const schedules = {};
  const events = noEvents();
  const problems = [];
  for (const [k, v] of q) {
    if (k.startsWith('s.')) {
      const windows = parseWindows(v);
      if (windows) schedules[k.slice(2)] = windows;
      else
        problems.push(
          `${k}=${v}: a schedule reads like s.NAME=2016Q3:0 or s.NAME=2017Q1..2018Q4:0.2;2019Q1:1`,
        );
    } else if (k === 'force' || k === 'suppress') {
      const ref = parseEventRef(v);
      if (!ref || (k === 'force' && ref.date === undefined)) {
        problems.push(
          `${k}=${v}: an event reads like ${k === 'force' ? 'force=IMU.pledge_isis@2015Q3' : 'suppress=HT.ht_turns_violent (or …@2017Q1)'}`,
        );
        continue;
      }
      const { date, ...e } = ref;
      if (k === 'force') events.force.push({ ...e, at: /** @type {string} */ (date) });
      else events.suppress.push({ ...e, ...(date !== undefined ? { from: date } : {}) });
    }
  }
  return { schedules, events, problems };
}

/**
 * Adds the schedules and events to a query string.
 * @param {URLSearchParams} q
 * @param {Schedules} schedules
 * @param {Events} events
 */
export function writeEditParams(q, schedules, events) {
  for (const [k, windows] of Object.entries(schedules)) q.set(`s.${k}`, writeWindows(windows));
  for (const e of events.force) q.append('force', `${eventKey(e)}@${e.at}`);
  for (const e of events.suppress)
    q.append('suppress', `${eventKey(e)}${e.from !== undefined ? `@${e.from}` : ''}`);
}

/** True when the edit changes nothing. @param {Edit} edit */
export function isEmptyEdit(edit) {
  return editLines(edit, () => undefined).length === 0;
}

/**
 * "0 from 2016Q3; 0.2 from 2017Q1 to 2018Q4".
 * @param {Window[]} windows
 */
const windowsText = (windows) =>
  windows
    .map((w) => `${formatNumber(w.value)} from ${w.from}${w.to !== undefined ? ` to ${w.to}` : ''}`)
    .join('; ');

/**
 * Every change as one line: "Taliban haven = 0.7", "US pressure drawn from pert(min 0.02, …)",
 * "Russian airstrikes scheduled: 0 from 2016Q3", "Forced: Pledges to ISIS — IMU at 2015Q3",
 * "Suppressed: HT turns violent — HT from the start".
 * @param {Edit} edit
 * @param {LabelOf} labelOf
 * @returns {string[]}
 */
export function editLines(edit, labelOf) {
  const name = (/** @type {string} */ n) => labelOf(n) ?? n;
  const event = (/** @type {{event: string, member?: string}} */ e) =>
    `${labelOf(`event:${e.event}`) ?? e.event}${e.member !== undefined ? ` — ${e.member}` : ''}`;
  return [
    ...Object.entries(edit.overrides ?? {}).map(([k, v]) =>
      typeof v === 'number'
        ? `${name(k)} = ${formatNumber(v)}`
        : `${name(k)} drawn from ${v.uncertainty === 'none' ? 'no uncertainty' : describeDistribution(v.uncertainty)}`,
    ),
    ...Object.entries(edit.schedules ?? {}).map(([k, w]) => `${name(k)} scheduled: ${windowsText(w)}`),
    ...(edit.events?.force ?? []).map((e) => `Forced: ${event(e)} at ${e.at}`),
    ...(edit.events?.suppress ?? []).map(
      (e) => `Suppressed: ${event(e)} ${e.from !== undefined ? `from ${e.from}` : 'from the start'}`,
    ),
  ];
}

/**
 * The lines for a chart's subtitle: at most `max`, then how many more there are.
 * @param {string[]} lines
 * @param {number} max
 */
export function shortEditText(lines, max = 3) {
  if (lines.length === 0) return '';
  const shown = lines.slice(0, max).join('; ');
  return lines.length > max ? `${shown}; and ${lines.length - max} more (listed above the results)` : shown;
}

/**
 * The second request of a comparison: this scenario without the edits, or another scenario.
 * @param {import('./api.js').RunRequest} request
 * @param {string} compare a scenario id, or `@unchanged` for this scenario as it stands
 * @returns {import('./api.js').RunRequest}
 */
export function comparedRequest(request, compare) {
  const { overrides: _o, schedules: _s, events: _e, ...rest } = request;
  return { ...rest, overrides: {}, ...(compare === '@unchanged' ? {} : { scenario: compare }) };
}
