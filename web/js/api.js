/**
 * Talking to the oxus API: JSON requests with the API's error shape, and runs followed to the end through
 * their server-sent events.
 */

/**
 * @typedef {{code: string, path: string, message: string, file?: string, line?: number, expected?: string, found?: string}} Problem
 * @typedef {{scenario?: string, model?: string, overrides?: Record<string, number>, runs?: number, seed?: number|string}} RunRequest
 * @typedef {{id: string, status: 'running'|'done'|'failed'|'cancelled', title: string, file?: string|null, request: RunRequest,
 *   progress: {done: number, total: number}, receipt: Record<string, string|number|null>|null,
 *   error: {code: string, message: string, path: string}|null, scenarioText: string|null,
 *   reproduced: {receipt: boolean, summary: boolean}|null,
 *   links: {self: string, result: string, csv: string, events: string, cancel: string}}} RunInfo
 */

import { EventSourceParserStream } from '/vendor/eventsource-parser/stream.js';

/** An error answer of the API: `{error: {code, message, path, problems?}}`. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {{code?: string, message?: string, path?: string, problems?: Problem[]}} error
   */
  constructor(status, error) {
    super(error.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = error.code ?? 'E_HTTP';
    this.path = error.path ?? '';
    /** @type {Problem[]} */
    this.problems = error.problems ?? [];
  }
}

/** Where the browser keeps its ownership token: the server gives one with the first thing saved or run. */
const TOKEN_KEY = 'oxus.token';

/** @returns {string|null} */
function storedToken() {
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** @param {string|null} token */
function storeToken(token) {
  try {
    if (token === null) localStorage.removeItem(TOKEN_KEY);
    else localStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage refused (private mode): the token lasts as long as the page.
  }
}

/**
 * Sends a request with this browser's token and parses the JSON answer; throws ApiError for an error
 * answer. A token the server gives back (`Oxus-Token`) is kept; one it no longer knows is dropped and the
 * request sent again without it.
 * @param {string} path
 * @param {{method?: string, body?: unknown, signal?: AbortSignal, token?: string}} [options] `token` is sent as `Authorization: Bearer`
 * @returns {Promise<any>}
 */
export async function api(path, options = {}) {
  const token = storedToken();
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const init = /** @type {RequestInit} */ ({ method: options.method ?? 'GET', headers });
  // The server takes changes only as JSON (a cross-site page cannot send that without asking first).
  if (options.body !== undefined || ['POST', 'PUT', 'PATCH'].includes(init.method ?? 'GET')) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body ?? {});
  }
  if (options.token) init.headers = { ...init.headers, Authorization: `Bearer ${options.token}` };
  if (options.signal) init.signal = options.signal;
  const res = await fetch(path, init);
  const issued = res.headers.get('Oxus-Token');
  if (issued) storeToken(issued);
  if (res.status === 204) return null;
  const body = await res.json().catch(() => ({}));
  if (res.status === 401 && body.error?.code === 'E_TOKEN_UNKNOWN' && token && !options.token) {
    storeToken(null);
    return api(path, options);
  }
  if (!res.ok) throw new ApiError(res.status, body.error ?? {});
  return body;
}

/**
 * What to show for an error: its message and code, and each problem with its field, expected and found.
 * @param {unknown} err
 * @returns {HTMLElement[]}
 */
export function errorNodes(err) {
  const e =
    err instanceof ApiError
      ? err
      : new ApiError(0, { message: String(err instanceof Error ? err.message : err) });
  const head = document.createElement('strong');
  head.textContent = `${e.message} [${e.code}]`;
  if (e.problems.length < 2 && (!e.problems[0] || e.problems[0].message === e.message)) return [head];
  const list = document.createElement('ul');
  for (const p of e.problems) {
    const detail = [p.expected ? `expected ${p.expected}` : '', p.found ? `found ${p.found}` : '']
      .filter(Boolean)
      .join('; ');
    const item = document.createElement('li');
    item.textContent = `${p.path || p.file || '(request)'}: ${p.message}${detail ? ` (${detail})` : ''}`;
    list.append(item);
  }
  return [head, list];
}

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a run, retrying while the server is busy (429).
 * @param {string} path `/api/runs` or a history entry's reproduce link
 * @param {RunRequest|undefined} request
 * @param {(message: string) => void} onWait
 * @returns {Promise<RunInfo>}
 */
export async function start(path, request, onWait) {
  for (let attempt = 0; ; attempt++) {
    try {
      const { run } = await api(path, { method: 'POST', body: request ?? {} });
      return run;
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 429 || attempt >= 60) throw err;
      onWait('The server is busy with other runs; waiting for a free slot…');
      await sleep(2000);
    }
  }
}

/**
 * The result of the first `runs` runs of a run still going: exact for those runs (the server summarises
 * only runs that are all finished, in run order).
 * @typedef {{runs: number, total: number, result: any}} Partial
 */

/**
 * Follows a run's server-sent events until it ends; resolves with its final status. The stream is read
 * with fetch, not EventSource, so it carries this browser's token: a class's runs are readable only with
 * it (EventSource cannot send one, and the stream of a class's run was a 404, leaving polling without
 * partial charts). If the stream breaks, the run's status is polled instead.
 * @param {RunInfo} run
 * @param {(done: number, total: number) => void} onProgress
 * @param {(partial: Partial) => void} [onPartial]
 * @returns {Promise<RunInfo>}
 */
export async function follow(run, onProgress, onPartial) {
  try {
    return await streamOf(run, onProgress, onPartial);
  } catch {
    return poll(run.links.self, onProgress);
  }
}

/**
 * @param {RunInfo} run
 * @param {(done: number, total: number) => void} onProgress
 * @param {(partial: Partial) => void} [onPartial]
 * @returns {Promise<RunInfo>}
 */
async function streamOf(run, onProgress, onPartial) {
  const token = storedToken();
  /** @type {Record<string, string>} */
  const headers = { Accept: 'text/event-stream' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(run.links.events, { headers });
  if (!res.ok || !res.body) throw new ApiError(res.status, {});
  const events = res.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream())
    .getReader();
  for (;;) {
    const { value, done } = await events.read();
    if (done) throw new Error('the event stream ended before the run did');
    const data = JSON.parse(value.data);
    if (value.event === 'progress') onProgress(data.done, data.total);
    else if (value.event === 'partial') onPartial?.(data);
    else if (value.event === 'end') {
      await events.cancel();
      return data;
    }
  }
}

/**
 * @param {string} self
 * @param {(done: number, total: number) => void} onProgress
 * @returns {Promise<RunInfo>}
 */
async function poll(self, onProgress) {
  for (;;) {
    const { run } = await api(self);
    onProgress(run.progress.done, run.progress.total);
    if (run.status !== 'running') return run;
    await sleep(1000);
  }
}

/**
 * Starts a run, follows it and fetches its result.
 * @param {string} path
 * @param {RunRequest|undefined} request
 * @param {{onStart?: (run: RunInfo) => void, onProgress: (done: number, total: number) => void, onPartial?: (run: RunInfo, partial: Partial) => void, onWait: (m: string) => void}} hooks
 * @returns {Promise<{run: RunInfo, result: any}>}
 */
export async function runToEnd(path, request, hooks) {
  const started = await start(path, request, hooks.onWait);
  hooks.onStart?.(started);
  const run = await follow(started, hooks.onProgress, (p) => hooks.onPartial?.(started, p));
  if (run.status !== 'done') {
    throw new ApiError(409, run.error ?? { code: 'E_FAILED', message: `the run ${run.status}` });
  }
  return { run, result: await api(run.links.result) };
}
