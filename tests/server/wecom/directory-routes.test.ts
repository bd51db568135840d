/** The synced directory as admins read it, and a resync started from Qixue. */
import { bearer, type TestApp } from '../../support/test-app';
import { createMember, createTenant } from '../../factories';
import { expectOtherTenantGets404 } from '../../support/isolation';
import { createSession } from '../../../server/src/core/auth/sessions';
import { startWecomHarness, type WecomHarness } from '../../support/wecom-sandbox';

let h: WecomHarness;
beforeAll(async () => (h = await startWecomHarness()));
afterAll(() => h.close());

const asTestApp = () => h as unknown as TestApp;

async function installed() {
  const corp = await h.createCorp({ departments: 7, members: 25, seed: 21 });
  const tenantId = await h.install(corp.corpid);
  const admin = await h.deps.db.prisma.member.findFirstOrThrow({ where: { tenantId, hostUserId: corp.admins[0] } });
  const { token } = await createSession(h.deps.db.prisma, { tenantId, memberId: admin.id, method: 'test', ttlHours: 1 });
  return { corp, tenantId, token };
}

describe('directory routes', () => {
  it('lists departments: all, top level, children, subtree; one with its member count', async () => {
    const { corp, tenantId, token } = await installed();
    const all = await h.http.get('/api/v1/departments?limit=200').set(bearer(token)).expect(200);
    expect(all.body.items).toHaveLength(corp.departments.length);
    expect(all.body.items.every((d: { name: string | null }) => d.name === null)).toBe(true);
    const top = await h.http.get('/api/v1/departments?parentId=root').set(bearer(token)).expect(200);
    expect(top.body.items.map((d: { hostDeptId: string }) => d.hostDeptId)).toEqual(['1']);
    const root = top.body.items[0];
    const children = await h.http.get(`/api/v1/departments?parentId=${root.id}&limit=200`).set(bearer(token)).expect(200);
    expect(children.body.items.map((d: { hostDeptId: string }) => Number(d.hostDeptId)).sort()).toEqual(corp.departments.filter((d) => d.parentid === 1).map((d) => d.id).sort());
    const below = await h.http.get(`/api/v1/departments?under=${root.id}&limit=200`).set(bearer(token)).expect(200);
    expect(below.body.items).toHaveLength(corp.departments.length - 1);
    const one = await h.http.get(`/api/v1/departments/${root.id}`).set(bearer(token)).expect(200);
    expect(one.body.department).toMatchObject({ hostDeptId: '1', parentId: null, path: [root.id] });
    expect(one.body.department.memberCount).toBe(corp.members.filter((m) => m.department.includes(1)).length);
    const stored = await h.deps.db.prisma.department.count({ where: { tenantId } });
    expect(stored).toBe(corp.departments.length);
  });

  it('guards: 401 without a session, 403 for a member, 400 on bad input, 404 for another enterprise', async () => {
    const { tenantId, token } = await installed();
    await h.http.get('/api/v1/departments').expect(401);
    const member = await createMember(asTestApp(), tenantId);
    await h.http.get('/api/v1/departments').set(bearer(member.token)).expect(403);
    await h.http.post('/api/v1/directory/sync').set(bearer(member.token)).expect(403);
    await h.http.get('/api/v1/departments?limit=0').set(bearer(token)).expect(400);
    const dept = await h.deps.db.prisma.department.findFirstOrThrow({ where: { tenantId } });
    await expectOtherTenantGets404(asTestApp(), { method: 'get', url: `/api/v1/departments/${dept.id}` });
  });

  it('an admin starts a resync, sees its progress, and a second request joins the running one', async () => {
    const { tenantId, token } = await installed();
    const started = await h.http.post('/api/v1/directory/sync').set(bearer(token)).expect(202);
    const again = await h.http.post('/api/v1/directory/sync').set(bearer(token)).expect(200);
    expect(again.body.job.id).toBe(started.body.job.id);
    const queued = await h.http.get('/api/v1/directory/sync').set(bearer(token)).expect(200);
    expect(queued.body.job).toMatchObject({ id: started.body.job.id, status: 'queued' });
    await h.drain();
    const done = await h.http.get('/api/v1/directory/sync').set(bearer(token)).expect(200);
    expect(done.body).toMatchObject({ source: 'wecom', job: { status: 'done', progress: { percent: 100 }, result: { members: 25 } } });
    expect(done.body.lastFullSyncAt).toBeTruthy();
    const logs = await h.deps.db.prisma.auditLog.count({ where: { tenantId, action: 'directory.sync.start' } });
    expect(logs).toBe(1);
  });

  it('an enterprise that did not come from WeCom cannot resync', async () => {
    const tenant = await createTenant(asTestApp());
    const res = await h.http.post('/api/v1/directory/sync').set(bearer(tenant.admin.token)).expect(409);
    expect(res.body.error.code).toBe('not_installed_from_wecom');
    expect((await h.http.get('/api/v1/directory/sync').set(bearer(tenant.admin.token)).expect(200)).body).toEqual({ source: null, lastFullSyncAt: null, job: null });
  });
});
