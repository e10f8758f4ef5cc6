/**
 * The progress stream (`/api/runs/:id/events`) reads by the same rules as every GET: a browser's
 * EventSource cannot send the `Authorization` header, so without it the stream shows only the open
 * class's runs, and a class's run is a 404 that tells nothing; with the header (a `fetch` stream) the
 * class reads its runs. A token in the query string is never accepted (URLs end up in logs and history).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { assertErrorShape, parseEvents, textParser, useTestApp } from '../support/serverApp.js';

describe('the progress stream and ownership tokens', () => {
  const t = useTestApp();

  it('shows a class run only to a reader with the class token in the Authorization header', async () => {
    const made = await request(t.app).post('/api/classes').send({ title: 'Seminar' }).expect(201);
    const code = made.body.class.code as string;
    const joined = await request(t.app).post(`/api/classes/${code}/join`).send({ name: 'Ann' }).expect(201);
    const token = joined.body.token as string;
    const run = await request(t.app)
      .post('/api/runs?wait=true')
      .set('Authorization', `Bearer ${token}`)
      .send({ scenario: 'logistic-base', runs: 50 })
      .expect(200);
    const events = `/api/runs/${run.body.run.id}/events`;

    for (const path of [events, `${events}?token=${token}`, `${events}?access_token=${token}`]) {
      const hidden = await request(t.app).get(path).expect(404);
      assert.equal(assertErrorShape(hidden.body).code, 'E_NOT_FOUND');
      assert.doesNotMatch(JSON.stringify(hidden.body), /Seminar|Ann|owner|classId/);
    }
    const shown = await request(t.app)
      .get(events)
      .set('Authorization', `Bearer ${token}`)
      .buffer(true)
      .parse(textParser)
      .expect(200);
    const end = parseEvents(shown.body as string).at(-1);
    assert.equal(end?.event, 'end');
    assert.equal((end!.data as { status: string }).status, 'done');
  });

  it('streams an open-class run to anyone, with no token in any event', async () => {
    const run = await request(t.app)
      .post('/api/runs')
      .send({ scenario: 'logistic-base', runs: 50 })
      .expect(202);
    const token = run.body.token as string;
    assert.ok(token);
    const streamed = await request(t.app)
      .get(`/api/runs/${run.body.run.id}/events`)
      .buffer(true)
      .parse(textParser)
      .expect(200);
    const text = streamed.body as string;
    assert.equal(parseEvents(text).at(-1)?.event, 'end');
    assert.ok(!text.includes(token) && !text.includes('oxus_'), 'no token in the stream');
  });
});
