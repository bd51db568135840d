/**
 * The learning record store through HTTP: LRS credentials issued by an enterprise admin (shown once,
 * stored hashed, audited, revocable), Basic auth, statements and documents that never cross
 * tenants, and bad input answered 4xx in the error envelope. The ADL conformance suite
 * (tests/xapi/conformance.ts) covers the standard itself.
 */
import { randomUUID } from 'node:crypto';
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createMember, createTenant, type TestTenant } from '../../factories';
import { hashToken } from '../../../server/src/core/tokens';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const V = { 'X-Experience-API-Version': '2.0.0' };
const basic = (key: string, secret: string) => ({ Authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}` });

async function credential(tenant: TestTenant) {
  const res = await t.http.post('/api/v1/xapi/credentials').set(bearer(tenant.admin.token)).send({ name: '学习系统 <b>LMS</b>' }).expect(201);
  return { id: res.body.credential.id as string, key: res.body.credential.key as string, secret: res.body.secret as string, auth: basic(res.body.credential.key, res.body.secret) };
}

const statement = (extra: Record<string, unknown> = {}) => ({
  actor: { objectType: 'Agent', mbox: `mailto:${randomUUID()}@example.com` },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
  object: { id: `http://example.com/activities/${randomUUID()}`, definition: { name: { 'zh-CN': '安全培训' } } },
  ...extra,
});

describe('LRS credentials', () => {
  it('an admin issues a credential: secret shown once, stored hashed, audited; members cannot', async () => {
    const a = await createTenant(t);
    const c = await credential(a);
    const row = await t.deps.db.prisma.xapiCredential.findUniqueOrThrow({ where: { id: c.id } });
    expect(row.secretHash).toBe(hashToken(c.secret));
    expect(JSON.stringify(row)).not.toContain(c.secret);
    expect(row.name).toBe('学习系统 LMS');
    const list = await t.http.get('/api/v1/xapi/credentials').set(bearer(a.admin.token)).expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: c.id, key: c.key, revokedAt: null })]);
    expect(JSON.stringify(list.body)).not.toContain(c.secret);
    expect(await t.deps.db.prisma.auditLog.count({ where: { tenantId: a.id, action: 'xapi.credential.issue', targetId: c.id } })).toBe(1);

    const member = await createMember(t, a.id);
    await t.http.post('/api/v1/xapi/credentials').set(bearer(member.token)).send({ name: 'x' }).expect(403);
    await t.http.get('/api/v1/xapi/credentials').set(bearer(member.token)).expect(403);
    await t.http.post('/api/v1/xapi/credentials').send({ name: 'x' }).expect(401);
  });

  it('rejects bad input with 400 in the envelope', async () => {
    const a = await createTenant(t);
    const post = (body: unknown) => t.http.post('/api/v1/xapi/credentials').set(bearer(a.admin.token)).send(body as object);
    for (const body of [{}, { name: 42 }, { name: '' }, { name: 'x'.repeat(10_000) }, { name: 'ok', extra: 1 }, JSON.parse('{"__proto__":{"name":"x"}}'), [], { name: '<b></b>' }]) {
      const res = await post(body);
      expect(res.status).toBe(400);
      expect(['validation_failed', 'invalid_json']).toContain(res.body.error.code);
    }
    const malformed = await t.http.post('/api/v1/xapi/credentials').set(bearer(a.admin.token)).set('Content-Type', 'application/json').send('{"name":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid_json');
    expect(await t.deps.db.prisma.xapiCredential.count({ where: { tenantId: a.id } })).toBe(0);
  });

  it('revoking stops the credential; another enterprise cannot revoke it (404)', async () => {
    const a = await createTenant(t);
    const c = await credential(a);
    await t.http.get('/xapi/statements').set(V).set(c.auth).expect(200);
    const b = await createTenant(t);
    const foreign = await t.http.delete(`/api/v1/xapi/credentials/${c.id}`).set(bearer(b.admin.token)).expect(404);
    expect(foreign.body.error.code).toBe('not_found');
    await t.http.delete(`/api/v1/xapi/credentials/${c.id}`).set(bearer(a.admin.token)).expect(204);
    expect(await t.deps.db.prisma.auditLog.count({ where: { tenantId: a.id, action: 'xapi.credential.revoke', targetId: c.id } })).toBe(1);
    // A fresh app has no cached credential: the revocation holds at once there.
    const fresh = await startTestApp();
    try {
      await fresh.http.get('/xapi/statements').set(V).set(c.auth).expect(401);
    } finally {
      await fresh.close();
    }
  });
});

