import { bearer } from '../../support/test-app';
import { createMember, createTenant } from '../../factories';
import { expectOtherTenantGets404 } from '../../support/isolation';
import { createSession } from '../../../server/src/core/auth/sessions';
import { installCorp, nonAdmins, sandboxGet, startWithSandbox, type HostHarness, type InstalledCorp } from '../accounts/host-harness';

let h: HostHarness;
beforeAll(async () => (h = await startWithSandbox()));
afterAll(() => h.close());

const card = { kind: 'textcard', title: '培训提醒', description: '《安全生产》将于周五截止', url: 'https://qixue.example.com/tasks/1' } as const;

async function adminToken(c: InstalledCorp) {
  const { token } = await createSession(h.t.deps.db.prisma, { tenantId: c.tenantId, memberId: c.members.get(c.admins[0])!, method: 'test', ttlHours: 1 });
  return token;
}

async function delivered(c: InstalledCorp, userid: string) {
  return (await sandboxGet(h, `/sandbox/corps/${c.corp.corpid}/members/${userid}/messages`)) as { messages: { msgtype: string; content: Record<string, unknown> }[]; dropped: unknown[] };
}

describe('sending app messages', () => {
  it('delivers a text card to members and departments, and records each recipient as sent', async () => {
    const c = await installCorp(h, { members: 8, departments: 3 });
    const token = await adminToken(c);
    const [u1] = nonAdmins(c);
    const dept = [...c.corp.depts.values()].find((d) => d.id !== 1 && [...c.corp.users.values()].some((u) => u.department.includes(d.id)))!;
    const res = await h.t.http.post('/api/v1/admin/messages').set(bearer(token))
      .send({ memberIds: [c.members.get(u1)], departmentIds: [c.departments.get(dept.id)], card }).expect(201);
    const inDept = [...c.corp.users.values()].filter((u) => u.department.includes(dept.id) || isUnder(c, u.department, dept.id)).map((u) => u.userid);
    const expected = new Set([u1, ...inDept]);
    expect(res.body.outcomes.sent).toBe(expected.size);
    expect(res.body.message).toMatchObject({ kind: 'textcard', title: '培训提醒', recipientCount: expected.size, sentCount: expected.size, source: 'admin' });
    for (const userid of expected) {
      const box = await delivered(c, userid);
      expect(box.messages).toHaveLength(1);
      expect(box.messages[0]).toMatchObject({ msgtype: 'textcard', content: { title: '培训提醒', url: card.url } });
    }
    const recipients = await h.t.http.get(`/api/v1/admin/messages/${res.body.message.id}/recipients`).set(bearer(token)).expect(200);
    expect(recipients.body.items.map((r: { hostUserId: string }) => r.hostUserId).sort()).toEqual([...expected].sort());
    expect(new Set(recipients.body.items.map((r: { outcome: string }) => r.outcome))).toEqual(new Set(['sent']));
    const list = await h.t.http.get('/api/v1/admin/messages').set(bearer(token)).expect(200);
    expect(list.body.items[0].id).toBe(res.body.message.id);
    const one = await h.t.http.get(`/api/v1/admin/messages/${res.body.message.id}`).set(bearer(token)).expect(200);
    expect(one.body.outcomes).toEqual({ sent: expected.size });
  });

  it('template cards and mini-program notices go out in the host’s shapes', async () => {
    const c = await installCorp(h);
    const [u] = nonAdmins(c);
    const memberId = c.members.get(u)!;
    await h.t.deps.messenger.send(c.tenantId, { memberIds: [memberId], source: 'training.reminder', card: { kind: 'template_card', title: '考试结果', description: '已通过', pagePath: 'pages/exam/result' } });
    await h.t.deps.messenger.send(c.tenantId, { memberIds: [memberId], source: 'training.reminder', card: { kind: 'miniprogram_notice', title: '任务到期', items: [{ key: '任务', value: '安全生产' }] } });
    const box = await delivered(c, u);
    expect(box.messages.map((m) => m.msgtype)).toEqual(['template_card', 'miniprogram_notice']);
    expect(box.messages[0].content).toMatchObject({ card_type: 'text_notice', main_title: { title: '考试结果', desc: '已通过' }, card_action: { type: 2, pagepath: 'pages/exam/result' } });
    expect(box.messages[1].content).toMatchObject({ title: '任务到期', content_item: [{ key: '任务', value: '安全生产' }] });
  });

  it('caps 30 a minute per member: the 31st is recorded as capped and never reaches the host', async () => {
    const c = await installCorp(h);
    const [u, other] = nonAdmins(c);
    const results = [];
    for (let i = 0; i < 31; i++) results.push(await h.t.deps.messenger.send(c.tenantId, { memberIds: [c.members.get(u)!], source: 'test', card }));
    expect(results.slice(0, 30).every((r) => r.outcomes.sent === 1)).toBe(true);
    expect(results[30].outcomes).toMatchObject({ sent: 0, capped_minute: 1 });
    expect((await delivered(c, u)).messages).toHaveLength(30);
    // Others are not affected.
    const ok = await h.t.deps.messenger.send(c.tenantId, { memberIds: [c.members.get(u)!, c.members.get(other)!], source: 'test', card });
    expect(ok.outcomes).toMatchObject({ sent: 1, capped_minute: 1 });
  });

  it('caps 1,000 an hour per member and seat cap × 200 a day per enterprise', async () => {
    const c = await installCorp(h, { members: 10 });
    const [u, v, w] = nonAdmins(c);
    const { prisma } = h.t.deps.db;
    const message = await prisma.appMessage.create({ data: { tenantId: c.tenantId, kind: 'textcard', title: 'old', payload: card, source: 'test' }, select: { id: true } });
    const past = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
    const history = (userid: string, n: number, at: Date) =>
      prisma.appMessageRecipient.createMany({ data: Array.from({ length: n }, () => ({ tenantId: c.tenantId, messageId: message.id, memberId: c.members.get(userid)!, outcome: 'sent' as const, createdAt: at })) });
    // 1,000 sent to u in the last hour, none in the last minute.
    await history(u, 1000, past(5));
    const hour = await h.t.deps.messenger.send(c.tenantId, { memberIds: [c.members.get(u)!, c.members.get(v)!], source: 'test', card });
    expect(hour.outcomes).toMatchObject({ sent: 1, capped_hour: 1 });
    // 10 seats × 200 = 2,000 person-times a day; with 1,000 more to w earlier today, the day is used up.
    const earlier = past(90);
    const todayStart = new Date(Math.floor((Date.now() + 8 * 3600_000) / 86_400_000) * 86_400_000 - 8 * 3600_000);
    if (earlier < todayStart) return; // the host's day began less than 90 minutes ago
    await history(w, 999, earlier);
    const day = await h.t.deps.messenger.send(c.tenantId, { memberIds: [c.members.get(v)!, c.members.get(w)!], source: 'test', card });
    expect(day.outcomes).toMatchObject({ sent: 0, capped_day: 2 });
    const rows = await prisma.appMessageRecipient.findMany({ where: { messageId: day.messageId }, select: { outcome: true } });
    expect(rows.map((r) => r.outcome)).toEqual(['capped_day', 'capped_day']);
  });

  it('records invalid and inactive recipients; all invalid (81013) sends nothing', async () => {
    const c = await installCorp(h);
    const [u, gone, left] = nonAdmins(c);
    const { prisma } = h.t.deps.db;
    // gone: removed in WeCom but not yet in Qixue → the host answers invaliduser.
    const goneUser = c.corp.users.get(c.corp.byExternalId.get(gone)!)!;
    goneUser.status = 5;
    await prisma.member.update({ where: { id: c.members.get(left)! }, data: { status: 'left' } });
    const mixed = await h.t.deps.messenger.send(c.tenantId, { memberIds: [u, gone, left].map((x) => c.members.get(x)!), source: 'test', card });
    expect(mixed.outcomes).toMatchObject({ sent: 1, invalid_user: 1, inactive: 1 });
    const all = await h.t.deps.messenger.send(c.tenantId, { memberIds: [c.members.get(gone)!], source: 'test', card });
    expect(all.outcomes).toMatchObject({ sent: 0, invalid_user: 1 });
    const rows = await prisma.appMessageRecipient.findMany({ where: { messageId: all.messageId } });
    expect(rows.map((r) => [r.outcome, r.errcode])).toEqual([['invalid_user', 81013]]);
  });

  it('refuses an enterprise without WeCom', async () => {
    const a = await createTenant(h.t);
    const res = await h.t.http.post('/api/v1/admin/messages').set(bearer(a.admin.token)).send({ memberIds: [a.admin.id], card }).expect(422);
    expect(res.body.error.code).toBe('wecom_not_connected');
  });
});

