/**
 * The classroom on the Forecasts page (commit, then reveal): start a class, join one, enter a probability
 * for each claim before seeing anyone else's, reveal (which locks the entries) and see the scores beside
 * the model, the experts and the base rate; the instructor sees the class table, the class's calibration,
 * the spread per claim and a CSV export. Tokens are kept in this browser's localStorage.
 */
import { api, errorNodes } from '../api.js';
import { downloadBlob } from '../exporting.js';
import { el } from '../format.js';
import { addCalibrationFigure, dataTable } from './forecasts.js';

const f3 = (/** @type {number|null|undefined} */ x) => (x === null || x === undefined ? '–' : x.toFixed(3));
const pct = (/** @type {number|null} */ p) => (p === null ? '–' : `${Math.round(p * 100)}%`);
const key = (/** @type {string} */ role, /** @type {string} */ code) => `oxus.${role}.${code}`;

/**
 * @typedef {{panel: HTMLElement, code: string|null, teach: boolean, onReveal: () => void}} ClassroomCtx
 */

/** @param {ClassroomCtx} ctx */
export async function showClassroom(ctx) {
  const { panel, code } = ctx;
  panel.hidden = false;
  const errors = el('div', { class: 'errors', role: 'alert', id: 'cl-errors' });
  /** @param {unknown} err */
  const fail = (err) => errors.replaceChildren(...errorNodes(err));
  panel.replaceChildren(el('h2', { id: 'fc-h-class', text: 'Classroom' }), errors);
  const body = el('div', { id: 'cl-body' });
  panel.append(body);
  try {
    if (code && ctx.teach && localStorage.getItem(key('instructor', code)))
      return await instructor(ctx, body);
    const token = code ? localStorage.getItem(key('participant', code)) : null;
    if (code && token) return await participant(ctx, body, token, fail);
    startOrJoin(ctx, body, fail);
  } catch (err) {
    fail(err);
  }
  return undefined;
}

/**
 * @param {ClassroomCtx} ctx
 * @param {HTMLElement} body
 * @param {(err: unknown) => void} fail
 */
function startOrJoin(ctx, body, fail) {
  const title = el('input', {
    id: 'cl-title',
    type: 'text',
    maxlength: '100',
    placeholder: 'e.g. Week 3: the IMU',
  });
  const start = el('button', { type: 'button', id: 'cl-start', text: 'Start a class' });
  const codeIn = el('input', {
    id: 'cl-code',
    type: 'text',
    maxlength: '8',
    value: ctx.code ?? '',
    autocomplete: 'off',
  });
  const name = el('input', { id: 'cl-name', type: 'text', maxlength: '40', autocomplete: 'nickname' });
  const join = el('button', { type: 'button', id: 'cl-join', class: 'primary', text: 'Join' });
  const made = el('div', { id: 'cl-made' });
  start.addEventListener('click', async () => {
    try {
      const r = await api('/api/classes', {
        method: 'POST',
        body: { title: /** @type {HTMLInputElement} */ (title).value },
      });
      localStorage.setItem(key('instructor', r.class.code), r.instructorToken);
      const teach = `forecasts.html?class=${r.class.code}&teach=1`;
      made.replaceChildren(
        el('p', {}, [
          el('strong', { text: `Class code: ${r.class.code}. ` }),
          `Participants open `,
          el('a', { href: r.links.join, text: r.links.join }),
          '.',
        ]),
        el('p', {}, [
          'Your class view: ',
          el('a', { href: teach, id: 'cl-teach-link', text: teach }),
          '. ',
          'Keep the instructor token (it is stored in this browser): ',
          el('code', { text: r.instructorToken }),
        ]),
      );
    } catch (err) {
      fail(err);
    }
  });
  join.addEventListener('click', async () => {
    try {
      const c = /** @type {HTMLInputElement} */ (codeIn).value.trim().toUpperCase();
      const r = await api(`/api/classes/${encodeURIComponent(c)}/join`, {
        method: 'POST',
        body: { name: /** @type {HTMLInputElement} */ (name).value },
      });
      localStorage.setItem(key('participant', c), r.token);
      location.search = `?class=${c}`;
    } catch (err) {
      fail(err);
    }
  });
  body.replaceChildren(
    el('p', {
      class: 'muted',
      text: 'Enter your own probability for each claim before you see the model’s and the experts’; then reveal and compare. The reveal is a teaching device, not an exam lock: the public scores above are one request away.',
    }),
    el('div', { class: 'row' }, [
      el('label', { for: 'cl-code', text: 'Class code' }),
      codeIn,
      el('label', { for: 'cl-name', text: 'Your name' }),
      name,
      join,
    ]),
    el('div', { class: 'row' }, [el('label', { for: 'cl-title', text: 'New class title' }), title, start]),
    made,
  );
}

