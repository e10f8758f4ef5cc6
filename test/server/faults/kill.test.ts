/**
 * `kill -9` of the server while it writes, three times over: every write it acknowledged is there after a
 * restart, exactly as sent; nothing half-written is there (each stored row is one of the writes sent, whole);
 * the database passes SQLite's integrity check; and after a clean stop no file but the database is left.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { after, before, describe, it } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { type Fixture, makeFixture } from '../../support/serverApp.js';
import { type ServerProcess, spawnServer } from '../../support/serverProcess.js';

const ROUNDS = 3;
const WRITERS = 3;
/** Writes acknowledged in a round before the kill; the writers are still sending when it comes. */
const ACKS_BEFORE_KILL = 16;

interface Sent {
  readonly kind: 'saved' | 'run';
  readonly body: Record<string, unknown>;
}

/** The k-th write: mostly saved scenarios, every fourth a small run, whose result goes to the history. */
function write(round: number, k: number): Sent {
  if (k % 4 === 3)
    return { kind: 'run', body: { scenario: 'logistic-base', runs: 10 + k, seed: round * 1000 + k } };
  return {
    kind: 'saved',
    body: {
      name: `round ${round} write ${k}`,
      // Descriptions of up to ~1.9 kB, so rows span more than one database page now and then.
      description: `note ${k} `.repeat(1 + ((k * 37) % 200)),
      scenario: 'logistic-base',
      runs: 1 + k,
      overrides: { r: 0.05 + (k % 10) / 100 },
    },
  };
}

/** JSON with sorted keys, so a stored row compares with what was sent whatever its key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

async function post(origin: string, sent: Sent, token: string | undefined): Promise<Response> {
  const path = sent.kind === 'run' ? '/api/runs?wait=true' : '/api/saved-scenarios';
  return fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(sent.body),
  });
}

describe('kill -9 during writes', () => {
  let f: Fixture;
  let server: ServerProcess | undefined;
  before(() => {
    f = makeFixture();
  });
  after(() => {
    server?.child.kill('SIGKILL');
    f.cleanup();
  });

  it(`loses no acknowledged write and leaves nothing half-written (${ROUNDS} kills)`, async (t) => {
    // What the server acknowledged: saved scenarios by id, runs by id, with what was sent.
    const acked = new Map<string, Sent>();
    const sentBodies = new Set<string>();
    let token: string | undefined;
    for (let round = 0; round < ROUNDS; round++) {
      server = await spawnServer(f);
      const { origin } = server;
      let k = 0;
      let acks = 0;
      let killed = false;
      const writer = async () => {
        while (!killed) {
          const sent = write(round, k++);
          sentBodies.add(canonical(sent.body));
          const res = await post(origin, sent, token).catch(() => undefined);
          if (!res) break; // the connection died with the server: not acknowledged
          const body = (await res.json().catch(() => undefined)) as
            | Record<string, { id: string }>
            | undefined;
          if (!body || (res.status !== 201 && res.status !== 200)) continue;
          token ??= (body as { token?: string }).token;
          acked.set(sent.kind === 'run' ? body.run!.id : body.saved!.id, sent);
          if (++acks === ACKS_BEFORE_KILL) {
            killed = true;
            server!.child.kill('SIGKILL');
          }
        }
      };
      await Promise.all(Array.from({ length: WRITERS }, writer));
      const { signal } = await server.exited;
      assert.equal(signal, 'SIGKILL');
    }

    server = await spawnServer(f);
    const auth = { authorization: `Bearer ${token}` };
    let lost = 0;
    for (const [id, sent] of acked) {
      const path = sent.kind === 'run' ? `/api/history/${id}` : `/api/saved-scenarios/${id}`;
      const res = await fetch(`${server.origin}${path}`, { headers: auth });
      if (res.status !== 200) {
        lost++;
        continue;
      }
      const body = (await res.json()) as { entry?: { request: unknown }; saved?: Record<string, unknown> };
      if (sent.kind === 'run') assert.deepEqual(body.entry!.request, sent.body);
      else {
        const { name, description, edit } = body.saved as { name: string; description: string; edit: object };
        assert.deepEqual({ name, description, ...edit }, sent.body);
      }
    }
    assert.equal(lost, 0, 'acknowledged writes lost');

    // Every stored row is one of the writes sent, whole.
    const listed = await fetch(`${server.origin}/api/saved-scenarios`, { headers: auth });
    const items = ((await listed.json()) as { items: { name: string; description: string; edit: object }[] })
      .items;
    const halfWritten = items.filter(
      ({ name, description, edit }) => !sentBodies.has(canonical({ name, description, ...edit })),
    );
    assert.deepEqual(halfWritten, [], 'half-written rows');
    assert.ok(items.length >= acked.size - [...acked.values()].filter((s) => s.kind === 'run').length);

    const stop = Date.now();
    server.child.kill('SIGTERM');
    const exit = await server.exited;
    assert.deepEqual(exit, { code: 0, signal: null });
    server = undefined;
    assert.deepEqual(readdirSync(dirname(f.dbPath)), ['oxus.sqlite'], 'no file but the database is left');
    const db = new BetterSqlite3(f.dbPath, { readonly: true });
    try {
      assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    } finally {
      db.close();
    }
    t.diagnostic(
      `${ROUNDS} kills, ${acked.size} acknowledged writes (${items.length} saved scenarios stored), 0 lost, 0 half-written; clean stop in ${Date.now() - stop} ms`,
    );
  });
});
