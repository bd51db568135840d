import { bearer } from '../../support/test-app';
import { createMember, createTenant } from '../../factories';
import { expectOtherTenantGets404 } from '../../support/isolation';
import { sandboxGet, sandboxPost, startWithSandbox, type HostHarness } from './host-harness';
import { newPhone } from './helpers';

let h: HostHarness;
beforeAll(async () => (h = await startWithSandbox()));
afterAll(() => h.close());

const loginCode = async (openid?: string) => sandboxPost(h, '/sandbox/wechat/login-code', openid ? { openid } : {}) as Promise<{ code: string; openid: string }>;
const phoneCode = async (phone: string) => String((await sandboxPost(h, '/sandbox/wechat/phone-code', { phone })).code);

async function invite(adminToken: string, phone: string, extra: Record<string, unknown> = {}) {
  const res = await h.t.http.post('/api/v1/invitations').set(bearer(adminToken)).send({ phone, name: '外部讲师', ...extra }).expect(201);
  return res.body.invitation as { id: string; memberId: string; status: string; phone: string };
}

describe('WeChat mini-program login (invited people)', () => {
  it('first login proves the invited phone, later logins need only wx.login', async () => {
    const a = await createTenant(h.t);
    const phone = newPhone();
    const inv = await invite(a.admin.token, phone);
    expect(inv).toMatchObject({ status: 'pending', phone: `${phone.slice(0, 3)}****${phone.slice(-4)}` });

    const first = await loginCode();
    const need = await h.t.http.post('/api/v1/auth/wechat').send({ code: first.code }).expect(401);
    expect(need.body.error.code).toBe('phone_required');

    const second = await loginCode(first.openid);
    const res = await h.t.http.post('/api/v1/auth/wechat').send({ code: second.code, phoneCode: await phoneCode(phone) }).expect(200);
    expect(res.body).toMatchObject({ tenant: { id: a.id }, member: { id: inv.memberId, role: 'member', name: '外部讲师' } });
    const accepted = await h.t.http.get(`/api/v1/invitations/${inv.id}`).set(bearer(a.admin.token)).expect(200);
    expect(accepted.body.invitation.status).toBe('accepted');

    const third = await loginCode(first.openid);
    const again = await h.t.http.post('/api/v1/auth/wechat').send({ code: third.code }).expect(200);
    expect(again.body.member.id).toBe(inv.memberId);
    expect((await h.t.http.post('/api/v1/auth/wechat').send({ code: third.code }).expect(400)).body.error.code).toBe('code_used');
  });

  it('the host refuses a reused code with 40163', async () => {
    const { code } = await loginCode();
    const query = new URLSearchParams({ appid: h.t.deps.config.WECHAT_APP_ID, secret: h.t.deps.config.WECHAT_APP_SECRET, js_code: code, grant_type: 'authorization_code' });
    const ok = await sandboxGet(h, `/sns/jscode2session?${query}`);
    expect(ok.openid).toBeTruthy();
    expect(ok.errcode).toBeUndefined();
    const reused = await sandboxGet(h, `/sns/jscode2session?${query}`);
    expect(reused.errcode).toBe(40163);
  });

  it('a phone nobody invited is refused; a revoked or expired invitation does not sign in', async () => {
    const a = await createTenant(h.t);
    const stranger = await h.t.http.post('/api/v1/auth/wechat').send({ code: (await loginCode()).code, phoneCode: await phoneCode(newPhone()) }).expect(403);
    expect(stranger.body.error.code).toBe('not_invited');

    const phone = newPhone();
    const inv = await invite(a.admin.token, phone);
    const revoked = await h.t.http.delete(`/api/v1/invitations/${inv.id}`).set(bearer(a.admin.token)).expect(200);
    expect(revoked.body.invitation.status).toBe('revoked');
    await h.t.http.post('/api/v1/auth/wechat').send({ code: (await loginCode()).code, phoneCode: await phoneCode(phone) }).expect(403);

    const late = newPhone();
    const old = await invite(a.admin.token, late);
    await h.t.deps.db.prisma.invitation.update({ where: { id: old.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await h.t.http.post('/api/v1/auth/wechat').send({ code: (await loginCode()).code, phoneCode: await phoneCode(late) }).expect(403);
    const listed = await h.t.http.get('/api/v1/invitations').set(bearer(a.admin.token)).expect(200);
    expect(listed.body.items.map((i: { status: string }) => i.status).sort()).toEqual(['expired', 'revoked']);
  });

  it('invited by two enterprises: chooses among those only, and each login stays in its enterprise', async () => {
    const a = await createTenant(h.t);
    const b = await createTenant(h.t);
    const outsider = await createTenant(h.t);
    const phone = newPhone();
    const ia = await invite(a.admin.token, phone);
    const ib = await invite(b.admin.token, phone);
    const first = await loginCode();
    const choose = await h.t.http.post('/api/v1/auth/wechat').send({ code: first.code, phoneCode: await phoneCode(phone) }).expect(409);
    expect(choose.body.error.code).toBe('tenant_required');
    expect(choose.body.error.details.tenants.map((x: { id: string }) => x.id).sort()).toEqual([a.id, b.id].sort());
    // The phone was proven: the openid alone now offers both.
    const inB = await h.t.http.post('/api/v1/auth/wechat').send({ code: (await loginCode(first.openid)).code, tenantId: b.id }).expect(200);
    expect(inB.body).toMatchObject({ tenant: { id: b.id }, member: { id: ib.memberId } });
    const inA = await h.t.http.post('/api/v1/auth/wechat').send({ code: (await loginCode(first.openid)).code, tenantId: a.id }).expect(200);
    expect(inA.body.member.id).toBe(ia.memberId);
    const nope = await h.t.http.post('/api/v1/auth/wechat').send({ code: (await loginCode(first.openid)).code, tenantId: outsider.id }).expect(403);
    expect(nope.body.error.code).toBe('not_a_member');
  });

  it('a suspended enterprise refuses its invited members', async () => {
    const a = await createTenant(h.t);
    const phone = newPhone();
    await invite(a.admin.token, phone);
    await h.t.deps.db.prisma.tenant.update({ where: { id: a.id }, data: { status: 'suspended' } });
    const res = await h.t.http.post('/api/v1/auth/wechat').send({ code: (await loginCode()).code, phoneCode: await phoneCode(phone) }).expect(403);
    expect(res.body.error.code).toBe('tenant_suspended');
  });

  it('refreshes an expired WeChat token once and completes', async () => {
    const a = await createTenant(h.t);
    const phone = newPhone();
    await invite(a.admin.token, phone);
    // Warm the token, then expire it at the host.
    await h.t.http.post('/api/v1/auth/wechat').send({ code: (await loginCode()).code, phoneCode: await phoneCode(newPhone()) }).expect(403);
    const tokenCalls = async () => Number(((await sandboxGet(h, '/sandbox/wechat/calls')).calls as Record<string, number>)['cgi-bin/stable_token'] ?? 0);
    const before = await tokenCalls();
    expect((await sandboxPost(h, '/sandbox/wechat/expire-token', { errcode: 42001 })).expired).toBe(1);
    await h.t.http.post('/api/v1/auth/wechat').send({ code: (await loginCode()).code, phoneCode: await phoneCode(phone) }).expect(200);
    expect(await tokenCalls()).toBe(before + 1);
  });
});

describe('invitations', () => {
  it('401 without a session, 403 for a member, 400 on bad input, 409 for an existing member', async () => {
    const a = await createTenant(h.t);
    await h.t.http.post('/api/v1/invitations').send({ phone: newPhone(), name: 'x' }).expect(401);
    const phone = newPhone();
    await invite(a.admin.token, phone);
    const m = await createMember(h.t, a.id);
    await h.t.http.post('/api/v1/invitations').set(bearer(m.token)).send({ phone: newPhone(), name: 'x' }).expect(403);
    await h.t.http.get('/api/v1/invitations').set(bearer(m.token)).expect(403);
    const bad = await h.t.http.post('/api/v1/invitations').set(bearer(a.admin.token)).send({ phone: '123', name: 'x' }).expect(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const dup = await h.t.http.post('/api/v1/invitations').set(bearer(a.admin.token)).send({ phone, name: 'again' }).expect(409);
    expect(dup.body.error.code).toBe('already_member');
    await h.t.http.get('/api/v1/invitations?status=nope').set(bearer(a.admin.token)).expect(400);
  });

  it('another enterprise gets 404 for reading or revoking, and the invitation stays', async () => {
    const a = await createTenant(h.t);
    const inv = await invite(a.admin.token, newPhone());
    const row = () => h.t.deps.db.prisma.invitation.findUnique({ where: { id: inv.id } });
    await expectOtherTenantGets404(h.t, { method: 'get', url: `/api/v1/invitations/${inv.id}` });
    await expectOtherTenantGets404(h.t, { method: 'delete', url: `/api/v1/invitations/${inv.id}` }, row);
    const list = await h.t.http.get('/api/v1/invitations').set(bearer((await createTenant(h.t)).admin.token)).expect(200);
    expect(list.body.items).toEqual([]);
  });
});
