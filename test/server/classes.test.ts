/**
 * Classroom forecasts over HTTP: tokens own entries (nobody else changes them), entries lock once
 * revealed, the model's and experts' forecasts stay hidden until then, and the class view needs the
 * instructor token.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import request from 'supertest';
import { assertErrorShape, useTestApp } from '../support/serverApp.js';

describe('classroom API', () => {
  const t = useTestApp();
  let code: string;
  let instructor: string;
  let ada: string;
  let bo: string;
  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  before(async () => {
    const made = await request(t.app)
      .post('/api/classes')
      .send({ title: 'Structured analysis, week 3' })
      .expect(201);
    code = made.body.class.code;
    instructor = made.body.instructorToken;
    ada = (await request(t.app).post(`/api/classes/${code}/join`).send({ name: 'Ada' }).expect(201)).body
      .token;
    bo = (await request(t.app).post(`/api/classes/${code}/join`).send({ name: 'Bo' }).expect(201)).body.token;
  });

  it('a name joins once; codes, names and bodies are checked', async () => {
    const again = await request(t.app).post(`/api/classes/${code}/join`).send({ name: 'Ada' }).expect(409);
    assert.equal(assertErrorShape(again.body).code, 'E_NAME_TAKEN');
    await request(t.app).post('/api/classes/NOSUCH22/join').send({ name: 'Cy' }).expect(404);
    await request(t.app).post('/api/classes/lower/join').send({ name: 'Cy' }).expect(400);
    await request(t.app)
      .post(`/api/classes/${code}/join`)
      .send({ name: 'x'.repeat(41) })
      .expect(400);
    await request(t.app).post(`/api/classes/${code}/join`).send({ name: 'bell\u0007' }).expect(400);
    await request(t.app).post('/api/classes').send({ title: 'T', extra: 1 }).expect(400);
  });

  it('before the reveal a participant sees the claims but no reading, model forecast or outcome', async () => {
    const me = await request(t.app).get(`/api/classes/${code}/me`).set(auth(ada)).expect(200);
    assert.equal(me.body.participant.name, 'Ada');
    assert.ok(me.body.claims.length >= 14);
    assert.equal(me.body.revealed, undefined);
    const text = JSON.stringify(me.body);
    for (const hidden of ['"reading"', '"outcome"', '"forecasts"', '"model"'])
      assert.ok(!text.includes(hidden), hidden);
  });

  it('only the owner token changes its entries', async () => {
    await request(t.app)
      .put(`/api/classes/${code}/entries`)
      .set(auth(ada))
      .send({ entries: { 'azimov-serious-threat': 0.7, 'lewis-small-scale': 0.2 } })
      .expect(200);
    // Bo's token writes Bo's entries, never Ada's.
    await request(t.app)
      .put(`/api/classes/${code}/entries`)
      .set(auth(bo))
      .send({ entries: { 'azimov-serious-threat': 0.1 } })
      .expect(200);
    const none = await request(t.app)
      .put(`/api/classes/${code}/entries`)
      .send({ entries: { 'azimov-serious-threat': 0 } })
      .expect(401);
    assert.equal(assertErrorShape(none.body).code, 'E_TOKEN_REQUIRED');
    // A token the server never issued is refused before any route sees it (ownership/access.ts).
    const forged = await request(t.app)
      .put(`/api/classes/${code}/entries`)
      .set(auth('forged-token'))
      .send({ entries: { 'azimov-serious-threat': 0 } })
      .expect(401);
    assert.equal(assertErrorShape(forged.body).code, 'E_TOKEN_UNKNOWN');
    const other = await request(t.app).post('/api/classes').send({ title: 'Other class' }).expect(201);
    await request(t.app).get(`/api/classes/${other.body.class.code}/me`).set(auth(ada)).expect(403);
    const me = await request(t.app).get(`/api/classes/${code}/me`).set(auth(ada)).expect(200);
    assert.deepEqual(me.body.participant.entries, { 'azimov-serious-threat': 0.7, 'lewis-small-scale': 0.2 });
    await request(t.app)
      .put(`/api/classes/${code}/entries`)
      .set(auth(ada))
      .send({ entries: { 'no-such-claim': 0.5 } })
      .expect(400);
    await request(t.app)
      .put(`/api/classes/${code}/entries`)
      .set(auth(ada))
      .send({ entries: { 'azimov-serious-threat': 1.5 } })
      .expect(400);
  });

  it('reveal locks the entries and shows the scores beside the model, experts and base rate', async () => {
    const r = await request(t.app).post(`/api/classes/${code}/reveal`).send({}).set(auth(ada)).expect(200);
    assert.equal(r.body.participant.revealed, true);
    const you = r.body.revealed.scores.you;
    assert.equal(you.n, 2);
    // azimov: 0.7 on yes → 0.09; lewis: 0.2 on no → 0.04
    assert.ok(Math.abs(you.brier - (0.09 + 0.04) / 2) < 1e-12);
    assert.equal(r.body.revealed.scores.others.expert.n, 2);
    assert.ok(r.body.revealed.claims.some((c: { forecasts: Record<string, number> }) => c.forecasts.expert));
    const locked = await request(t.app)
      .put(`/api/classes/${code}/entries`)
      .set(auth(ada))
      .send({ entries: { 'azimov-serious-threat': 1 } })
      .expect(409);
    assert.equal(assertErrorShape(locked.body).code, 'E_LOCKED');
    const me = await request(t.app).get(`/api/classes/${code}/me`).set(auth(ada)).expect(200);
    assert.equal(me.body.participant.entries['azimov-serious-threat'], 0.7);
  });

  it('the class view and the CSV export need the instructor token', async () => {
    await request(t.app).get(`/api/classes/${code}`).expect(401);
    const student = await request(t.app).get(`/api/classes/${code}`).set(auth(ada)).expect(403);
    assert.equal(assertErrorShape(student.body).code, 'E_FORBIDDEN');
    await request(t.app).get(`/api/classes/${code}/export.csv`).set(auth(bo)).expect(403);
    const view = await request(t.app).get(`/api/classes/${code}`).set(auth(instructor)).expect(200);
    assert.deepEqual(
      view.body.rows.map((r: { name: string; revealed: boolean; entered: number }) => [
        r.name,
        r.revealed,
        r.entered,
      ]),
      [
        ['Ada', true, 2],
        ['Bo', false, 1],
      ],
    );
    const spread = view.body.spread.find((s: { claim: string }) => s.claim === 'azimov-serious-threat');
    assert.deepEqual([spread.n, spread.min, spread.max], [2, 0.1, 0.7]);
    assert.equal(
      view.body.calibration.reduce((s: number, b: { count: number }) => s + b.count, 0),
      3,
    );
    const csv = await request(t.app).get(`/api/classes/${code}/export.csv`).set(auth(instructor)).expect(200);
    assert.match(csv.headers['content-type'] ?? '', /text\/csv/);
    const lines = csv.text.trim().split('\n');
    assert.equal(lines[0], 'name,claim,p,outcome,brier');
    assert.ok(lines.includes('Bo,azimov-serious-threat,0.1,yes,0.81'));
  });
});
