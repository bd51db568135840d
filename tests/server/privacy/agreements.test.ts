import { bearer, staff, type TestApp } from '../../support/test-app';
import { createMember, createTenant } from '../../factories';
import { acceptAll, publish, startPrivateApp } from './helpers';

let t: TestApp;
beforeAll(async () => (t = await startPrivateApp()));
afterAll(() => t.close());

describe('agreements: nothing published', () => {
  // Runs first in this file's own database: no version exists yet.
  it('requires nothing while no version is published', async () => {
    const a = await createTenant(t);
    await t.http.get('/api/v1/members').set(bearer(a.admin.token)).expect(200);
    const pending = await t.http.get('/api/v1/agreements/pending').set(bearer(a.admin.token)).expect(200);
    expect(pending.body.items).toEqual([]);
  });
});

describe('POST/GET /platform/v1/agreements', () => {
  it('needs a staff key (401) and valid input (400)', async () => {
    await t.http.post('/platform/v1/agreements').send({}).expect(401);
    await t.http.get('/platform/v1/agreements').expect(401);
    const a = await createTenant(t);
    await t.http.get('/platform/v1/agreements').set(bearer(a.admin.token)).expect(401);
    const bad = await t.http.post('/platform/v1/agreements').set(staff()).send({ kind: 'eula', version: '', content: '' }).expect(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });

  it('publishes versions; the newest of a kind is current; a version number is used once', async () => {
    const first = await publish(t, 'user_agreement');
    const second = await publish(t, 'user_agreement', '第 3 条：新增账号冻结规则 / §3: inactivity freeze added');
    const list = await t.http.get('/platform/v1/agreements?kind=user_agreement').set(staff()).expect(200);
    const byId = new Map(list.body.items.map((v: { id: string; isCurrent: boolean }) => [v.id, v.isCurrent]));
    expect(byId.get(first.id)).toBe(false);
    expect(byId.get(second.id)).toBe(true);
    const one = await t.http.get(`/platform/v1/agreements/${second.id}`).set(staff()).expect(200);
    expect(one.body.agreement).toMatchObject({ kind: 'user_agreement', version: second.version, changeSummary: expect.stringContaining('冻结') });
    await t.http.get('/platform/v1/agreements/nope').set(staff()).expect(404);
    const dup = await t.http
      .post('/platform/v1/agreements').set(staff())
      .send({ kind: 'user_agreement', version: second.version, content: 'x', changeSummary: 'x' })
      .expect(409);
    expect(dup.body.error.code).toBe('version_exists');
    const current = await t.http.get('/api/v1/agreements/current').expect(200);
    expect(current.body.items.map((v: { id: string }) => v.id)).toContain(second.id);
    const audit = await t.deps.db.prisma.auditLog.findFirst({ where: { action: 'agreement.publish', targetId: second.id } });
    expect(audit).toMatchObject({ actorType: 'staff' });
  });

  it('is described in the OpenAPI document', async () => {
    const doc = await t.http.get('/platform/v1/openapi.json').expect(200);
    const body = doc.body.paths['/agreements'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['kind', 'version', 'content', 'changeSummary']));
    expect(doc.body.paths['/privacy-requests/{id}/answer'].post).toBeDefined();
  });
});