describe('message routes', () => {
  it('401 without a session, 403 for members, 400 on bad input', async () => {
    const c = await installCorp(h);
    await h.t.http.get('/api/v1/admin/messages').expect(401);
    await h.t.http.post('/api/v1/admin/messages').send({ memberIds: ['x'], card }).expect(401);
    const member = await createMember(h.t, c.tenantId);
    await h.t.http.get('/api/v1/admin/messages').set(bearer(member.token)).expect(403);
    const token = await adminToken(c);
    await h.t.http.post('/api/v1/admin/messages').set(bearer(token)).send({ card }).expect(400);
    await h.t.http.post('/api/v1/admin/messages').set(bearer(token)).send({ memberIds: [member.id], card: { kind: 'textcard', title: 'x' } }).expect(400);
    await h.t.http.get('/api/v1/admin/messages/x/recipients?outcome=lost').set(bearer(token)).expect(400);
  });

  it('another enterprise gets 404 for a message, its recipients, and for messaging its people', async () => {
    const c = await installCorp(h);
    const token = await adminToken(c);
    const [u] = nonAdmins(c);
    const sent = await h.t.http.post('/api/v1/admin/messages').set(bearer(token)).send({ memberIds: [c.members.get(u)], card }).expect(201);
    await expectOtherTenantGets404(h.t, { method: 'get', url: `/api/v1/admin/messages/${sent.body.message.id}` });
    await expectOtherTenantGets404(h.t, { method: 'get', url: `/api/v1/admin/messages/${sent.body.message.id}/recipients` });
    const before = (await delivered(c, u)).messages.length;
    await expectOtherTenantGets404(h.t, { method: 'post', url: '/api/v1/admin/messages', body: { memberIds: [c.members.get(u)], card } });
    await expectOtherTenantGets404(h.t, { method: 'post', url: '/api/v1/admin/messages', body: { departmentIds: [c.departments.get(1)], card } });
    expect((await delivered(c, u)).messages.length).toBe(before);
  });
});

