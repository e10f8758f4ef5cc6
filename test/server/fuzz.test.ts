/**
 * Fuzzing the HTTP API: over 2,000 requests with generated bodies, query strings and paths (wrong types,
 * NaN and infinities as JSON cannot hold them, huge numbers, deep nesting, long strings, prototype keys,
 * wrong content types and charsets, invalid UTF-8, malformed %-escapes), sent to every route that takes
 * input. No answer may be a 5xx, and no body may hold a stack trace or a path of the server's machine.
 * The requests go over loopback to one app in this process; runs are kept small (`maxRuns` 300).
 */
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { ROOT } from '../support/build.js';
import { useTestApp } from '../support/serverApp.js';

const UUID = '0b0e4a6c-1d2f-4e3a-9b8c-7d6e5f4a3b2c';
const PATHS = [
  ...['/api/runs', '/api/runs?wait=true', '/api/saved-scenarios', '/api/classes', '/api/tokens'],
  ...['/api/compare', '/api/sensitivity', '/api/trace', `/api/saved-scenarios/${UUID}`],
  ...[`/api/history/${UUID}/reproduce`, `/api/runs/${UUID}/cancel`, '/api/classes/ABCDEF/join'],
  ...['/api/classes/ABCDEF/entries', '/api/classes/ABCDEF/reveal'],
];
/** Read routes with inputs (`/api/forecasts/scores` takes its only query, `scale`, through the same
 * parser as the others and costs a fifth of a second a call, so it is left to its own tests). */
const GETS = [
  ...['/api/history', '/api/runs', '/api/models/', '/api/scenarios/'],
  ...['/api/runs/', '/api/history/', '/api/saved-scenarios/', '/api/classes/', '/api/forecasts'],
];
const QUERY_KEYS = ['limit', 'offset', 'scale', 'wait', 'runs', '__proto__', 'constructor', 'a[b]', 'x[]'];

/** Values of every awkward kind, as JSON text (NaN, Infinity and huge literals are not valid JSON). */
const nasty = fc.oneof(
  fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '1e400',
    '-1e400',
    '1e-400',
    '123456789012345678901234567890',
  ),
  fc.constantFrom(
    '9007199254740993',
    '-0',
    '0.1e1',
    'null',
    'true',
    '"__proto__"',
    '"constructor"',
    'undefined',
  ),
  fc.constantFrom('"logistic-base"', '"logistic"', '"../models/logistic"', '"%ff"', '"\\u0000"', '"\\ud800"'),
  fc.double().map(String),
  fc.integer().map(String),
  fc.string({ maxLength: 20 }).map((s) => JSON.stringify(s)),
  fc.nat(2300).map((n) => JSON.stringify('x'.repeat(n * 30))),
  fc.nat(3000).map((depth) => '['.repeat(depth) + ']'.repeat(depth)),
  fc.nat(1000).map((depth) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`),
);
const KEYS = [
  ...['scenario', 'model', 'overrides', 'schedules', 'events', 'runs', 'seed', 'name', 'description'],
  ...['title', 'entries', 'output', 'at', 'method', 'parameters', 'run', 'force', 'suppress', 'from'],
  ...['to', 'value', 'uncertainty', 'dist', '__proto__', 'constructor', 'prototype', 'r', 'K', 'r.x'],
];
const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 10 }));
const { json } = fc.letrec<{ json: string }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    nasty,
    fc.array(tie('json'), { maxLength: 5 }).map((xs) => `[${xs.join(',')}]`),
    fc
      .array(fc.tuple(key, tie('json')), { maxLength: 5 })
      .map((kv) => `{${kv.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  ),
}));
/** A body that is nearly right: a valid run request with one field replaced. */
const nearlyRight = fc
  .tuple(fc.constantFrom(...KEYS), json)
  .map(([k, v]) => `{"scenario":"logistic-base","runs":20,${JSON.stringify(k)}:${v}}`);

