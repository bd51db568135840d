import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createMember, createTenant } from '../../factories';
import { expectOtherTenantGets404 } from '../../support/isolation';
import { phraseOf } from '../../../server/src/modules/audit/phrases';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

interface Entry {
  action: string;
  actor: { id: string; hostUserId: string | null } | null;
  phrase: string;
  target: { type: string; title: string | null; person: { id: string } | null } | null;
  targetLabel: string | null;
}

describe('GET /api/v1/audit-logs', () => {
  it('answers newest first, in words, with the actor and target resolved for display', async () => {
    const a = await createTenant(t);
    const admin = bearer(a.admin.token);
    const course = (await t.http.post('/api/v1/courses').set(admin).send({ title: '安全生产' }).expect(201)).body.course;
    await t.http.patch(`/api/v1/courses/${course.id}`).set(admin).send({ title: '安全生产（2026）' }).expect(200);
    const m = await createMember(t, a.id);
    await t.http.put(`/api/v1/members/${m.id}/role`).set(admin).send({ role: 'admin' }).expect(200);

    const res = await t.http.get('/api/v1/audit-logs').set(admin).expect(200);
    const items = res.body.items as Entry[];
    expect(items.map((i) => i.action)).toEqual(['member.role.change', 'course.update', 'course.create']);
    const [role, edit, create] = items;
    expect(edit).toMatchObject({ phrase: '编辑了课程《{target}》', targetLabel: '安全生产（2026）', actor: { id: a.admin.id, hostUserId: a.admin.hostUserId } });
    expect(create.phrase).toBe('创建了课程《{target}》');
    expect(role).toMatchObject({ phrase: '将 {target} 设为管理员', targetLabel: null, target: { type: 'member', person: { id: m.id } } });
    // No raw ids stand in for words: the response names no English action outside `action`.
    expect(JSON.stringify(items.map((i) => i.phrase))).not.toMatch(/[a-z_]+\.[a-z_]+/);
  });

  it('names a deleted target by its kind and filters by actor', async () => {
    const a = await createTenant(t);
    const other = await createMember(t, a.id, { role: 'admin' });
    const course = (await t.http.post('/api/v1/courses').set(bearer(other.token)).send({ title: '临时课程' }).expect(201)).body.course;
    await t.http.post('/api/v1/courses').set(bearer(a.admin.token)).send({ title: '管理员的课程' }).expect(201);
    await t.deps.db.prisma.course.delete({ where: { id: course.id } });
    const mine = await t.http.get('/api/v1/audit-logs').query({ actorId: other.id }).set(bearer(a.admin.token)).expect(200);
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.items[0]).toMatchObject({ targetLabel: '已删除的课程', actor: { id: other.id } });
  });

  it('pages with a cursor', async () => {
    const a = await createTenant(t);
    for (const title of ['一', '二', '三']) await t.http.post('/api/v1/courses').set(bearer(a.admin.token)).send({ title }).expect(201);
    const first = await t.http.get('/api/v1/audit-logs').query({ limit: 2 }).set(bearer(a.admin.token)).expect(200);
    expect(first.body.items.map((i: Entry) => i.targetLabel)).toEqual(['三', '二']);
    const next = await t.http.get('/api/v1/audit-logs').query({ limit: 2, cursor: first.body.nextCursor }).set(bearer(a.admin.token)).expect(200);
    expect(next.body.items.map((i: Entry) => i.targetLabel)).toEqual(['一']);
    expect(next.body.nextCursor).toBeNull();
  });

  it('401 without a session, 403 for a member, 400 for bad input, 404 for another enterprise', async () => {
    const a = await createTenant(t);
    await t.http.get('/api/v1/audit-logs').expect(401);
    const m = await createMember(t, a.id);
    await t.http.get('/api/v1/audit-logs').set(bearer(m.token)).expect(403);
    for (const query of [{ limit: 0 }, { limit: 'many' }, { limit: 201 }, { actorId: 'x'.repeat(65) }, { cursor: 'y'.repeat(100) }]) {
      const res = await t.http.get('/api/v1/audit-logs').query(query).set(bearer(a.admin.token)).expect(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    for (const query of [{ actorId: '__proto__' }, { actorId: 'nobody' }]) {
      await t.http.get('/api/v1/audit-logs').query(query).set(bearer(a.admin.token)).expect(404);
    }
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/audit-logs?actorId=${a.admin.id}` });
  });

  it('never shows another enterprise its entries', async () => {
    const a = await createTenant(t);
    const b = await createTenant(t);
    await t.http.post('/api/v1/courses').set(bearer(a.admin.token)).send({ title: '甲的课程' }).expect(201);
    const res = await t.http.get('/api/v1/audit-logs').set(bearer(b.admin.token)).expect(200);
    expect(res.body.items).toEqual([]);
  });
});

describe('audit phrases', () => {
  it('words every action the server writes, and unknown ones without English', () => {
    expect(phraseOf('tenant.wecom.install', 'tenant', null)).toBe('从企业微信安装了企学');
    expect(phraseOf('exam.publish', 'exam', null)).toBe('发布了考试《{target}》');
    expect(phraseOf('course.delete', 'course', null)).toBe('删除了课程《{target}》');
    expect(phraseOf('member.unfreeze', 'member', { by: 'admin' })).toBe('解冻了 {target} 的账号');
    expect(phraseOf('widget.frobnicate', 'widget', null)).toBe('进行了一项操作');
    expect(phraseOf('chapter.frobnicate', 'chapter', null)).toBe('操作了章节《{target}》');
  });
});
