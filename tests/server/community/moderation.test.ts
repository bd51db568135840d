/**
 * Moderation through HTTP: report → queue → hide → author notified → appeal → restore; the
 * penalties ladder escalates and expires; member_suspended on every write route; evidence survives
 * deletion and account cancellation and is exported by platform staff only.
 */
import { startTestApp, bearer, staff, type TestApp } from '../../support/test-app';
import { createMember, createTenant } from '../../factories';
import { runModerationDaily } from '../../../server/src/modules/moderation/jobs';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

async function setup() {
  const tenant = await createTenant(t);
  const author = await createMember(t, tenant.id);
  const colleague = await createMember(t, tenant.id);
  const reporter = await createMember(t, tenant.id);
  const admin = bearer(tenant.admin.token);
  const question = (await t.http.post('/api/v1/community/posts').set(bearer(author.token)).send({ kind: 'question', title: '怎么请假', body: '请假流程是什么' }).expect(201)).body.post;
  return { tenant, author, colleague, reporter, admin, question };
}

const inboxOf = (memberId: string) => t.deps.db.prisma.notification.findMany({ where: { memberId }, orderBy: { createdAt: 'asc' } });

describe('reports and the review queue', () => {
  it('report → queue → hide → author notified → appeal → restore, every decision audited', async () => {
    const s = await setup();
    const answer = (await t.http.post(`/api/v1/community/posts/${s.question.id}/replies`).set(bearer(s.colleague.token)).send({ body: '去找老板骂他一顿' }).expect(201)).body.reply;
    const report = { targetType: 'answer', targetId: answer.id, reason: 'harassment', note: '辱骂' };
    expect((await t.http.post('/api/v1/community/reports').set(bearer(s.reporter.token)).send(report).expect(201)).body).toEqual({ reported: true });
    // The same member again: counts once.
    await t.http.post('/api/v1/community/reports').set(bearer(s.reporter.token)).send(report).expect(200);
    await t.http.post('/api/v1/community/reports').set(bearer(s.author.token)).send({ ...report, reason: 'spam' }).expect(201);
    await t.http.post('/api/v1/community/reports').set(bearer(s.colleague.token)).send(report).expect(400); // one's own
    await t.http.post('/api/v1/community/reports').set(bearer(s.reporter.token)).send({ ...report, targetType: 'comment' }).expect(404); // an answer is not a comment

    const queue = await t.http.get('/api/v1/admin/moderation/cases').set(s.admin).expect(200);
    expect(queue.body.items).toEqual([expect.objectContaining({ kind: 'report', targetType: 'answer', targetId: answer.id, reportCount: 2, subjectId: s.colleague.id })]);
    const caseId = queue.body.items[0].id;
    await t.http.get('/api/v1/admin/moderation/cases').set(bearer(s.reporter.token)).expect(403);
    const detail = await t.http.get(`/api/v1/admin/moderation/cases/${caseId}`).set(s.admin).expect(200);
    expect(detail.body.target).toMatchObject({ text: '去找老板骂他一顿', status: 'published', authorId: s.colleague.id });
    expect(detail.body.reports.byReason).toEqual(expect.arrayContaining([{ reason: 'harassment', count: 1 }, { reason: 'spam', count: 1 }]));
    expect(JSON.stringify(detail.body)).not.toContain(s.reporter.id); // reporters are never named
    expect(detail.body.evidence).toEqual([expect.objectContaining({ event: 'reported', content: '去找老板骂他一顿' })]);

    await t.http.post(`/api/v1/admin/moderation/cases/${caseId}/decision`).set(s.admin).send({ action: 'hide' }).expect(400);
    const hidden = await t.http.post(`/api/v1/admin/moderation/cases/${caseId}/decision`).set(s.admin).send({ action: 'hide', reason: '人身攻击' }).expect(200);
    expect(hidden.body.case).toMatchObject({ status: 'closed', decision: 'hide', decisionReason: '人身攻击', decidedById: s.tenant.admin.id });
    await t.http.post(`/api/v1/admin/moderation/cases/${caseId}/decision`).set(s.admin).send({ action: 'restore', reason: '再来' }).expect(409);

    // Others no longer see it; its author sees it, marked hidden, and has a notice with reason and appeal path.
    const seen = await t.http.get(`/api/v1/community/posts/${s.question.id}`).set(bearer(s.reporter.token)).expect(200);
    expect(seen.body.replies).toEqual([]);
    expect(seen.body.post.replyCount).toBe(0);
    const own = await t.http.get(`/api/v1/community/posts/${s.question.id}`).set(bearer(s.colleague.token)).expect(200);
    expect(own.body.replies).toEqual([expect.objectContaining({ id: answer.id, status: 'hidden', body: '去找老板骂他一顿' })]);
    const notices = await inboxOf(s.colleague.id);
    expect(notices).toEqual([expect.objectContaining({ kind: 'moderation.hide', body: expect.stringContaining('人身攻击') })]);
    expect(notices[0].body).toContain('申诉');
    expect(JSON.stringify(notices)).not.toContain(s.reporter.id);

    const appeal = await t.http.post('/api/v1/community/appeals').set(bearer(s.colleague.token)).send({ targetType: 'answer', targetId: answer.id, text: '只是开玩笑' }).expect(201);
    expect(appeal.body.appeal).toMatchObject({ status: 'open', text: '只是开玩笑' });
    await t.http.post('/api/v1/community/appeals').set(bearer(s.colleague.token)).send({ targetType: 'answer', targetId: answer.id, text: '再申诉' }).expect(409);
    await t.http.post('/api/v1/community/appeals').set(bearer(s.reporter.token)).send({ targetType: 'answer', targetId: answer.id, text: '不是我的' }).expect(404);
    const appealCase = (await t.http.get('/api/v1/admin/moderation/cases?kind=appeal').set(s.admin).expect(200)).body.items[0];
    await t.http.post(`/api/v1/admin/moderation/cases/${appealCase.id}/decision`).set(s.admin).send({ action: 'restore', reason: '语气不当但不构成攻击' }).expect(200);
    expect((await t.http.get(`/api/v1/community/posts/${s.question.id}`).set(bearer(s.reporter.token)).expect(200)).body.replies).toEqual([expect.objectContaining({ id: answer.id, body: '去找老板骂他一顿' })]);
    expect((await t.http.get('/api/v1/community/appeals').set(bearer(s.colleague.token)).expect(200)).body.items[0]).toMatchObject({ decision: 'restore', status: 'closed' });
    expect((await inboxOf(s.colleague.id)).map((n) => n.kind)).toEqual(expect.arrayContaining(['moderation.hide', 'moderation.restore', 'moderation.appeal_decided']));

    const audits = await t.deps.db.prisma.auditLog.findMany({ where: { tenantId: s.tenant.id, action: 'moderation.case.decide' }, orderBy: { createdAt: 'asc' } });
    expect(audits.map((a) => [a.actorId, (a.details as { decision: string }).decision])).toEqual([[s.tenant.admin.id, 'hide'], [s.tenant.admin.id, 'restore']]);
  });

  it('soft delete keeps the text and its history as evidence, also after the author deletes it or cancels the account', async () => {
    const s = await setup();
    await t.http.post('/api/v1/community/reports').set(bearer(s.reporter.token)).send({ targetType: 'question', targetId: s.question.id, reason: 'spam' }).expect(201);
    const c = (await t.http.get('/api/v1/admin/moderation/cases').set(s.admin).expect(200)).body.items[0];
    await t.http.post(`/api/v1/admin/moderation/cases/${c.id}/decision`).set(s.admin).send({ action: 'delete', reason: '广告' }).expect(200);
    await t.http.get(`/api/v1/community/posts/${s.question.id}`).set(bearer(s.author.token)).expect(404);
    await t.http.post('/api/v1/community/appeals').set(bearer(s.author.token)).send({ targetType: 'question', targetId: s.question.id, text: '不是广告' }).expect(201);

    // The author's account is cancelled: the evidence stays, naming the member id only; nothing of theirs stays public.
    const other = (await t.http.post('/api/v1/community/posts').set(bearer(s.author.token)).send({ kind: 'question', title: '另一个问题', body: '' }).expect(201)).body.post;
    await t.http.post('/api/v1/me/cancellation').set(bearer(s.author.token)).send({}).expect(200);
    await t.http.get(`/api/v1/community/posts/${other.id}`).set(bearer(s.reporter.token)).expect(404);
    const exported = await t.http.get(`/platform/v1/tenants/${s.tenant.id}/moderation/evidence`).set(staff()).expect(200);
    expect(exported.body.items.map((e: { event: string }) => e.event)).toEqual(['reported', 'deleted']);
    expect(exported.body.items[0]).toMatchObject({ content: '怎么请假\n请假流程是什么', authorId: s.author.id, targetId: s.question.id });
    expect(exported.body.reports).toEqual([expect.objectContaining({ reporterId: s.reporter.id, reason: 'spam' })]);
    expect(exported.body.decisions).toEqual([expect.objectContaining({ action: 'moderation.case.decide', actorId: s.tenant.admin.id })]);
    expect(await t.deps.db.prisma.communityPost.findUnique({ where: { id: s.question.id } })).toMatchObject({ status: 'deleted', body: '请假流程是什么' });
    await t.http.get(`/platform/v1/tenants/${s.tenant.id}/moderation/evidence`).set(s.admin).expect(401);
    expect((await t.deps.db.prisma.auditLog.count({ where: { tenantId: s.tenant.id, action: 'moderation.evidence.export' } }))).toBe(1);
  });

  it('evidence outlives its retention while the case is open, and goes after it closes', async () => {
    const s = await setup();
    await t.http.post('/api/v1/community/reports').set(bearer(s.reporter.token)).send({ targetType: 'question', targetId: s.question.id, reason: 'other' }).expect(201);
    const past = new Date(Date.now() - 1000);
    await t.deps.db.prisma.moderationEvidence.updateMany({ where: { tenantId: s.tenant.id }, data: { retainUntil: past } });
    await runModerationDaily(t.deps, null);
    expect(await t.deps.db.prisma.moderationEvidence.count({ where: { tenantId: s.tenant.id } })).toBe(1);
    const c = (await t.http.get('/api/v1/admin/moderation/cases').set(s.admin).expect(200)).body.items[0];
    await t.http.post(`/api/v1/admin/moderation/cases/${c.id}/decision`).set(s.admin).send({ action: 'dismiss', reason: '正常提问' }).expect(200);
    await runModerationDaily(t.deps, null);
    expect(await t.deps.db.prisma.moderationEvidence.count({ where: { tenantId: s.tenant.id } })).toBe(0);
    expect(t.deps.config.COMMUNITY_EVIDENCE_RETENTION_DAYS).toBeGreaterThanOrEqual(180);
  });
});