const CONTENT_TYPES = [
  ...['application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1'],
  ...['application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded'],
  ...['multipart/form-data; boundary=x', 'application/json;;', 'APPLICATION/JSON', ''],
];
const bytes = (text: string) => new TextEncoder().encode(text);
const invalidUtf8 = fc
  .tuple(
    json,
    fc.constantFrom([0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf]),
  )
  .map(([text, bad]) => {
    const head = bytes(`{"name":"`);
    return Uint8Array.from([...head, ...bad, ...bytes(`","x":${text}}`)]);
  });

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly contentType?: string;
  readonly encoding?: string | undefined;
  readonly body?: Uint8Array;
}

const writes = fc
  .record({
    method: fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE'),
    path: fc.constantFrom(...PATHS),
    contentType: fc.oneof(
      { arbitrary: fc.constant('application/json'), weight: 4 },
      fc.constantFrom(...CONTENT_TYPES),
    ),
    encoding: fc.constantFrom(undefined, undefined, undefined, 'gzip', 'br', 'identity', 'x-unknown'),
    body: fc.oneof(json.map(bytes), nearlyRight.map(bytes), invalidUtf8),
  })
  .map((w): Sent => w);
const queryPart = fc.oneof(
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
  fc.constantFrom(
    '%ff',
    '%',
    '%zz',
    '%00',
    '%E0%A4%A',
    'NaN',
    'Infinity',
    '-1',
    '1e400',
    '99999999999999999999',
  ),
);
const reads = fc
  .tuple(
    fc.constantFrom(...GETS),
    fc.oneof(
      fc.constant(''),
      queryPart,
      fc.constantFrom(UUID, 'logistic-base', '%ff', '..%2F..%2Fetc', '%2e%2e'),
    ),
    fc.array(fc.tuple(fc.constantFrom(...QUERY_KEYS), queryPart), { maxLength: 4 }),
  )
  .map(([base, tail, query]): Sent => {
    const qs = query.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&');
    return { method: 'GET', path: `${base}${base.endsWith('/') ? tail : ''}${qs ? `?${qs}` : ''}` };
  });

describe('API fuzz', () => {
  const t = useTestApp({ maxRuns: 300, maxEvaluations: 2000 });
  let server: Server;
  let origin: string;
  before(async () => {
    server = t.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.closeAllConnections();
    server.close();
  });

  /** Sends one request; fails on a 5xx or a body that shows the server's internals. */
  async function check(sent: Sent): Promise<number> {
    const headers: Record<string, string> = {};
    if (sent.contentType) headers['content-type'] = sent.contentType;
    if (sent.encoding) headers['content-encoding'] = sent.encoding;
    const res = await fetch(`${origin}${sent.path}`, {
      method: sent.method,
      headers,
      ...(sent.body ? { body: sent.body } : {}),
    });
    const text = await res.text();
    const what = `${sent.method} ${sent.path.slice(0, 120)} -> ${res.status} ${text.slice(0, 300)}`;
    assert.ok(res.status < 500, what);
    assert.doesNotMatch(text, /\n\s+at |node_modules|\.ts:\d+|\.js:\d+/, what);
    for (const dir of [ROOT, t.fixture.root, tmpdir()])
      assert.ok(!text.includes(dir), `a server path in ${what}`);
    return res.status;
  }

  async function fuzz(arb: fc.Arbitrary<Sent>, numRuns: number, seed: number) {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(arb, async (sent) => {
        const status = await check(sent);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }),
      { numRuns, seed, endOnFailure: true },
    );
    return [...statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}: ${n}`)
      .join(', ');
  }

  it('answers 1,400 generated bodies with a 4xx or a success, never a 5xx or internals', async (t) => {
    t.diagnostic(`bodies: ${await fuzz(writes, 1400, 21)}`);
  });

  it('answers 700 generated paths and query strings the same way', async (t) => {
    t.diagnostic(`paths and queries: ${await fuzz(reads, 700, 22)}`);
  });

  it('logged no internal error', () => {
    assert.deepEqual(t.errors, []);
  });
});
