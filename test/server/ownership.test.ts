/**
 * Ownership: whoever creates a thing gets a token that owns it; others in the class read but cannot change
 * it; an instructor's token manages the class; other classes do not see it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { assertErrorShape, useTestApp } from '../support/serverApp.js';

const bearer = (token: string) => `Bearer ${token}`;
const SAVED = { name: 'Mine', scenario: 'logistic-base', runs: 20 };

describe('ownership tokens', () => {
  const t = useTestApp();

  it('gives a creator without a token a new one that owns the thing; others read it but cannot change it', async () => {
    const created = await request(t.app).post('/api/saved-scenarios').send(SAVED).expect(201);
    const { token } = created.body;
    assert.match(token, /^oxus_[A-Za-z0-9_-]{43}$/);
    assert.equal(created.headers['oxus-token'], token);
    const url = `/api/saved-scenarios/${created.body.saved.id}`;
    assert.equal(created.body.saved.classId, 'open');

    const other = (await request(t.app).post('/api/tokens').send({}).expect(201)).body.token as string;
    await request(t.app).get(url).set('Authorization', bearer(other)).expect(200);
    await request(t.app).get(url).expect(200);
    const forbidden = await request(t.app)
      .put(url)
      .set('Authorization', bearer(other))
      .send({ ...SAVED, name: 'Taken' })
      .expect(403);
    assert.equal(assertErrorShape(forbidden.body).code, 'E_FORBIDDEN');
    await request(t.app).delete(url).set('Authorization', bearer(other)).expect(403);
    const anonymous = await request(t.app).delete(url).expect(401);
    assert.equal(assertErrorShape(anonymous.body).path, 'Authorization');

    // The owner's second save reuses their token: no new one is issued.
    const second = await request(t.app)
      .post('/api/saved-scenarios')
      .set('Authorization', bearer(token))
      .send(SAVED)
      .expect(201);
    assert.equal(second.body.token, undefined);
    assert.equal(second.headers['oxus-token'], undefined);
    assert.equal(second.body.saved.owner, created.body.saved.owner);
    await request(t.app)
      .put(url)
      .set('Authorization', bearer(token))
      .send({ ...SAVED, name: 'Still mine' })
      .expect(200);
    await request(t.app).delete(url).set('Authorization', bearer(token)).expect(204);
  });

  it('keeps a class to itself, and lets its instructor manage what participants made', async () => {
    const made = await request(t.app).post('/api/classes').send({ title: 'Seminar' }).expect(201);
    const instructor = made.body.instructorToken as string;
    const classId = made.body.class.code as string;
    const join = (name: string) => request(t.app).post(`/api/classes/${classId}/join`).send({ name });
    const alice = (await join('Alice').expect(201)).body.token as string;
    const bob = (await join('Bob').expect(201)).body.token as string;
    const me = await request(t.app).get('/api/tokens/me').set('Authorization', bearer(alice)).expect(200);
    assert.deepEqual(
      [me.body.principal.classId, me.body.principal.role, me.body.className],
      [classId, 'member', 'Seminar'],
    );
    const boss = await request(t.app)
      .get('/api/tokens/me')
      .set('Authorization', bearer(instructor))
      .expect(200);
    assert.equal(boss.body.principal.role, 'instructor');

    const saved = await request(t.app)
      .post('/api/saved-scenarios')
      .set('Authorization', bearer(alice))
      .send(SAVED)
      .expect(201);
    const url = `/api/saved-scenarios/${saved.body.saved.id}`;
    const list = await request(t.app)
      .get('/api/saved-scenarios')
      .set('Authorization', bearer(bob))
      .expect(200);
    assert.deepEqual(
      list.body.items.map((s: { id: string }) => s.id),
      [saved.body.saved.id],
    );
    await request(t.app).delete(url).set('Authorization', bearer(bob)).expect(403);
    // Outside the class the thing does not exist.
    await request(t.app).get(url).expect(404);
    const open = await request(t.app).get('/api/saved-scenarios').expect(200);
    assert.ok(!open.body.items.some((s: { id: string }) => s.id === saved.body.saved.id));

    const run = await request(t.app)
      .post('/api/runs?wait=true')
      .set('Authorization', bearer(alice))
      .send({ scenario: 'logistic-base', runs: 20 })
      .expect(200);
    const history = `/api/history/${run.body.run.id}`;
    await request(t.app).get(history).set('Authorization', bearer(bob)).expect(200);
    await request(t.app).get(history).expect(404);
    await request(t.app).delete(history).set('Authorization', bearer(bob)).expect(403);
    await request(t.app).delete(history).set('Authorization', bearer(instructor)).expect(204);
    await request(t.app).delete(url).set('Authorization', bearer(instructor)).expect(204);
  });

  it('refuses an unknown or malformed token instead of ignoring it', async () => {
    for (const header of [`Bearer oxus_${'A'.repeat(43)}`, 'Bearer nonsense', 'Basic dXNlcjpwYXNz']) {
      const res = await request(t.app).get('/api/saved-scenarios').set('Authorization', header).expect(401);
      assert.equal(assertErrorShape(res.body).code, 'E_TOKEN_UNKNOWN');
    }
  });
});
