import { bearer, staff, startTestApp, type TestApp } from '../../support/test-app';
import { addToDepartment, createDepartment, createMember, createTenant } from '../../factories';
import { expectOtherTenantGets404 } from '../../support/isolation';
import { addPhoneMember, newPhone } from '../accounts/helpers';
import { lastCode } from './helpers';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const prisma = () => t.deps.db.prisma;
const ID = '11010519491231002X';
const OTHER_ID = '110101199003074477';

async function requireRealName(admin: string) {
  await t.http.put('/api/v1/admin/account-policy').set(bearer(admin)).send({ requireRealName: true }).expect(200);
}

async function phoneMemberSignedIn(tenantId: string, name: string) {
  const phone = newPhone();
  const m = await addPhoneMember(t, tenantId, phone, { name });
  await t.http.post('/api/v1/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
  const login = await t.http.post('/api/v1/auth/sms').send({ phone, code: lastCode(phone), deviceId: `device-${name}-0001` }).expect(200);
  return { id: m.id, phone, token: login.body.token as string };
}

describe('PATCH /api/v1/me and real-name fields', () => {
  it('401 without a session; 400 on empty, unknown or invalid fields', async () => {
    await t.http.patch('/api/v1/me').send({ name: 'x' }).expect(401);
    await t.http.get('/api/v1/me/real-name').expect(401);
    const a = await createTenant(t);
    for (const body of [{}, { role: 'admin' }, { name: '' }, { idNumber: '110105194912310021' }, { idNumber: '12345' }]) {
      const res = await t.http.patch('/api/v1/me').set(bearer(a.admin.token)).send(body).expect(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });

  it('a directly registered person corrects their name; a WeCom person cannot (it comes from the directory)', async () => {
    const a = await createTenant(t);
    const phone = newPhone();
    const direct = await addPhoneMember(t, a.id, phone, { name: '张三' });
    await t.http.post('/api/v1/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
    const login = await t.http.post('/api/v1/auth/sms').send({ phone, code: lastCode(phone) }).expect(200);
    await t.http.patch('/api/v1/me').set(bearer(login.body.token)).send({ name: '张叁' }).expect(200);
    expect((await prisma().member.findUnique({ where: { id: direct.id } }))!.name).toBe('张叁');
    const wecom = await t.http.patch('/api/v1/me').set(bearer(a.admin.token)).send({ name: '李四' }).expect(422);
    expect(wecom.body.error.code).toBe('name_from_host');
    const log = await prisma().auditLog.findFirst({ where: { tenantId: a.id, action: 'member.profile_update', targetId: direct.id } });
    expect(log!.details).toEqual({ fields: ['name'] });
  });

  it('real-name fields are refused where the enterprise does not require them', async () => {
    const a = await createTenant(t);
    const res = await t.http.patch('/api/v1/me').set(bearer(a.admin.token)).send({ realName: '李四', idNumber: ID }).expect(422);
    expect(res.body.error.code).toBe('real_name_not_required');
    expect((await t.http.get('/api/v1/me/real-name').set(bearer(a.admin.token)).expect(200)).body.realName).toMatchObject({ required: false, idNumber: null });
  });

  it('stores the ID number encrypted; once set it cannot be changed (409), other fields can', async () => {
    const a = await createTenant(t);
    await requireRealName(a.admin.token);
    const m = await createMember(t, a.id);
    const res = await t.http.patch('/api/v1/me').set(bearer(m.token)).send({ realName: '李四', idNumber: ID.toLowerCase(), employer: '某某会计师事务所', region: '云南省昆明市' }).expect(200);
    expect(res.body.realName).toEqual({
      required: true, realName: '李四', idNumber: '110105********002X', idNumberLocked: true, employer: '某某会计师事务所', region: '云南省昆明市',
    });
    const row = (await prisma().realNameProfile.findUnique({ where: { tenantId_memberId: { tenantId: a.id, memberId: m.id } } }))!;
    expect(row.idNumberCipher).not.toContain('110105');
    expect(t.deps.cipher.decrypt(row.idNumberCipher!)).toBe(ID);

    const changed = await t.http.patch('/api/v1/me').set(bearer(m.token)).send({ idNumber: OTHER_ID }).expect(409);
    expect(changed.body.error.code).toBe('id_number_immutable');
    // Sending the same number again, or correcting other fields, is fine.
    await t.http.patch('/api/v1/me').set(bearer(m.token)).send({ idNumber: ID, employer: '新单位' }).expect(200);
    const read = await t.http.get('/api/v1/me/real-name').set(bearer(m.token)).expect(200);
    expect(read.body.realName).toMatchObject({ employer: '新单位', idNumber: '110105********002X' });
    expect(t.deps.cipher.decrypt((await prisma().realNameProfile.findUnique({ where: { tenantId_memberId: { tenantId: a.id, memberId: m.id } } }))!.idNumberCipher!)).toBe(ID);
  });
});

describe('GET /api/v1/me/data-export', () => {
  it('401 without a session', async () => {
    await t.http.get('/api/v1/me/data-export').expect(401);
  });

  it("holds my profile, logins and learning records, and nothing of anyone else's", async () => {
    const a = await createTenant(t);
    await requireRealName(a.admin.token);
    const me = await phoneMemberSignedIn(a.id, '赵六');
    const colleague = await phoneMemberSignedIn(a.id, '钱七');
    await t.http.patch('/api/v1/me').set(bearer(me.token)).send({ realName: '赵六', idNumber: ID }).expect(200);
    await t.http.patch('/api/v1/me').set(bearer(colleague.token)).send({ realName: '钱七', idNumber: OTHER_ID }).expect(200);
    for (const who of [me, colleague]) {
      await prisma().enrolment.create({ data: { tenantId: a.id, courseId: `course-${who.id}`, memberId: who.id, expiresAt: new Date(Date.now() + 86_400_000) } });
      await prisma().creditRecord.create({ data: { tenantId: a.id, memberId: who.id, courseId: `course-${who.id}`, year: 2026, hours: 1.5 } });
    }
    await t.http.post('/api/v1/me/privacy-requests').set(bearer(me.token)).send({ kind: 'access', details: '请提供我的学习记录' }).expect(201);

    const res = await t.http.get('/api/v1/me/data-export').set(bearer(me.token)).expect(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const data = res.body;
    expect(data.profile).toMatchObject({ id: me.id, name: '赵六', phone: me.phone });
    expect(data.enterprise.id).toBe(a.id);
    expect(data.realName).toMatchObject({ realName: '赵六', idNumber: ID });
    expect(data.logins.length).toBeGreaterThanOrEqual(1);
    expect(data.logins[0]).toMatchObject({ method: 'sms_code', outcome: 'success' });
    expect(data.learning.enrolments).toEqual([expect.objectContaining({ courseId: `course-${me.id}` })]);
    expect(data.learning.credits).toEqual([expect.objectContaining({ hours: 1.5 })]);
    expect(data.privacyRequests).toHaveLength(1);
    expect(data.learning.enrolments[0].courseTitle).toBeNull(); // a course id that names no course
    const text = JSON.stringify(data);
    for (const foreign of [colleague.id, colleague.phone, '钱七', OTHER_ID, a.admin.id]) expect(text).not.toContain(foreign);
  });
  it('names the courses, chapters, exams, tasks and departments it mentions (a reader sees titles, not ids)', async () => {
    const a = await createTenant(t);
    const me = await phoneMemberSignedIn(a.id, '孙八');
    const course = await prisma().course.create({ data: { tenantId: a.id, title: '消防安全' } });
    const chapter = await prisma().chapter.create({ data: { tenantId: a.id, courseId: course.id, title: '灭火器使用', sortOrder: 1, kind: 'video' } });
    const dept = await createDepartment(t, a.id, undefined, '安全部');
    await addToDepartment(t, a.id, dept.id, me.id);
    await prisma().enrolment.create({ data: { tenantId: a.id, courseId: course.id, memberId: me.id, expiresAt: new Date(Date.now() + 86_400_000) } });
    await prisma().chapterProgress.create({ data: { tenantId: a.id, courseId: course.id, chapterId: chapter.id, memberId: me.id } });
    const data = (await t.http.get('/api/v1/me/data-export').set(bearer(me.token)).expect(200)).body;
    expect(data.learning.enrolments[0]).toMatchObject({ courseId: course.id, courseTitle: '消防安全' });
    expect(data.learning.chapterProgress[0]).toMatchObject({ courseTitle: '消防安全', chapterTitle: '灭火器使用' });
    expect(data.profile.departments).toEqual([expect.objectContaining({ departmentId: dept.id, departmentName: '安全部' })]);
  });
});

describe('privacy requests', () => {
  it('members: 401, 400, create with a 15-day deadline, list, read; other people and enterprises get 404', async () => {
    await t.http.post('/api/v1/me/privacy-requests').send({ kind: 'access', details: 'x' }).expect(401);
    await t.http.get('/api/v1/me/privacy-requests').expect(401);
    await t.http.get('/api/v1/me/privacy-requests/x').expect(401);
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    const bad = await t.http.post('/api/v1/me/privacy-requests').set(bearer(m.token)).send({ kind: 'sell_my_data', details: '' }).expect(400);
    expect(bad.body.error.code).toBe('validation_failed');

    const res = await t.http.post('/api/v1/me/privacy-requests').set(bearer(m.token)).send({ kind: 'withdraw_consent', details: '撤回对学习数据分析的同意' }).expect(201);
    const request = res.body.request;
    expect(request).toMatchObject({ kind: 'withdraw_consent', status: 'open', overdue: false, answer: null });
    const days = (new Date(request.dueAt).getTime() - new Date(request.createdAt).getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(15);
    const list = await t.http.get('/api/v1/me/privacy-requests').set(bearer(m.token)).expect(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([request.id]);
    await t.http.get(`/api/v1/me/privacy-requests/${request.id}`).set(bearer(m.token)).expect(200);
    await t.http.get(`/api/v1/me/privacy-requests/${'x'.repeat(65)}`).set(bearer(m.token)).expect(400);

    const colleague = await createMember(t, a.id);
    await t.http.get(`/api/v1/me/privacy-requests/${request.id}`).set(bearer(colleague.token)).expect(404);
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/me/privacy-requests/${request.id}` });
    const audit = await prisma().auditLog.findFirst({ where: { tenantId: a.id, action: 'privacy_request.create', targetId: request.id } });
    expect(audit).toMatchObject({ actorId: m.id });
  });

  it('staff: 401, list by deadline (overdue), answer once (400, 404, 409), the member sees the answer', async () => {
    await t.http.get('/platform/v1/privacy-requests').expect(401);
    await t.http.post('/platform/v1/privacy-requests/x/answer').send({ status: 'answered', answer: 'x' }).expect(401);
    const a = await createTenant(t);
    await t.http.get('/platform/v1/privacy-requests').set(bearer(a.admin.token)).expect(401);
    const m = await createMember(t, a.id);
    const late = (await t.http.post('/api/v1/me/privacy-requests').set(bearer(m.token)).send({ kind: 'deletion', details: '删除我的评论' }).expect(201)).body.request;
    const fresh = (await t.http.post('/api/v1/me/privacy-requests').set(bearer(m.token)).send({ kind: 'correction', details: '更正单位' }).expect(201)).body.request;
    await prisma().privacyRequest.update({ where: { id: late.id }, data: { dueAt: new Date(Date.now() - 86_400_000) } });

    const overdue = await t.http.get(`/platform/v1/privacy-requests?overdue=true&tenantId=${a.id}`).set(staff()).expect(200);
    expect(overdue.body.items).toEqual([expect.objectContaining({ id: late.id, tenantId: a.id, overdue: true })]);
    const open = await t.http.get(`/platform/v1/privacy-requests?status=open&tenantId=${a.id}`).set(staff()).expect(200);
    expect(open.body.items.map((r: { id: string }) => r.id).sort()).toEqual([late.id, fresh.id].sort());
    await t.http.get('/platform/v1/privacy-requests?status=whatever').set(staff()).expect(400);
    await t.http.get(`/platform/v1/privacy-requests/${late.id}`).set(staff()).expect(200);
    await t.http.get('/platform/v1/privacy-requests/nope').set(staff()).expect(404);

    await t.http.post(`/platform/v1/privacy-requests/${late.id}/answer`).set(staff()).send({ status: 'done', answer: '' }).expect(400);
    await t.http.post('/platform/v1/privacy-requests/nope/answer').set(staff()).send({ status: 'answered', answer: '已处理' }).expect(404);
    const answered = await t.http.post(`/platform/v1/privacy-requests/${late.id}/answer`).set(staff()).send({ status: 'answered', answer: '已删除您的评论' }).expect(200);
    expect(answered.body.request).toMatchObject({ status: 'answered', answer: '已删除您的评论', overdue: false });
    const again = await t.http.post(`/platform/v1/privacy-requests/${late.id}/answer`).set(staff()).send({ status: 'rejected', answer: 'x' }).expect(409);
    expect(again.body.error.code).toBe('request_closed');
    const seen = await t.http.get(`/api/v1/me/privacy-requests/${late.id}`).set(bearer(m.token)).expect(200);
    expect(seen.body.request).toMatchObject({ status: 'answered', answer: '已删除您的评论', answeredAt: expect.any(String) });
    expect(await prisma().auditLog.count({ where: { tenantId: a.id, action: 'privacy_request.answer', targetId: late.id, actorType: 'staff' } })).toBe(1);

    // Two staff answering at once: one answer stands, the other is told it came second.
    const rivals = await Promise.all(['answered', 'rejected'].map((status) => t.http.post(`/platform/v1/privacy-requests/${fresh.id}/answer`).set(staff()).send({ status, answer: status })));
    expect(rivals.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = rivals.find((r) => r.status === 200)!.body.request;
    expect((await t.http.get(`/platform/v1/privacy-requests/${fresh.id}`).set(staff()).expect(200)).body.request).toMatchObject({ status: winner.status, answer: winner.status });
    expect(await prisma().auditLog.count({ where: { tenantId: a.id, action: 'privacy_request.answer', targetId: fresh.id } })).toBe(1);
  });
});
