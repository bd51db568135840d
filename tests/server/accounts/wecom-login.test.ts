import { bearer } from '../../support/test-app';
import { installCorp, nonAdmins, sandboxPost, startWithSandbox, type HostHarness } from './host-harness';

let h: HostHarness;
beforeAll(async () => (h = await startWithSandbox()));
afterAll(() => h.close());

const miniCode = async (corpid: string, userid: string) => String((await sandboxPost(h, `/sandbox/corps/${corpid}/members/${userid}/miniprogram-code`)).code);
const oauthCode = async (corpid: string, userid: string) => String((await sandboxPost(h, `/sandbox/corps/${corpid}/members/${userid}/oauth-code`)).code);
const adminCode = async (corpid: string, userid: string, usertype?: number) =>
  String((await sandboxPost(h, `/sandbox/corps/${corpid}/members/${userid}/admin-login`, usertype ? { usertype } : {})).auth_code);

describe('WeCom mini-program login', () => {
  it('signs the member in to their enterprise; the code works once', async () => {
    const a = await installCorp(h);
    const userid = nonAdmins(a)[0];
    const code = await miniCode(a.corp.corpid, userid);
    const res = await h.t.http.post('/api/v1/auth/wecom/miniprogram').set('User-Agent', 'wxwork-miniprogram').send({ code, deviceId: 'device-abcdefgh' }).expect(200);
    expect(res.body).toMatchObject({ tenant: { id: a.tenantId }, member: { id: a.members.get(userid), role: 'member', hostUserId: userid } });
    const me = await h.t.http.get('/api/v1/me').set(bearer(res.body.token)).expect(200);
    expect(me.body.member.id).toBe(a.members.get(userid));
    const again = await h.t.http.post('/api/v1/auth/wecom/miniprogram').send({ code }).expect(400);
    expect(again.body.error.code).toBe('code_used');
    // The host refuses the code too.
    await expect(h.t.deps.wecom.suiteGet('service/miniprogram/jscode2session', { js_code: code, grant_type: 'authorization_code' })).rejects.toMatchObject({ errcode: 40029 });
    const logs = await h.t.http.get('/api/v1/me/logins').set(bearer(res.body.token)).expect(200);
    expect(logs.body.items[0]).toMatchObject({ method: 'wecom_miniprogram', outcome: 'success', userAgent: 'wxwork-miniprogram', deviceId: 'device-abcdefgh' });
  });

  it('never crosses enterprises, even when host user ids coincide', async () => {
    const a = await installCorp(h);
    const b = await installCorp(h);
    const userid = nonAdmins(a)[0];
    // A member of b with the very same host id: the corp decides, not the id.
    const twin = await h.t.deps.db.prisma.member.create({ data: { tenantId: b.tenantId, hostUserId: userid }, select: { id: true } });
    const res = await h.t.http.post('/api/v1/auth/wecom/miniprogram').send({ code: await miniCode(a.corp.corpid, userid) }).expect(200);
    expect(res.body.tenant.id).toBe(a.tenantId);
    expect(res.body.member.id).not.toBe(twin.id);
    const bUser = nonAdmins(b)[0];
    const resB = await h.t.http.post('/api/v1/auth/wecom/miniprogram').send({ code: await miniCode(b.corp.corpid, bUser) }).expect(200);
    expect(resB.body).toMatchObject({ tenant: { id: b.tenantId }, member: { id: b.members.get(bUser) } });
  });

  it('refuses suspended and uninstalled enterprises, departed members and people Qixue does not know', async () => {
    const a = await installCorp(h);
    const [u1, u2, u3] = nonAdmins(a);
    const { prisma } = h.t.deps.db;
    await prisma.member.update({ where: { id: a.members.get(u1)! }, data: { status: 'left' } });
    expect((await h.t.http.post('/api/v1/auth/wecom/miniprogram').send({ code: await miniCode(a.corp.corpid, u1) }).expect(403)).body.error.code).toBe('member_inactive');
    await prisma.member.delete({ where: { id: a.members.get(u2)! } });
    expect((await h.t.http.post('/api/v1/auth/wecom/miniprogram').send({ code: await miniCode(a.corp.corpid, u2) }).expect(403)).body.error.code).toBe('not_a_member');
    await prisma.tenant.update({ where: { id: a.tenantId }, data: { status: 'suspended' } });
    expect((await h.t.http.post('/api/v1/auth/wecom/miniprogram').send({ code: await miniCode(a.corp.corpid, u3) }).expect(403)).body.error.code).toBe('tenant_suspended');
    await prisma.tenant.update({ where: { id: a.tenantId }, data: { status: 'uninstalled' } });
    expect((await h.t.http.post('/api/v1/auth/wecom/miniprogram').send({ code: await miniCode(a.corp.corpid, u3) }).expect(403)).body.error.code).toBe('tenant_inactive');
    await prisma.tenant.update({ where: { id: a.tenantId }, data: { status: 'active', hostCorpId: null } });
    expect((await h.t.http.post('/api/v1/auth/wecom/miniprogram').send({ code: await miniCode(a.corp.corpid, u3) }).expect(403)).body.error.code).toBe('not_installed');
  });

  it('an unknown code is 401, a missing one 400', async () => {
    const res = await h.t.http.post('/api/v1/auth/wecom/miniprogram').send({ code: 'no-such-code' }).expect(401);
    expect(res.body.error.code).toBe('invalid_code');
    expect((await h.t.http.post('/api/v1/auth/wecom/miniprogram').send({}).expect(400)).body.error.code).toBe('validation_failed');
  });
});