/**
 * @param {ClassroomCtx} ctx
 * @param {HTMLElement} body
 * @param {string} token
 * @param {(err: unknown) => void} fail
 */
async function participant(ctx, body, token, fail) {
  const code = /** @type {string} */ (ctx.code);
  const me = await api(`/api/classes/${code}/me`, { token });
  if (me.participant.revealed) return showRevealed(ctx, body, me);
  /** @type {Record<string, HTMLInputElement>} */
  const inputs = {};
  const items = me.claims.map((/** @type {any} */ c) => {
    const input = /** @type {HTMLInputElement} */ (
      el('input', {
        type: 'number',
        min: '0',
        max: '100',
        step: '1',
        id: `cl-p-${c.id}`,
        inputmode: 'numeric',
      })
    );
    const v = me.participant.entries[c.id];
    if (v !== undefined) input.value = String(Math.round(v * 100));
    inputs[c.id] = input;
    return el('li', { class: 'claim' }, [
      el('p', {}, [el('strong', { text: `${c.who} (${c.date}): ` }), el('q', { text: c.quote })]),
      el('p', {}, [el('strong', { text: 'Question: ' }), c.question.text]),
      el('label', { for: `cl-p-${c.id}`, text: 'Your probability of “yes” (%)' }),
      input,
    ]);
  });
  const save = el('button', { type: 'button', id: 'cl-save', text: 'Save my forecasts' });
  const reveal = el('button', {
    type: 'button',
    id: 'cl-reveal',
    class: 'primary',
    text: 'Reveal (locks my forecasts)',
  });
  const status = el('p', { id: 'cl-status', class: 'status', role: 'status' });
  const send = async () => {
    /** @type {Record<string, number>} */
    const entries = {};
    for (const [id, input] of Object.entries(inputs))
      if (input.value !== '') entries[id] = Number(input.value) / 100;
    await api(`/api/classes/${code}/entries`, { method: 'PUT', body: { entries }, token });
    status.textContent = `Saved ${Object.keys(entries).length} forecasts.`;
  };
  save.addEventListener('click', () => send().catch(fail));
  reveal.addEventListener('click', async () => {
    try {
      await send();
      showRevealed(ctx, body, await api(`/api/classes/${code}/reveal`, { method: 'POST', token }));
    } catch (err) {
      fail(err);
    }
  });
  body.replaceChildren(
    el('p', {
      text: `${me.class.title} — you are ${me.participant.name}. Give each claim your probability; leave a box empty to skip it.`,
    }),
    el('ol', { class: 'plain-list', id: 'cl-claims' }, items),
    el('div', { class: 'actions' }, [save, reveal]),
    status,
  );
  return undefined;
}

/**
 * @param {ClassroomCtx} ctx
 * @param {HTMLElement} body
 * @param {any} me
 */
