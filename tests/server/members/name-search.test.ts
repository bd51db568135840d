import supertest from 'supertest';
import { createSession } from '../../../server/src/core/auth/sessions';
import { bearer } from '../../support/test-app';
import { createMember, createTenant } from '../../factories';
import { expectOtherTenantGets404 } from '../../support/isolation';
import { installCorp, startWithSandbox, type HostHarness } from '../accounts/host-harness';

let h: HostHarness;
beforeAll(async () => (h = await startWithSandbox()));
afterAll(() => h.close());

async function adminToken(tenantId: string, memberId: string) {
  return (await createSession(h.t.deps.db.prisma, { tenantId, memberId, method: 'test', ttlHours: 1 })).token;
}

describe('GET /api/v1/members?q= (search by name)', () => {
  it('finds WeCom people through the host, which alone knows their names', async () => {
    const a = await installCorp(h, { members: 12 });
    const token = await adminToken(a.tenantId, a.members.get(a.admins[0])!);
    const users = [...a.corp.users.values()];
    const named = users.find((u) => !a.admins.includes(u.userid))!;
    const res = await h.t.http.get('/api/v1/members').query({ q: named.name }).set(bearer(token)).expect(200);
    expect(res.body.items.map((m: { hostUserId: string }) => m.hostUserId)).toContain(named.userid);
    expect(res.body.items.every((m: { hostUserId: string }) => users.find((u) => u.userid === m.hostUserId)!.name.includes(named.name))).toBe(true);
    // Fuzzy, like the host: a surname finds everyone who has it.
    const surname = named.name[0];
    const fuzzy = await h.t.http.get('/api/v1/members').query({ q: surname }).set(bearer(token)).expect(200);
    expect(fuzzy.body.items.map((m: { hostUserId: string }) => m.hostUserId).sort()).toEqual(users.filter((u) => u.name.includes(surname)).map((u) => u.userid).sort());
    // Combined with the other filters; nobody matches → an empty page, not an error.
    await h.t.http.get('/api/v1/members').query({ q: named.name, role: 'admin' }).set(bearer(token)).expect(200, { items: [], nextCursor: null });
    await h.t.http.get('/api/v1/members').query({ q: '不存在的人' }).set(bearer(token)).expect(200, { items: [], nextCursor: null });
    expect(h.sandbox.state.calls.get('service/contact/search')).toBeGreaterThanOrEqual(3);
  });

  it('never returns people of another enterprise whose names match', async () => {
    const a = await installCorp(h, { members: 3 });
    const b = await installCorp(h, { members: 3 });
    const token = await adminToken(a.tenantId, a.members.get(a.admins[0])!);
    const everyone = [...new Set([...a.corp.users.values(), ...b.corp.users.values()].map((u) => u.name[0]))];
    const res = { body: { items: [] as Array<{ id: string }> } };
    for (const q of everyone) res.body.items.push(...(await h.t.http.get('/api/v1/members').query({ q }).set(bearer(token)).expect(200)).body.items);
    const ids = [...new Set(res.body.items.map((m: { id: string }) => m.id))];
    expect(ids.sort()).toEqual([...a.members.values()].sort());
    expect(ids.some((id: string) => [...b.members.values()].includes(id))).toBe(false);
  });

  it('finds directly registered people by their own name', async () => {
    const t = await createTenant(h.t);
    const m = await createMember(h.t, t.id);
    await h.t.deps.db.prisma.member.update({ where: { id: m.id }, data: { name: '王小明' } });
    const res = await h.t.http.get('/api/v1/members').query({ q: '小明' }).set(bearer(t.admin.token)).expect(200);
    expect(res.body.items.map((x: { id: string; name: string }) => [x.id, x.name])).toEqual([[m.id, '王小明']]);
  });

  it('401, 403, 400 and fuzz', async () => {
    const t = await createTenant(h.t);
    await h.t.http.get('/api/v1/members').query({ q: '张' }).expect(401);
    const m = await createMember(h.t, t.id);
    await h.t.deps.db.prisma.member.update({ where: { id: m.id }, data: { name: '张三' } });
    await h.t.http.get('/api/v1/members').query({ q: '张' }).set(bearer(m.token)).expect(403);
    for (const q of ['', '   ', 'x'.repeat(65), '长'.repeat(100)]) {
      const res = await h.t.http.get('/api/v1/members').query({ q }).set(bearer(t.admin.token)).expect(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    for (const q of ['__proto__', "'; drop table members; --", '%', '_', '{"$ne":1}']) {
      await h.t.http.get('/api/v1/members').query({ q }).set(bearer(t.admin.token)).expect(200, { items: [], nextCursor: null });
    }
    const twice = await h.t.http.get('/api/v1/members?q=a&q=b').set(bearer(t.admin.token));
    expect(twice.status).toBe(400);
  });

  it('another enterprise asking for a member by id gets 404', async () => {
    const t = await createTenant(h.t);
    await expectOtherTenantGets404(h.t, { method: 'get', url: `/api/v1/members/${t.admin.id}` });
  });

  it('the host being down answers 502 in the envelope, not 500', async () => {
    const a = await installCorp(h, { members: 2 });
    const token = await adminToken(a.tenantId, a.members.get(a.admins[0])!);
    h.sandbox.state.injections.push({ errcode: 60011, path: 'service/contact/search', remaining: 1 });
    const res = await h.t.http.get('/api/v1/members').query({ q: '王' }).set(bearer(token));
    expect(res.status).toBe(502);
    expect(res.body.error.code).toBe('host_unavailable');
  });
});

describe('GET /dev/sandbox/names (the open-data stand-in in development)', () => {
  it('answers the names the host would draw, for people and for departments', async () => {
    const a = await installCorp(h, { members: 3, departments: 2 });
    const user = [...a.corp.users.values()][0];
    const [hostDeptId, deptId] = [...a.departments].find(([id]) => id !== 1)!;
    // Development routes answer this machine only: a plain client, without the test agent's forwarded address.
    const local = supertest(h.t.app.callback());
    const res = await local.get('/dev/sandbox/names').query({ ids: `${user.userid},nobody`, departments: `${deptId},nothing` }).expect(200);
    expect(res.body).toEqual({ names: { [user.userid]: user.name }, departments: { [deptId]: a.corp.depts.get(hostDeptId)!.name } });
    await local.get('/dev/sandbox/names').query({ ids: 'x'.repeat(9000) }).expect(400);
  });
});