describe('WeCom H5 OAuth', () => {
  it('gives the authorize URL with the suite id as appid', async () => {
    const res = await h.t.http.get('/api/v1/auth/wecom/oauth-url').query({ redirectUri: 'https://qixue.example.com/h5/login', state: 'abc' }).expect(200);
    const url = new URL(res.body.url);
    expect(url.origin + url.pathname).toBe('https://open.weixin.qq.com/connect/oauth2/authorize');
    expect(url.searchParams.get('appid')).toBe(h.t.deps.config.WECOM_SUITE_ID);
    expect(url.searchParams.get('redirect_uri')).toBe('https://qixue.example.com/h5/login');
    expect(url.searchParams.get('scope')).toBe('snsapi_base');
    expect(url.searchParams.get('state')).toBe('abc');
    expect(url.hash).toBe('#wechat_redirect');
    await h.t.http.get('/api/v1/auth/wecom/oauth-url').query({ redirectUri: 'not a url' }).expect(400);
  });

  it('signs in with the code once', async () => {
    const a = await installCorp(h);
    const userid = nonAdmins(a)[1];
    const code = await oauthCode(a.corp.corpid, userid);
    const res = await h.t.http.post('/api/v1/auth/wecom/oauth').send({ code }).expect(200);
    expect(res.body).toMatchObject({ tenant: { id: a.tenantId }, member: { id: a.members.get(userid) } });
    expect((await h.t.http.post('/api/v1/auth/wecom/oauth').send({ code }).expect(400)).body.error.code).toBe('code_used');
    // A mini-program code is not an OAuth code.
    const mini = await miniCode(a.corp.corpid, userid);
    await h.t.http.post('/api/v1/auth/wecom/oauth').send({ code: mini }).expect(401);
    await h.t.http.post('/api/v1/auth/wecom/oauth').send({ code: '' }).expect(400);
  });
});

describe('admin-console SSO', () => {
  it('a WeCom admin gets an admin session', async () => {
    const a = await installCorp(h);
    const admin = a.admins[0];
    const res = await h.t.http.post('/api/v1/auth/wecom/admin-sso').send({ authCode: await adminCode(a.corp.corpid, admin) }).expect(200);
    expect(res.body).toMatchObject({ tenant: { id: a.tenantId }, member: { id: a.members.get(admin), role: 'admin' } });
    await h.t.http.get('/api/v1/members').set(bearer(res.body.token)).expect(200);
    const logs = await h.t.http.get('/api/v1/me/logins').set(bearer(res.body.token)).expect(200);
    expect(logs.body.items[0].method).toBe('admin_sso');
  });

  it('a WeCom member is refused; a WeCom admin who is a Qixue member becomes admin, audited', async () => {
    const a = await installCorp(h);
    const [member, promoted] = nonAdmins(a);
    const refused = await h.t.http.post('/api/v1/auth/wecom/admin-sso').send({ authCode: await adminCode(a.corp.corpid, member) }).expect(403);
    expect(refused.body.error.code).toBe('not_admin');
    const res = await h.t.http.post('/api/v1/auth/wecom/admin-sso').send({ authCode: await adminCode(a.corp.corpid, promoted, 2) }).expect(200);
    expect(res.body.member).toMatchObject({ id: a.members.get(promoted), role: 'admin' });
    const audits = await h.t.http.get('/api/v1/audit-logs').set(bearer(res.body.token)).expect(200);
    expect(audits.body.items.map((x: { action: string }) => x.action)).toContain('member.role.host_admin');
  });

  it('a WeCom admin outside the visible range is added as admin; codes work once', async () => {
    const a = await installCorp(h);
    const admin = a.admins[0];
    await h.t.deps.db.prisma.member.delete({ where: { id: a.members.get(admin)! } });
    const authCode = await adminCode(a.corp.corpid, admin);
    const res = await h.t.http.post('/api/v1/auth/wecom/admin-sso').send({ authCode }).expect(200);
    expect(res.body.member).toMatchObject({ role: 'admin', hostUserId: admin });
    expect(res.body.tenant.id).toBe(a.tenantId);
    expect((await h.t.http.post('/api/v1/auth/wecom/admin-sso').send({ authCode }).expect(400)).body.error.code).toBe('code_used');
    await h.t.http.post('/api/v1/auth/wecom/admin-sso').send({}).expect(400);
  });
});
