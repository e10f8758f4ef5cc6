/**
 * SIGTERM stops the server gracefully: it stops accepting connections, a `?wait=true` request whose run is
 * cancelled gets a JSON 503 (not a connection reset), a progress stream gets its `end` event, the process
 * exits with 0, and the database is closed cleanly (no file beside it, and it opens again).
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Fixture, makeFixture, parseEvents } from '../../support/serverApp.js';
import { type ServerProcess, spawnServer } from '../../support/serverProcess.js';

const json = { 'content-type': 'application/json' };

/** Reads an event stream until it ends, calling `onText` with all the text so far at each chunk. */
async function readStream(res: Response, onText: (text: string) => void): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true });
    onText(text);
  }
  return text;
}

describe('SIGTERM', () => {
  let f: Fixture;
  let server: ServerProcess | undefined;
  before(() => {
    f = makeFixture();
  });
  after(() => {
    server?.child.kill('SIGKILL');
    f.cleanup();
  });

  it('ends a waiting request and a progress stream properly, then exits with 0', async (t) => {
    server = await spawnServer(f);
    const { origin } = server;
    // Two long runs (the busy scenario takes seconds): one followed by its event stream, one waited for.
    const started = await fetch(`${origin}/api/runs`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ scenario: 'busy' }),
    });
    assert.equal(started.status, 202);
    const { run } = (await started.json()) as { run: { id: string } };
    const events = await fetch(`${origin}/api/runs/${run.id}/events`);
    let progressed!: () => void;
    const firstProgress = new Promise<void>((resolve) => {
      progressed = resolve;
    });
    const streamed = readStream(events, (text) => {
      if (text.includes('event: progress')) progressed();
    });
    const waited = fetch(`${origin}/api/runs?wait=true`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ scenario: 'busy', seed: 2 }),
    });
    await firstProgress;
    // The waited run has started when the server lists two runs going.
    for (;;) {
      const list = (await (await fetch(`${origin}/api/runs`)).json()) as { runs: { status: string }[] };
      if (list.runs.filter((r) => r.status === 'running').length === 2) break;
      await new Promise((r) => setTimeout(r, 20));
    }

    const signalled = Date.now();
    server.child.kill('SIGTERM');
    const answer = await waited;
    assert.equal(answer.status, 503);
    assert.equal(answer.headers.get('retry-after'), '5');
    const body = (await answer.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'E_SHUTTING_DOWN');
    assert.match(body.error.message, /shutting down: the run was cancelled/);

    const frames = parseEvents(await streamed);
    const end = frames.at(-1) as { event: string; data: { status: string; error: { code: string } } };
    assert.equal(end.event, 'end');
    assert.equal(end.data.status, 'cancelled');
    assert.equal(end.data.error.code, 'E_SHUTTING_DOWN');

    const exit = await server.exited;
    const took = Date.now() - signalled;
    assert.deepEqual(exit, { code: 0, signal: null }, server.stderr());
    assert.match(server.stderr(), /SIGTERM: stopping \(at most 10 s\)/);
    // Nothing listens any more: a new connection is refused.
    await assert.rejects(fetch(`${origin}/api/health`), /fetch failed/);
    server = undefined;
    assert.deepEqual(readdirSync(dirname(f.dbPath)), ['oxus.sqlite']);
    t.diagnostic(`from SIGTERM to exit: ${took} ms`);

    // The database opens again; the cancelled runs were not stored.
    server = await spawnServer(f);
    const history = (await (await fetch(`${server.origin}/api/history`)).json()) as { total: number };
    assert.equal(history.total, 0);
    server.child.kill('SIGTERM');
    assert.deepEqual(await server.exited, { code: 0, signal: null });
    server = undefined;
  });
});
