import { createHash } from 'node:crypto';
import { bearer } from '../../support/test-app';
import { createTenant } from '../../factories';
import { createSession } from '../../../server/src/core/auth/sessions';
import { loginArea } from '../../../server/sandbox/routes/login';
import { installCorp, nonAdmins, startWithSandbox, type HostHarness } from '../accounts/host-harness';

let h: HostHarness;
beforeAll(async () => (h = await startWithSandbox()));
afterAll(() => h.close());

const sha1 = (s: string) => createHash('sha1').update(s).digest('hex');

describe('GET /api/v1/wecom/jssdk-config', () => {
  it('signs the page URL without its # part with the corp and agent tickets, fetched once and cached', async () => {
    const c = await installCorp(h);
    const memberId = c.members.get(nonAdmins(c)[0])!;
    const { token } = await createSession(h.t.deps.db.prisma, { tenantId: c.tenantId, memberId, method: 'test', ttlHours: 1 });
    const url = 'https://qixue.example.com/h5/course?id=1#/chapter/2';
    const calls = () => [h.sandbox.state.calls.get('get_jsapi_ticket') ?? 0, h.sandbox.state.calls.get('ticket/get') ?? 0];
    const before = calls();
    const res = await h.t.http.get('/api/v1/wecom/jssdk-config').query({ url }).set(bearer(token)).expect(200);
    expect(res.body).toMatchObject({ corpId: c.corp.corpid, agentId: c.agentId });
    const tickets = loginArea(h.sandbox.state).tickets;
    const corpTicket = tickets.get(`${c.corp.corpid}:jsapi`)!.ticket;
    const agentTicket = tickets.get(`${c.corp.corpid}:agent_config`)!.ticket;
    const page = 'https://qixue.example.com/h5/course?id=1';
    for (const [sig, ticket] of [[res.body.config, corpTicket], [res.body.agentConfig, agentTicket]] as const) {
      expect(sig.signature).toBe(sha1(`jsapi_ticket=${ticket}&noncestr=${sig.nonceStr}&timestamp=${sig.timestamp}&url=${page}`));
    }
    await h.t.http.get('/api/v1/wecom/jssdk-config').query({ url: page }).set(bearer(token)).expect(200);
    const after = calls();
    expect([after[0] - before[0], after[1] - before[1]]).toEqual([1, 1]);
  });

  it('401 without a session, 400 without a URL, 422 without WeCom', async () => {
    await h.t.http.get('/api/v1/wecom/jssdk-config').query({ url: 'https://x.example.com/' }).expect(401);
    const a = await createTenant(h.t);
    await h.t.http.get('/api/v1/wecom/jssdk-config').set(bearer(a.admin.token)).expect(400);
    await h.t.http.get('/api/v1/wecom/jssdk-config').query({ url: 'javascript:alert(1)' }).set(bearer(a.admin.token)).expect(400);
    const res = await h.t.http.get('/api/v1/wecom/jssdk-config').query({ url: 'https://x.example.com/' }).set(bearer(a.admin.token)).expect(422);
    expect(res.body.error.code).toBe('wecom_not_connected');
  });

  it('signs only for the caller’s own enterprise', async () => {
    const a = await installCorp(h);
    const b = await installCorp(h);
    const { token } = await createSession(h.t.deps.db.prisma, { tenantId: b.tenantId, memberId: b.members.get(b.admins[0])!, method: 'test', ttlHours: 1 });
    const res = await h.t.http.get('/api/v1/wecom/jssdk-config').query({ url: 'https://x.example.com/' }).set(bearer(token)).expect(200);
    expect(res.body.corpId).toBe(b.corp.corpid);
    expect(res.body.corpId).not.toBe(a.corp.corpid);
  });
});