describe('the penalties ladder', () => {
  it('escalates warning → restriction → suspension → termination, notifies with reason and appeal path', async () => {
    const s = await setup();
    const m = s.colleague.id;
    const kinds: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.http.post('/api/v1/admin/moderation/penalties').set(s.admin).send({ memberId: m, reason: `第${i + 1}次违规` }).expect(201);
      kinds.push(res.body.penalty.kind);
    }
    expect(kinds).toEqual(['warning', 'restriction', 'suspension', 'termination', 'termination']);
    const notices = await inboxOf(m);
    expect(notices).toHaveLength(5);
    expect(notices[1].body).toContain('第2次违规');
    expect(notices[1].body).toContain('申诉');
    // The restriction's end in China time (the enterprise's zone), never a UTC timestamp.
    expect(notices[1].body).toMatch(/至 \d{4}-\d{2}-\d{2} \d{2}:\d{2} /);
    expect(notices[1].body).not.toMatch(/\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
    await t.http.post('/api/v1/admin/moderation/penalties').set(s.admin).send({ memberId: s.tenant.admin.id, reason: 'x' }).expect(400);
    await t.http.post('/api/v1/admin/moderation/penalties').set(bearer(s.author.token)).send({ memberId: m, reason: 'x' }).expect(403);
    expect((await t.deps.db.prisma.auditLog.count({ where: { tenantId: s.tenant.id, action: 'moderation.penalty.impose' } }))).toBe(5);
  });

  it('a restriction stops posting; it expires by the job and the member is told', async () => {
    const s = await setup();
    const p = (await t.http.post('/api/v1/admin/moderation/penalties').set(s.admin).send({ memberId: s.author.id, kind: 'restriction', days: 3, reason: '刷屏' }).expect(201)).body.penalty;
    const refused = await t.http.post('/api/v1/community/posts').set(bearer(s.author.token)).send({ kind: 'question', title: '还能发吗', body: '' }).expect(403);
    expect(refused.body.error).toMatchObject({ code: 'posting_restricted', details: { until: p.endsAt } });
    await t.http.put(`/api/v1/community/posts/${s.question.id}/like`).set(bearer(s.author.token)).expect(200); // only publishing is restricted
    await t.deps.db.prisma.memberPenalty.update({ where: { id: p.id }, data: { endsAt: new Date(Date.now() - 1000) } });
    await t.http.post('/api/v1/community/posts').set(bearer(s.author.token)).send({ kind: 'question', title: '到期了', body: '' }).expect(201);
    expect(await runModerationDaily(t.deps, s.tenant.id)).toMatchObject({ expired: 1 });
    expect((await t.http.get('/api/v1/community/penalties').set(bearer(s.author.token)).expect(200)).body.items[0]).toMatchObject({ id: p.id, status: 'expired' });
    expect((await inboxOf(s.author.id)).map((n) => n.kind)).toEqual(['moderation.penalty', 'moderation.penalty_expired']);
  });

  it('a suspended member gets 403 member_suspended on write routes of every module, may still read and appeal; lifted on appeal', async () => {
    const s = await setup();
    const p = (await t.http.post('/api/v1/admin/moderation/penalties').set(s.admin).send({ memberId: s.author.id, kind: 'suspension', days: 7, reason: '多次违规' }).expect(201)).body.penalty;
    const as = bearer(s.author.token);
    for (const [method, url, body] of [
      ['post', '/api/v1/community/posts', { kind: 'question', title: 'x', body: '' }],
      ['put', `/api/v1/community/posts/${s.question.id}/like`, undefined],
      ['post', '/api/v1/spaces', { name: '新知识库' }],
      ['post', '/api/v1/community/reports', { targetType: 'question', targetId: s.question.id, reason: 'spam' }],
      ['put', '/api/v1/me/password', { password: 'whatever-123' }],
    ] as const) {
      const res = await t.http[method](url).set(as).send(body as object);
      expect([url, res.status, res.body.error?.code]).toEqual([url, 403, 'member_suspended']);
    }
    await t.http.get('/api/v1/community/posts').set(as).expect(200);
    expect((await t.http.get('/api/v1/community/penalties').set(as).expect(200)).body.items[0]).toMatchObject({ kind: 'suspension', status: 'active', reason: '多次违规' });
    await t.http.post('/api/v1/community/appeals').set(as).send({ targetType: 'penalty', targetId: p.id, text: '请求复核' }).expect(201);
    const c = (await t.http.get('/api/v1/admin/moderation/cases?kind=appeal').set(s.admin).expect(200)).body.items[0];
    expect(c).toMatchObject({ targetType: 'penalty', targetId: p.id, subjectId: s.author.id, appealText: '请求复核' });
    await t.http.post(`/api/v1/admin/moderation/cases/${c.id}/decision`).set(s.admin).send({ action: 'restore', reason: '证据不足' }).expect(200);
    await t.http.post('/api/v1/community/posts').set(as).send({ kind: 'question', title: '恢复了', body: '' }).expect(201);
    expect((await t.http.get('/api/v1/community/penalties').set(as).expect(200)).body.items[0].status).toBe('revoked');
  });

  it('a suspension ends on time; termination has no end; IP bans stop publishing from the address', async () => {
    const s = await setup();
    const p = (await t.http.post('/api/v1/admin/moderation/penalties').set(s.admin).send({ memberId: s.author.id, kind: 'suspension', days: 1, reason: '违规' }).expect(201)).body.penalty;
    await t.deps.db.prisma.member.update({ where: { id: s.author.id }, data: { suspendedUntil: new Date(Date.now() - 1000) } });
    await t.deps.db.prisma.memberPenalty.update({ where: { id: p.id }, data: { endsAt: new Date(Date.now() - 1000) } });
    await t.http.post('/api/v1/community/posts').set(bearer(s.author.token)).send({ kind: 'question', title: '到期', body: '' }).expect(201);
    await runModerationDaily(t.deps, s.tenant.id);
    expect((await t.deps.db.prisma.member.findUnique({ where: { id: s.author.id } }))!.suspendedUntil).toBeNull();

    await t.http.post('/api/v1/admin/moderation/penalties').set(s.admin).send({ memberId: s.colleague.id, kind: 'termination', reason: '严重违规' }).expect(201);
    const res = await t.http.post('/api/v1/community/posts').set(bearer(s.colleague.token)).send({ kind: 'question', title: 'x', body: '' }).expect(403);
    expect(res.body.error).toMatchObject({ code: 'member_suspended', details: { until: null } });

    const ban = await t.http.post('/api/v1/admin/moderation/ip-bans').set(s.admin).send({ ip: '10.9.8.7', reason: '恶意灌水', days: 30 }).expect(201);
    await t.http.post('/api/v1/admin/moderation/ip-bans').set(s.admin).send({ ip: 'not-an-ip', reason: 'x' }).expect(400);
    const banned = await t.http.post('/api/v1/community/posts').set(bearer(s.reporter.token)).set('X-Forwarded-For', '10.9.8.7').send({ kind: 'question', title: 'x', body: '' });
    expect([banned.status, banned.body.error?.code]).toEqual([403, 'ip_banned']);
    await t.http.delete(`/api/v1/admin/moderation/ip-bans/${ban.body.ipBan.id}`).set(s.admin).expect(204);
    await t.http.post('/api/v1/community/posts').set(bearer(s.reporter.token)).set('X-Forwarded-For', '10.9.8.7').send({ kind: 'question', title: 'x', body: '' }).expect(201);
  });
});
