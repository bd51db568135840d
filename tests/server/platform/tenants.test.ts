import { startTestApp, bearer, staff, type TestApp } from '../../support/test-app';
import { createTenant, createMember } from '../../factories';
import { createStaffKey } from '../../../server/src/modules/platform/create-staff-key';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const registration = { name: '华东医药集团', industry: '医药', size: '201-1000', adminName: '王敏', adminPhone: '13800138000' };

describe('/platform/v1/tenants', () => {
  it('requires a staff key', async () => {
    expect((await t.http.get('/platform/v1/tenants').expect(401)).body.error.code).toBe('unauthenticated');
    await t.http.get('/platform/v1/tenants').set(bearer('qxs_not-a-real-staff-key-000000')).expect(401);
    const a = await createTenant(t);
    await t.http.get('/platform/v1/tenants').set(bearer(a.admin.token)).expect(401);
  });

  it('accepts keys created by the CLI function, stored hashed', async () => {
    const key = await createStaffKey(t.deps.db, 'ops');
    await t.http.get('/platform/v1/tenants?limit=1').set(bearer(key)).expect(200);
    const stored = await t.deps.db.prisma.staffApiKey.findFirst({ where: { name: 'ops' }, orderBy: { createdAt: 'desc' } });
    expect(stored!.keyHash).not.toContain(key);
  });

  it('registers an enterprise directly with its admin; the phone is encrypted at rest; audited', async () => {
    const res = await t.http.post('/platform/v1/tenants').set(staff()).send(registration).expect(201);
    expect(res.body.tenant).toMatchObject({ name: '华东医药集团', edition: 'basic', status: 'active', installedFromWecom: false });
    const admin = await t.deps.db.prisma.member.findUnique({ where: { id: res.body.adminMemberId } });
    expect(admin).toMatchObject({ role: 'admin', name: '王敏', tenantId: res.body.tenant.id });
    expect(admin!.phoneCipher).not.toContain('13800138000');
    expect(t.deps.cipher.decrypt(admin!.phoneCipher!)).toBe('13800138000');
    const audit = await t.deps.db.prisma.auditLog.findMany({ where: { tenantId: res.body.tenant.id } });
    expect(audit.map((a) => [a.action, a.actorType])).toEqual([['tenant.register', 'staff']]);
  });

  it('lists, shows, and 404s an unknown id', async () => {
    const created = (await t.http.post('/platform/v1/tenants').set(staff()).send(registration).expect(201)).body.tenant;
    const one = await t.http.get(`/platform/v1/tenants/${created.id}`).set(staff()).expect(200);
    expect(one.body.tenant.id).toBe(created.id);
    await t.http.get('/platform/v1/tenants/nope').set(staff()).expect(404);
    const list = await t.http.get('/platform/v1/tenants?status=active&limit=200').set(staff()).expect(200);
    expect(list.body.items.every((i: { status: string }) => i.status === 'active')).toBe(true);
    await t.http.get('/platform/v1/tenants?status=bogus').set(staff()).expect(400);
  });

  it('changes edition, suspends and reinstates; members of a suspended tenant get 403 tenant_suspended', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    await t.http.patch(`/platform/v1/tenants/${a.id}`).set(staff()).send({}).expect(400);
    await t.http.patch(`/platform/v1/tenants/${a.id}`).set(staff()).send({ edition: 'pro' }).expect(200);
    await t.http.patch(`/platform/v1/tenants/${a.id}`).set(staff()).send({ status: 'suspended', reason: '欠费' }).expect(200);
    for (const who of [a.admin, m]) {
      const res = await t.http.get('/api/v1/me').set(bearer(who.token)).expect(403);
      expect(res.body.error.code).toBe('tenant_suspended');
    }
    await t.http.patch(`/platform/v1/tenants/${a.id}`).set(staff()).send({ status: 'active' }).expect(200);
    // Reinstated: the same sessions work again.
    await t.http.get('/api/v1/me').set(bearer(m.token)).expect(200);
    const actions = (await t.http.get(`/platform/v1/tenants/${a.id}/audit-logs`).set(staff()).expect(200)).body.items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(['tenant.update', 'tenant.suspend', 'tenant.reinstate']);
  });

  it('suspension refuses even sessions that were not revoked (every API)', async () => {
    const a = await createTenant(t, { status: 'suspended' });
    const res = await t.http.get('/api/v1/members').set(bearer(a.admin.token)).expect(403);
    expect(res.body.error.code).toBe('tenant_suspended');
  });

  it('an uninstalled tenant cannot be reinstated through PATCH', async () => {
    const a = await createTenant(t, { status: 'uninstalled' });
    const res = await t.http.patch(`/platform/v1/tenants/${a.id}`).set(staff()).send({ status: 'active' }).expect(409);
    expect(res.body.error.code).toBe('tenant_not_changeable');
  });
});

describe('audit log', () => {
  it('cannot be changed or deleted, through Prisma or raw SQL', async () => {
    const a = await createTenant(t);
    await t.http.patch(`/platform/v1/tenants/${a.id}`).set(staff()).send({ edition: 'pro' }).expect(200);
    const row = await t.deps.db.prisma.auditLog.findFirst({ where: { tenantId: a.id } });
    await expect(t.deps.db.prisma.auditLog.update({ where: { id: row!.id }, data: { action: 'x' } })).rejects.toThrow(/append-only/);
    await expect(t.deps.db.prisma.auditLog.deleteMany({ where: { tenantId: a.id } })).rejects.toThrow(/append-only/);
    const q = t.deps.db.dialect.quote;
    await expect(t.deps.db.raw.execute(`UPDATE ${q('AuditLog')} SET ${q('action')} = 'x' WHERE ${q('id')} = ?`, [row!.id])).rejects.toThrow(/append-only/);
    await expect(t.deps.db.raw.execute(`DELETE FROM ${q('AuditLog')} WHERE ${q('id')} = ?`, [row!.id])).rejects.toThrow(/append-only/);
    expect((await t.deps.db.prisma.auditLog.findUnique({ where: { id: row!.id } }))!.action).toBe('tenant.update');
  });
});

describe('/platform/v1/openapi.json', () => {
  it('describes the staff API from the validation schemas', async () => {
    const res = await t.http.get('/platform/v1/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    const body = res.body.paths['/tenants'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(expect.arrayContaining(['name', 'industry', 'size', 'adminName', 'adminPhone']));
    expect(body.properties.size.enum).toContain('201-1000');
  });
});