describe('/xapi', () => {
  it('needs Basic auth with a valid secret and the version header; About needs neither', async () => {
    const a = await createTenant(t);
    const c = await credential(a);
    await t.http.get('/xapi/about').expect(200).expect('X-Experience-API-Version', '2.0.0');
    const none = await t.http.get('/xapi/statements').set(V).expect(401);
    expect(none.body.error.code).toBe('unauthenticated');
    await t.http.get('/xapi/statements').set(V).set(basic(c.key, 'wrong')).expect(401);
    await t.http.get('/xapi/statements').set(V).set(bearer(a.admin.token)).expect(401);
    const noVersion = await t.http.get('/xapi/statements').set(c.auth).expect(400);
    expect(noVersion.body.error.code).toBe('version_required');
  });

  it('stores statements and reads them back by id and by agent', async () => {
    const a = await createTenant(t);
    const c = await credential(a);
    const s = statement();
    const ids = (await t.http.post('/xapi/statements').set(V).set(c.auth).send([s, statement()]).expect(200)).body as string[];
    expect(ids).toHaveLength(2);
    const one = await t.http.get('/xapi/statements').query({ statementId: ids[0] }).set(V).set(c.auth).expect(200);
    expect(one.body).toMatchObject({ id: ids[0], actor: s.actor, version: '2.0.0' });
    expect(one.headers['x-experience-api-consistent-through']).toBeTruthy();
    const byAgent = await t.http.get('/xapi/statements').query({ agent: JSON.stringify(s.actor) }).set(V).set(c.auth).expect(200);
    expect(byAgent.body.statements.map((x: { id: string }) => x.id)).toEqual([ids[0]]);
    // The same statement again is fine; different content under its id is a conflict.
    await t.http.put('/xapi/statements').query({ statementId: ids[0] }).set(V).set(c.auth).send(s).expect(204);
    await t.http.put('/xapi/statements').query({ statementId: ids[0] }).set(V).set(c.auth).send(statement()).expect(409);
  });

  it('concurrent batches are stored together; one holding a taken id falls back to comparing, without holding back the others', async () => {
    const a = await createTenant(t);
    const c = await credential(a);
    const taken = { ...statement(), id: randomUUID() };
    await t.http.post('/xapi/statements').set(V).set(c.auth).send(taken).expect(200);
    const fresh = Array.from({ length: 6 }, () => [statement(), statement()]);
    const [same, conflicting, ...others] = await Promise.all([
      t.http.post('/xapi/statements').set(V).set(c.auth).send([statement(), taken]),
      t.http.post('/xapi/statements').set(V).set(c.auth).send([{ ...statement(), id: taken.id }]),
      ...fresh.map((batch) => t.http.post('/xapi/statements').set(V).set(c.auth).send(batch)),
    ]);
    expect(same.status).toBe(200);
    expect(same.body[1]).toBe(taken.id);
    expect(conflicting.status).toBe(409);
    expect(others.map((r) => r.status)).toEqual(fresh.map(() => 200));
    // Each statement once: the batch with the taken id stored its other statement, the conflicting one nothing.
    expect(await t.deps.db.prisma.xapiStatement.count({ where: { tenantId: a.id } })).toBe(1 + 1 + 12);
    const one = await t.http.get('/xapi/statements').query({ statementId: taken.id }).set(V).set(c.auth).expect(200);
    expect(one.body.actor).toEqual(taken.actor);
  });

  it('never crosses tenants: statements, documents and activities of another enterprise are not found', async () => {
    const a = await createTenant(t);
    const b = await createTenant(t);
    const ca = await credential(a);
    const cb = await credential(b);
    const s = statement();
    const [id] = (await t.http.post('/xapi/statements').set(V).set(ca.auth).send(s).expect(200)).body as string[];
    const foreign = await t.http.get('/xapi/statements').query({ statementId: id }).set(V).set(cb.auth).expect(404);
    expect(foreign.body.error.code).toBe('not_found');
    expect((await t.http.get('/xapi/statements').query({ agent: JSON.stringify(s.actor) }).set(V).set(cb.auth).expect(200)).body.statements).toEqual([]);
    expect((await t.http.get('/xapi/statements').set(V).set(cb.auth).expect(200)).body.statements).toEqual([]);
    // Same id in the other store is that store's own statement, not a conflict.
    await t.http.put('/xapi/statements').query({ statementId: id }).set(V).set(cb.auth).send(statement()).expect(204);
    expect((await t.http.get('/xapi/statements').query({ statementId: id }).set(V).set(ca.auth).expect(200)).body.actor).toEqual(s.actor);

    const state = { activityId: 'http://example.com/a', agent: JSON.stringify(s.actor), stateId: 'bookmark' };
    await t.http.put('/xapi/activities/state').query(state).set(V).set(ca.auth).send({ page: 3 }).expect(204);
    await t.http.get('/xapi/activities/state').query(state).set(V).set(cb.auth).expect(404);
    await t.http.delete('/xapi/activities/state').query(state).set(V).set(cb.auth).expect(204);
    expect((await t.http.get('/xapi/activities/state').query(state).set(V).set(ca.auth).expect(200)).body).toEqual({ page: 3 });
    const activity = await t.http.get('/xapi/activities').query({ activityId: s.object.id }).set(V).set(cb.auth).expect(200);
    expect(activity.body).toEqual({ objectType: 'Activity', id: s.object.id });
  });

  it('answers bad input with 4xx in the envelope, never 5xx, and stores nothing', async () => {
    const a = await createTenant(t);
    const c = await credential(a);
    const post = (body: string, type = 'application/json') => t.http.post('/xapi/statements').set(V).set(c.auth).set('Content-Type', type).send(body);
    const bodies = [
      '{"actor":', '[]x', '42', '"x"', 'null', '{}', JSON.stringify({ ...statement(), actor: 5 }), JSON.stringify({ ...statement(), verb: { id: 'x'.repeat(100_000) } }),
      '{"__proto__":{"actor":{"mbox":"mailto:a@b.c"}}}', JSON.stringify({ ...statement(), id: 'not-a-uuid' }), JSON.stringify([statement(), { bad: true }]),
    ];
    for (const body of bodies) {
      const res = await post(body);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(typeof res.body.error.code).toBe('string');
    }
    expect((await post(JSON.stringify(statement()), 'text/plain')).status).toBe(400);
    for (const query of [{ agent: '{' }, { agent: '{"mbox":"x"}' }, { limit: '-1' }, { since: 'yesterday' }, { verb: 'no scheme' }, { unknown: '1' }, { cursor: '__proto__' }]) {
      const res = await t.http.get('/xapi/statements').query(query).set(V).set(c.auth);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_parameter');
    }
    expect(await t.deps.db.prisma.xapiStatement.count({ where: { tenantId: a.id } })).toBe(0);
  });
});
