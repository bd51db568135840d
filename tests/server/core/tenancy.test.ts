import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createTenant, createMember, createDepartment, addToDepartment } from '../../factories';
import { expectOtherTenantGets404 } from '../../support/isolation';
import { scopeToTenant, TenantScopeError } from '../../../server/src/core/tenancy';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

describe('tenant-scoped database', () => {
  it('throws on an undefined filter value instead of matching every row', async () => {
    const a = await createTenant(t);
    const db = scopeToTenant(t.deps.db.prisma, a.id);
    const id: string | undefined = undefined;
    await expect(db.member.findFirst({ where: { id } })).rejects.toThrow(TenantScopeError);
    await expect(db.member.updateMany({ where: {}, data: { role: 'admin' } })).rejects.toThrow(TenantScopeError);
    await expect(db.member.deleteMany({ where: { id: undefined } })).rejects.toThrow(TenantScopeError);
    await expect(db.member.deleteMany()).rejects.toThrow(TenantScopeError);
  });

  it('adds the tenant to every read and write', async () => {
    const a = await createTenant(t);
    const b = await createTenant(t);
    const dbA = scopeToTenant(t.deps.db.prisma, a.id);
    expect(await dbA.member.findUnique({ where: { id: b.admin.id } })).toBeNull();
    expect((await dbA.member.findMany()).map((m) => m.tenantId)).toEqual([a.id]);
    const created = await dbA.member.create({ data: { hostUserId: 'new-one' } as { hostUserId: string; tenantId: string } });
    expect(created.tenantId).toBe(a.id);
    await expect(dbA.member.create({ data: { hostUserId: 'x', tenantId: b.id } })).rejects.toThrow(TenantScopeError);
    await expect(dbA.member.update({ where: { id: b.admin.id }, data: { role: 'member' } })).rejects.toThrow();
    expect((await t.deps.db.prisma.member.findUnique({ where: { id: b.admin.id } }))!.role).toBe('admin');
    await expect(dbA.staffApiKey.findMany()).rejects.toThrow(TenantScopeError);
    expect(await dbA.tenant.findUnique({ where: { id: b.id } })).toMatchObject({ id: a.id });
  });

  it('refuses an empty tenant id', () => {
    expect(() => scopeToTenant(t.deps.db.prisma, '')).toThrow(TenantScopeError);
  });
});

describe('member routes', () => {
  it('GET /me shows the session member and tenant', async () => {
    const a = await createTenant(t);
    const res = await t.http.get('/api/v1/me').set(bearer(a.admin.token)).expect(200);
    expect(res.body.member).toMatchObject({ id: a.admin.id, role: 'admin' });
    expect(res.body.tenant.id).toBe(a.id);
  });

  it('lists members of the own tenant only, with department filter and pagination', async () => {
    const a = await createTenant(t);
    await createTenant(t);
    const dept = await createDepartment(t, a.id);
    const m1 = await createMember(t, a.id);
    await createMember(t, a.id);
    await addToDepartment(t, a.id, dept.id, m1.id);
    const all = await t.http.get('/api/v1/members?limit=2').set(bearer(a.admin.token)).expect(200);
    expect(all.body.items).toHaveLength(2);
    expect(all.body.nextCursor).toBeTruthy();
    const rest = await t.http.get(`/api/v1/members?limit=2&cursor=${all.body.nextCursor}`).set(bearer(a.admin.token)).expect(200);
    expect(rest.body.items).toHaveLength(1);
    expect(rest.body.nextCursor).toBeNull();
    const inDept = await t.http.get(`/api/v1/members?departmentId=${dept.id}`).set(bearer(a.admin.token)).expect(200);
    expect(inDept.body.items.map((m: { id: string }) => m.id)).toEqual([m1.id]);
    await t.http.get('/api/v1/members?limit=0').set(bearer(a.admin.token)).expect(400);
  });

  it('another enterprise gets 404 for a member, for changing its role, and it stays unchanged', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    const row = () => t.deps.db.prisma.member.findUnique({ where: { id: m.id } });
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/members/${m.id}` });
    await expectOtherTenantGets404(t, { method: 'put', url: `/api/v1/members/${m.id}/role`, body: { role: 'admin' } }, row);
  });

  it('changes roles, keeps at least one admin, and audits it', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    await t.http.put(`/api/v1/members/${m.id}/role`).set(bearer(a.admin.token)).send({ role: 'nope' }).expect(400);
    await t.http.put(`/api/v1/members/${m.id}/role`).send({ role: 'admin' }).expect(401);
    await t.http.put(`/api/v1/members/${m.id}/role`).set(bearer(a.admin.token)).send({ role: 'admin' }).expect(200);
    await t.http.put(`/api/v1/members/${m.id}/role`).set(bearer(m.token)).send({ role: 'member' }).expect(200);
    const last = await t.http.put(`/api/v1/members/${a.admin.id}/role`).set(bearer(a.admin.token)).send({ role: 'member' }).expect(409);
    expect(last.body.error.code).toBe('last_admin');
    const logs = await t.http.get('/api/v1/audit-logs').set(bearer(a.admin.token)).expect(200);
    expect(logs.body.items.map((l: { action: string }) => l.action)).toEqual(['member.role.change', 'member.role.change']);
  });

  it('sign out revokes the session', async () => {
    const a = await createTenant(t);
    await t.http.delete('/api/v1/session').set(bearer(a.admin.token)).expect(204);
    await t.http.get('/api/v1/me').set(bearer(a.admin.token)).expect(401);
  });

  it('frozen and departed members are refused', async () => {
    const a = await createTenant(t);
    const frozen = await createMember(t, a.id, { status: 'frozen' });
    const left = await createMember(t, a.id, { status: 'left' });
    expect((await t.http.get('/api/v1/me').set(bearer(frozen.token)).expect(403)).body.error.code).toBe('account_frozen');
    await t.http.get('/api/v1/me').set(bearer(left.token)).expect(401);
  });
});