describe('member acceptance and the gate', () => {
  it('401 without a session; 400 on a bad id; 404 on an unknown version', async () => {
    await t.http.get('/api/v1/agreements/pending').expect(401);
    await t.http.post('/api/v1/agreements/x/accept').expect(401);
    const a = await createTenant(t);
    const long = 'x'.repeat(65);
    const bad = await t.http.post(`/api/v1/agreements/${long}/accept`).set(bearer(a.admin.token)).expect(400);
    expect(bad.body.error.code).toBe('validation_failed');
    await t.http.post('/api/v1/agreements/does-not-exist/accept').set(bearer(a.admin.token)).expect(404);
  });

  it('blocks content APIs with 403 agreement_required until both current versions are accepted', async () => {
    const ua = await publish(t, 'user_agreement');
    const pp = await publish(t, 'privacy_policy');
    const a = await createTenant(t);
    const blocked = await t.http.get('/api/v1/members').set(bearer(a.admin.token)).expect(403);
    expect(blocked.body.error.code).toBe('agreement_required');
    expect(blocked.body.error.details.pending.map((p: { id: string }) => p.id).sort()).toEqual([ua.id, pp.id].sort());
    // What a member needs before accepting stays open: /me, the agreements, signing out.
    await t.http.get('/api/v1/me').set(bearer(a.admin.token)).expect(200);
    const pending = await t.http.get('/api/v1/agreements/pending').set(bearer(a.admin.token)).expect(200);
    expect(pending.body.items).toHaveLength(2);
    expect(pending.body.items[0]).toMatchObject({ content: expect.any(String), changeSummary: expect.any(String), previouslyAcceptedVersion: null });

    const res = await t.http.post(`/api/v1/agreements/${ua.id}/accept`).set(bearer(a.admin.token)).set('User-Agent', 'jest-ua').expect(201);
    expect(res.body.acceptance).toMatchObject({ versionId: ua.id, kind: 'user_agreement', version: ua.version, acceptedAt: expect.any(String) });
    await t.http.get('/api/v1/members').set(bearer(a.admin.token)).expect(403);
    await t.http.post(`/api/v1/agreements/${pp.id}/accept`).set(bearer(a.admin.token)).expect(201);
    // Accepting again is harmless.
    await t.http.post(`/api/v1/agreements/${pp.id}/accept`).set(bearer(a.admin.token)).expect(200);
    await t.http.get('/api/v1/members').set(bearer(a.admin.token)).expect(200);

    const row = await t.deps.db.prisma.agreementAcceptance.findFirst({ where: { tenantId: a.id, memberId: a.admin.id, versionId: ua.id } });
    expect(row).toMatchObject({ userAgent: 'jest-ua', ip: expect.any(String) });
    const accepted = await t.http.get('/api/v1/agreements/accepted').set(bearer(a.admin.token)).expect(200);
    expect(accepted.body.items.map((x: { versionId: string }) => x.versionId).sort()).toEqual([ua.id, pp.id].sort());
  });

  it('a new version asks again, with what changed; the old version can no longer be accepted', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id, { role: 'admin' });
    const old = await publish(t, 'privacy_policy');
    await acceptAll(t, m.token);
    await t.http.get('/api/v1/agreements/pending').set(bearer(m.token)).expect(200, { items: [] });
    await t.http.get('/api/v1/members').set(bearer(m.token)).expect(200);

    const next = await publish(t, 'privacy_policy', '新增：个人信息导出 / New: export of my data');
    const blocked = await t.http.get('/api/v1/members').set(bearer(m.token)).expect(403);
    expect(blocked.body.error.code).toBe('agreement_required');
    const pending = await t.http.get('/api/v1/agreements/pending').set(bearer(m.token)).expect(200);
    expect(pending.body.items).toEqual([
      expect.objectContaining({ id: next.id, changeSummary: '新增：个人信息导出 / New: export of my data', previouslyAcceptedVersion: old.version }),
    ]);
    const superseded = await t.http.post(`/api/v1/agreements/${old.id}/accept`).set(bearer(m.token)).expect(409);
    expect(superseded.body.error.code).toBe('agreement_superseded');
    await t.http.post(`/api/v1/agreements/${next.id}/accept`).set(bearer(m.token)).expect(201);
    await t.http.get('/api/v1/agreements/pending').set(bearer(m.token)).expect(200, { items: [] });
  });

  it('acceptance belongs to the member of one enterprise: another enterprise still has to accept', async () => {
    const v = await publish(t, 'user_agreement');
    const a = await createTenant(t);
    const b = await createTenant(t);
    await acceptAll(t, a.admin.token);
    const pendingB = await t.http.get('/api/v1/agreements/pending').set(bearer(b.admin.token)).expect(200);
    expect(pendingB.body.items.map((x: { id: string }) => x.id)).toContain(v.id);
    await t.http.get('/api/v1/members').set(bearer(b.admin.token)).expect(403);
    // B's admin sees only B's acceptances (none) — never A's.
    const acceptedB = await t.http.get('/api/v1/agreements/accepted').set(bearer(b.admin.token)).expect(200);
    expect(acceptedB.body.items).toEqual([]);
  });
});
