/**
 * The view as a query string, so a link reproduces it: scenario, overrides (`p.NAME=value` fixes a value,
 * `u.NAME=pert:min=0.6:mode=0.8:max=0.95` replaces its uncertainty), runs, seed,
 * schedules and forced or suppressed events (`s.NAME=…`, `force=…`, `suppress=…`: see edits.js),
 * comparison, the open tab, the histogram and compare choices and whether sample runs are drawn
 * (`samples=1`) and the fans of a group share their y-axis (`sameY=1`). `run=1` runs it on opening; the same
 * inputs give the same numbers bit for bit.
 */
import { noEvents, readEditParams, writeEditParams } from './edits.js';

/**
 * @typedef {import('./driverRow.js').Override} Override
 * @typedef {import('./edits.js').Schedules} Schedules
 * @typedef {import('./edits.js').Events} Events
 * @typedef {{scenario?: string, overrides: Record<string, Override>, schedules: Schedules, events: Events,
 *   runs?: number, seed?: string,
 *   compare?: string, tab?: string, snap?: string, ch?: string, cmp?: string, at?: string, run?: boolean, samples?: boolean, sameY?: boolean, history?: string}} ViewState
 */

const KEYS = /** @type {const} */ ([
  'scenario',
  'seed',
  'compare',
  'tab',
  'snap',
  'ch',
  'cmp',
  'at',
  'history',
]);

/**
 * @param {string} search
 * @returns {ViewState}
 */
export function readState(search) {
  const q = new URLSearchParams(search);
  const { schedules, events } = readEditParams(q);
  /** @type {ViewState} */
  const state = { overrides: {}, schedules, events };
  for (const k of KEYS) {
    const v = q.get(k);
    if (v !== null && v !== '') state[k] = v;
  }
  const runs = Number(q.get('runs'));
  if (Number.isInteger(runs) && runs > 0) state.runs = runs;
  for (const [k, v] of q) {
    if (k.startsWith('p.') && v.trim() !== '' && Number.isFinite(Number(v)))
      state.overrides[k.slice(2)] = Number(v);
    const dist = k.startsWith('u.') ? parseDistribution(v) : undefined;
    if (dist) state.overrides[k.slice(2)] = { uncertainty: dist };
  }
  state.run = q.get('run') === '1';
  if (q.get('samples') === '1') state.samples = true;
  if (q.get('sameY') === '1') state.sameY = true;
  return state;
}

/**
 * @param {ViewState} state
 * @returns {string} the query string, with its leading `?`
 */
export function writeState(state) {
  const q = new URLSearchParams();
  if (state.scenario) q.set('scenario', state.scenario);
  for (const [k, v] of Object.entries(state.overrides)) {
    if (typeof v === 'number') q.set(`p.${k}`, String(v));
    else q.set(`u.${k}`, writeDistribution(v.uncertainty));
  }
  writeEditParams(q, state.schedules ?? {}, state.events ?? noEvents());
  if (state.runs !== undefined) q.set('runs', String(state.runs));
  for (const k of KEYS) {
    const v = state[k];
    if (k !== 'scenario' && v) q.set(k, v);
  }
  if (state.samples) q.set('samples', '1');
  if (state.sameY) q.set('sameY', '1');
  if (state.run) q.set('run', '1');
  return `?${q.toString()}`;
}

/**
 * `pert:min=0.6:mode=0.8:max=0.95` → `{dist: 'pert', min: 0.6, mode: 0.8, max: 0.95}`; undefined if malformed.
 * @param {string} text
 * @returns {Record<string, any>|undefined}
 */
export function parseDistribution(text) {
  const [dist, ...fields] = text.split(':');
  if (!dist || !/^[a-z]+$/.test(dist) || fields.length === 0) return undefined;
  /** @type {Record<string, any>} */
  const d = { dist };
  for (const f of fields) {
    const m = /^([a-z]+)=(.+)$/.exec(f);
    if (!m || !Number.isFinite(Number(m[2]))) return undefined;
    d[/** @type {string} */ (m[1])] = Number(m[2]);
  }
  return d;
}

/** @param {Record<string, any>} d */
export function writeDistribution(d) {
  return [d.dist, ...Object.entries(d).flatMap(([k, v]) => (k === 'dist' ? [] : [`${k}=${v}`]))].join(':');
}
