/**
 * 001 §2.1(3) — an admin disqualifies an exam attempt (cheating, a stand-in): the attempt fails
 * whatever it scored, the reason is kept as a penalty record (shared with community moderation,
 * appealable), the member is notified, the certificate it earned is revoked, and it is audited.
 */
import { bearer, startTestApp, type TestApp } from '../../support/test-app';
import { createMember, createTenant } from '../../factories';
import { createExam, createQuestion } from '../../factories/training';
import { expectFuzzHandled } from '../../support/fuzz';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

async function passedAttempt() {
  const a = await createTenant(t);
  const m = await createMember(t, a.id);
  const q = await createQuestion(t, a.id);
  const exam = await createExam(t, a.id, [q.id]);
  const started = await t.http.post(`/api/v1/exams/${exam.id}/attempts`).set(bearer(m.token)).expect(201);
  const id = started.body.attempt.id as string;
  await t.http.put(`/api/v1/attempts/${id}/answers`).set(bearer(m.token)).send({ answers: [{ questionId: q.id, answer: 'A' }] }).expect(200);
  const submitted = await t.http.post(`/api/v1/attempts/${id}/submit`).set(bearer(m.token)).expect(200);
  expect(submitted.body.attempt.passed).toBe(true);
  return { a, m, exam, attemptId: id };
}

describe('001 §2.1(3) disqualification of an exam attempt by an admin', () => {
  it('fails the attempt, keeps the reason as a penalty record, notifies the member, revokes the certificate and audits', async () => {
    const { a, m, exam, attemptId } = await passedAttempt();
    const prisma = t.deps.db.prisma;
    const course = await prisma.course.create({ data: { tenantId: a.id, title: '安全生产', examId: exam.id } });
    const cert = await prisma.certificate.create({ data: { tenantId: a.id, memberId: m.id, courseId: course.id, code: `D${Date.now()}`, holderName: '张三', courseTitle: '安全生产' } });

    const res = await t.http.post(`/api/v1/attempts/${attemptId}/disqualify`).set(bearer(a.admin.token)).send({ reason: '由他人代考' }).expect(200);
    expect(res.body.attempt).toMatchObject({ id: attemptId, status: 'submitted', endReason: 'disqualified', passed: false });
    expect(res.body.certificateRevoked).toBe(true);

    // The reason is kept as a penalty of the moderation module, naming the attempt; the member sees it and may appeal.
    const penalties = await t.http.get('/api/v1/community/penalties').set(bearer(m.token)).expect(200);
    expect(penalties.body.items).toEqual([expect.objectContaining({ id: res.body.penaltyId, kind: 'warning', reason: '由他人代考', attemptId })]);
    const inbox = await t.http.get('/api/v1/inbox').set(bearer(m.token)).expect(200);
    expect(inbox.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'exam.disqualified', body: expect.stringContaining('由他人代考') })]));
    expect((await t.http.get(`/api/v1/public/certificates/${cert.code}`).expect(200)).body).toMatchObject({ valid: false, status: 'revoked' });
    const log = await prisma.auditLog.findFirst({ where: { tenantId: a.id, action: 'exam.attempt.disqualify', targetId: attemptId } });
    expect(log).toMatchObject({ actorId: a.admin.id, details: expect.objectContaining({ reason: '由他人代考', memberId: m.id, previouslyPassed: true }) });
    // The member's own view of the attempt says it failed.
    expect((await t.http.get(`/api/v1/attempts/${attemptId}`).set(bearer(m.token)).expect(200)).body.attempt).toMatchObject({ endReason: 'disqualified', passed: false });

    const again = await t.http.post(`/api/v1/attempts/${attemptId}/disqualify`).set(bearer(a.admin.token)).send({ reason: '重复' }).expect(409);
    expect(again.body.error.code).toBe('already_disqualified');
  });

  it('admins only (403 for a member, 401 without a session); another enterprise gets 404 and changes nothing; a reason is required', async () => {
    const { a, m, attemptId } = await passedAttempt();
    const b = await createTenant(t);
    await t.http.post(`/api/v1/attempts/${attemptId}/disqualify`).send({ reason: 'x' }).expect(401);
    await t.http.post(`/api/v1/attempts/${attemptId}/disqualify`).set(bearer(m.token)).send({ reason: 'x' }).expect(403);
    await t.http.post(`/api/v1/attempts/${attemptId}/disqualify`).set(bearer(b.admin.token)).send({ reason: 'x' }).expect(404);
    expect((await t.deps.db.prisma.examAttempt.findUnique({ where: { id: attemptId } }))!.endReason).toBe('submitted');
    await t.http.post(`/api/v1/attempts/${attemptId}/disqualify`).set(bearer(a.admin.token)).send({ reason: '' }).expect(400);
    await expectFuzzHandled(t, { method: 'post', url: `/api/v1/attempts/${attemptId}/disqualify`, token: a.admin.token, valid: { reason: '作弊' } }, { allowSuccess: true });
  });

  it('an attempt still in progress is ended and failed', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    const q = await createQuestion(t, a.id);
    const exam = await createExam(t, a.id, [q.id]);
    const id = (await t.http.post(`/api/v1/exams/${exam.id}/attempts`).set(bearer(m.token)).expect(201)).body.attempt.id;
    await t.http.post(`/api/v1/attempts/${id}/disqualify`).set(bearer(a.admin.token)).send({ reason: '考试中切屏查阅资料' }).expect(200);
    const submit = await t.http.post(`/api/v1/attempts/${id}/submit`).set(bearer(m.token)).expect(200);
    expect(submit.body.attempt).toMatchObject({ status: 'submitted', endReason: 'disqualified', passed: false });
  });
});