function showRevealed(ctx, body, me) {
  const { you, others } = me.revealed.scores;
  const rows = [
    el('tr', {}, [
      el('th', { scope: 'row', text: `you (${me.participant.name})` }),
      el('td', { text: String(you?.n ?? 0) }),
      el('td', { text: f3(you?.brier) }),
    ]),
    ...Object.entries(others).map(([name, s]) =>
      el('tr', {}, [
        el('th', { scope: 'row', text: name }),
        el('td', { text: String(/** @type {any} */ (s)?.n ?? 0) }),
        el('td', { text: f3(/** @type {any} */ (s)?.brier) }),
      ]),
    ),
  ];
  const byId = new Map(me.revealed.claims.map((/** @type {any} */ c) => [c.id, c]));
  const claimRows = Object.entries(me.participant.entries).map(([id, p]) => {
    const c = /** @type {any} */ (byId.get(id));
    return el('tr', {}, [
      el('th', { scope: 'row', text: id }),
      el('td', { text: pct(/** @type {number} */ (p)) }),
      el('td', { text: c?.forecasts.model === undefined ? '–' : pct(c.forecasts.model) }),
      el('td', { text: c ? pct(c.forecasts.expert) : '–' }),
      el('td', { text: c?.forecasts['base-rate'] === undefined ? '–' : pct(c.forecasts['base-rate']) }),
      el('td', { text: c?.outcome ?? 'open' }),
    ]);
  });
  body.replaceChildren(
    el('p', {
      id: 'cl-revealed',
      text: `Revealed: your ${Object.keys(me.participant.entries).length} forecasts are locked. Brier scores on the resolved claims you answered (each other forecaster on the same claims it answered too; lower is better).`,
    }),
    dataTable(
      'cl-score-table',
      'Your Brier score beside the model, the experts, the base rate and “no change”',
      ['forecaster', 'claims', 'Brier'],
      rows,
    ),
    dataTable(
      'cl-claim-table',
      'Your forecasts beside the others’',
      ['claim', 'you', 'model', 'expert (midpoint)', 'base rate', 'outcome'],
      claimRows,
    ),
  );
  if (you)
    addCalibrationFigure(
      body,
      [{ label: `you (n ${you.n})`, name: 'you', bins: you.calibration }],
      `${me.participant.name}, ${you.n} resolved claims`,
      'Your calibration',
    );
  ctx.onReveal();
  return undefined;
}

/**
 * @param {ClassroomCtx} ctx
 * @param {HTMLElement} body
 */
async function instructor(ctx, body) {
  const code = /** @type {string} */ (ctx.code);
  const token = /** @type {string} */ (localStorage.getItem(key('instructor', code)));
  const v = await api(`/api/classes/${code}`, { token });
  const rows = v.rows.map((/** @type {any} */ r) =>
    el('tr', {}, [
      el('th', { scope: 'row', text: r.name }),
      el('td', { text: r.revealed ? 'yes' : 'no' }),
      el('td', { text: String(r.entered) }),
      el('td', { text: String(r.n) }),
      el('td', { text: f3(r.brier) }),
      el('td', { text: f3(r.log) }),
    ]),
  );
  const spread = v.spread.map((/** @type {any} */ s) =>
    el('tr', {}, [
      el('th', { scope: 'row', text: s.claim }),
      el('td', { text: String(s.n) }),
      el('td', { text: `${pct(s.min)} · ${pct(s.q25)} · ${pct(s.median)} · ${pct(s.q75)} · ${pct(s.max)}` }),
      el('td', { text: s.outcome ?? 'open' }),
    ]),
  );
  const csv = el('button', { type: 'button', id: 'cl-csv', text: 'Export CSV for grading' });
  csv.addEventListener('click', async () => {
    const res = await fetch(`/api/classes/${code}/export.csv`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    downloadBlob(await res.text(), 'text/csv', `class-${code}.csv`);
  });
  body.replaceChildren(
    el('p', {
      text: `${v.class.title} (class ${code}): ${v.rows.length} participants. Join link: forecasts.html?class=${code}`,
    }),
    dataTable(
      'cl-class-table',
      'The class: scores on the resolved claims each participant answered',
      ['name', 'revealed', 'entered', 'resolved', 'Brier', 'log'],
      rows,
    ),
    dataTable(
      'cl-spread-table',
      'Spread of the class’s answers per claim (min · 25% · median · 75% · max)',
      ['claim', 'answers', 'spread', 'outcome'],
      spread,
    ),
    el('div', { class: 'actions' }, [csv]),
  );
  const refs = ['model', 'experts']
    .filter((n) => v.references[n])
    .map((n) => ({ label: `${n} (n ${v.references[n].n})`, name: n, bins: v.references[n].calibration }));
  addCalibrationFigure(
    body,
    [{ label: 'the class, pooled', name: 'class', bins: v.calibration }, ...refs],
    `${v.rows.length} participants, every entry on a resolved claim`,
    'The class’s calibration',
  );
  ctx.onReveal();
  return undefined;
}