describe('the sandbox message/send', () => {
  it('answers like the host: wrong agentid 301002, partly invalid errcode 0 with invaliduser, all invalid 81013, excess dropped', async () => {
    const c = await installCorp(h);
    const [u] = nonAdmins(c);
    const send = (body: Record<string, unknown>) => h.t.deps.wecom.corpPost(c.tenantId, 'message/send', { msgtype: 'textcard', agentid: c.agentId, textcard: { title: 't', description: 'd', url: 'https://x.example.com' }, ...body });
    await expect(send({ touser: u, agentid: c.agentId + 1 })).rejects.toMatchObject({ errcode: 301002 });
    const partly = await send({ touser: `${u}|nobody`, toparty: '999' });
    expect(partly).toMatchObject({ errcode: 0, invaliduser: 'nobody', invalidparty: '999' });
    expect(partly.msgid).toBeTruthy();
    await expect(send({ touser: 'nobody|nobody2' })).rejects.toMatchObject({ errcode: 81013 });
    for (let i = 0; i < 31; i++) expect((await send({ touser: u })).errcode).toBe(0);
    const box = await delivered(c, u);
    expect(box.messages).toHaveLength(30);
    expect(box.dropped).toHaveLength(2);
  });
});

function isUnder(c: InstalledCorp, departments: number[], root: number): boolean {
  return departments.some((d) => {
    for (let cur = c.corp.depts.get(d); cur && cur.id !== cur.parentid && cur.parentid !== 0; cur = c.corp.depts.get(cur.parentid)) {
      if (cur.parentid === root) return true;
    }
    return false;
  });
}
