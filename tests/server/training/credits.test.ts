/** The seed 001 §4.4 rule end to end: every chapter → the exam → passed → hours recorded for the year. */
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createTenant, createMember, type TestMember } from '../../factories';
import { createCourse, createExam, createQuestion, fakeClock } from '../../factories/training';
import { expectOtherTenantGets404 } from '../../support/isolation';
import { scopeToTenant } from '../../../server/src/core/tenancy';
import { evaluateCourse } from '../../../server/src/modules/credits/service';

let t: TestApp;
let clock: ReturnType<typeof fakeClock>;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());
beforeEach(() => (clock = fakeClock(Date.parse('2026-06-01T02:00:00Z'))));
afterEach(() => clock.restore());

async function watchVideo(m: TestMember, sessionId: string, chapterId: string, seconds: number) {
  let seq = 0;
  const beat = (position: number) =>
    t.http.post(`/api/v1/study-sessions/${sessionId}/heartbeats`).set(bearer(m.token)).send({ chapterId, position, state: 'playing', clientSeq: ++seq }).expect(200);
  await beat(0);
  for (let p = 10; p <= seconds; p += 10) {
    clock.advance(10);
    await beat(p);
  }
}

async function read(m: TestMember, sessionId: string, chapterId: string, seconds: number) {
  const send = (clientSeq: number) =>
    t.http.post(`/api/v1/study-sessions/${sessionId}/heartbeats`).set(bearer(m.token)).send({ chapterId, position: 0, state: 'playing', clientSeq }).expect(200);
  await send(1);
  for (let i = 1; i * 15 <= seconds; i++) {
    clock.advance(15);
    await send(i + 1);
  }
}

describe('credit hours (seed 001 §4.4)', () => {
  it('chapters → exam → pass records the hours for the year; certificate verifies publicly', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    await t.deps.db.prisma.member.update({ where: { id: m.id }, data: { name: '张三' } });
    const q1 = await createQuestion(t, a.id, { type: 'single', answer: ['A'] });
    const q2 = await createQuestion(t, a.id, { type: 'true_false', answer: [true] });
    const exam = await createExam(t, a.id, [q1.id, q2.id], { passScore: 100, maxAttempts: 3 });
    const course = await createCourse(t, a.id, { creditHours: 12, examId: exam.id, chapters: [{ kind: 'video', durationSec: 40 }, { kind: 'article', minReadSec: 30 }] });
    await t.http.put('/api/v1/training-policy').set(bearer(a.admin.token)).send({ annualCreditHours: 24 }).expect(200);

    await t.http.post(`/api/v1/courses/${course.id}/enrol`).set(bearer(m.token)).expect(201);
    const session = (await t.http.post('/api/v1/study-sessions').set(bearer(m.token)).send({ courseId: course.id }).expect(201)).body.studySession.id;

    // The exam waits for every chapter.
    await watchVideo(m, session, course.chapters[0].id, 40);
    expect((await t.http.post(`/api/v1/exams/${exam.id}/attempts`).set(bearer(m.token)).expect(409)).body.error.code).toBe('chapters_incomplete');
    await read(m, session, course.chapters[1].id, 30);
    const progress = await t.http.get(`/api/v1/courses/${course.id}/progress`).set(bearer(m.token)).expect(200);
    expect(progress.body.status).toMatchObject({ chaptersDone: 2, chaptersTotal: 2, examRequired: true, examPassed: false, completedAt: null });
    expect((await t.http.get('/api/v1/me/credits').set(bearer(m.token)).expect(200)).body).toMatchObject({ year: 2026, earnedHours: 0, requiredHours: 24 });

    // Failing is not enough.
    const first = (await t.http.post(`/api/v1/exams/${exam.id}/attempts`).set(bearer(m.token)).expect(201)).body.attempt.id;
    await t.http.put(`/api/v1/attempts/${first}/answers`).set(bearer(m.token)).send({ answers: [{ questionId: q1.id, answer: 'B' }, { questionId: q2.id, answer: true }] }).expect(200);
    expect((await t.http.post(`/api/v1/attempts/${first}/submit`).set(bearer(m.token)).expect(200)).body.attempt.passed).toBe(false);
    expect((await t.http.get('/api/v1/me/credits').set(bearer(m.token)).expect(200)).body.earnedHours).toBe(0);

    // Passing records the hours for 2026 and issues a certificate.
    const second = (await t.http.post(`/api/v1/exams/${exam.id}/attempts`).set(bearer(m.token)).expect(201)).body.attempt.id;
    await t.http.put(`/api/v1/attempts/${second}/answers`).set(bearer(m.token)).send({ answers: [{ questionId: q1.id, answer: 'A' }, { questionId: q2.id, answer: true }] }).expect(200);
    expect((await t.http.post(`/api/v1/attempts/${second}/submit`).set(bearer(m.token)).expect(200)).body.attempt.passed).toBe(true);
    const credits = await t.http.get('/api/v1/me/credits?year=2026').set(bearer(m.token)).expect(200);
    expect(credits.body).toMatchObject({ year: 2026, requiredHours: 24, earnedHours: 12, annualComplete: false });
    expect(credits.body.records).toEqual([expect.objectContaining({ courseId: course.id, hours: 12, score: 100 })]);
    expect((await t.http.get('/api/v1/me/credits?year=2025').set(bearer(m.token)).expect(200)).body.earnedHours).toBe(0);
    await t.http.get('/api/v1/me/credits?year=abc').set(bearer(m.token)).expect(400);
    await t.http.get('/api/v1/me/credits').expect(401);

    // A third submit or re-evaluation records nothing twice.
    await t.http.post(`/api/v1/attempts/${second}/submit`).set(bearer(m.token)).expect(200);
    expect(await t.deps.db.prisma.creditRecord.count({ where: { memberId: m.id } })).toBe(1);

    const certs = await t.http.get('/api/v1/me/certificates').set(bearer(m.token)).expect(200);
    expect(certs.body.items).toHaveLength(1);
    const cert = certs.body.items[0];
    const publicView = await t.http.get(`/api/v1/public/certificates/${cert.verificationCode}`).expect(200);
    expect(publicView.body).toEqual({ valid: true, holder: '张三', course: '安全生产培训', issuedAt: cert.issuedAt });
    await t.http.get('/api/v1/public/certificates/NOTAREALCODE1234').expect(404);
    await t.http.get('/api/v1/public/certificates/bad!').expect(400);
    const page = await t.http.get(`/api/v1/certificates/${cert.id}`).set(bearer(m.token)).expect(200);
    const tenant = await t.deps.db.prisma.tenant.findUniqueOrThrow({ where: { id: a.id }, select: { name: true } });
    expect(page.body.certificate).toEqual({
      id: cert.id, memberId: m.id, courseId: course.id, verificationCode: cert.verificationCode, holder: '张三', holderHostUserId: expect.anything(),
      course: '安全生产培训', issuedAt: cert.issuedAt, creditHours: 12, enterprise: tenant.name, timeZone: 'Asia/Shanghai',
    });
    await t.http.get(`/api/v1/certificates/${cert.id}`).set(bearer(a.admin.token)).expect(200);
    // A WeCom member without a name in Qixue: the page gets the host id for the host to draw, never the id as the name.
    const host = await t.deps.db.prisma.member.update({ where: { id: m.id }, data: { name: null }, select: { hostUserId: true } });
    await t.deps.db.prisma.certificate.update({ where: { id: cert.id }, data: { holderName: host.hostUserId! } });
    expect((await t.http.get(`/api/v1/certificates/${cert.id}`).set(bearer(m.token)).expect(200)).body.certificate).toMatchObject({ holder: null, holderHostUserId: host.hostUserId });
    // The public lookup has no host to draw the name: it names no one rather than show the id.
    const anonymous = await t.http.get(`/api/v1/public/certificates/${cert.verificationCode}`).expect(200);
    expect(anonymous.body).toEqual({ valid: true, holder: null, course: '安全生产培训', issuedAt: cert.issuedAt });
    expect(JSON.stringify(anonymous.body)).not.toContain(host.hostUserId!);
    await t.deps.db.prisma.member.update({ where: { id: m.id }, data: { name: '张三' } });
    await t.http.get(`/api/v1/certificates/${cert.id}`).set(bearer((await createMember(t, a.id)).token)).expect(404);
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/certificates/${cert.id}` });

    // A second course completes the annual requirement.
    const course2 = await createCourse(t, a.id, { creditHours: 12, chapters: [{ kind: 'document', minReadSec: 15 }] });
    await t.http.delete(`/api/v1/study-sessions/${session}`).set(bearer(m.token)).expect(200);
    await t.http.post(`/api/v1/courses/${course2.id}/enrol`).set(bearer(m.token)).expect(201);
    const s2 = (await t.http.post('/api/v1/study-sessions').set(bearer(m.token)).send({ courseId: course2.id }).expect(201)).body.studySession.id;
    await read(m, s2, course2.chapters[0].id, 15);
    expect((await t.http.get('/api/v1/me/credits').set(bearer(m.token)).expect(200)).body).toMatchObject({ earnedHours: 24, annualComplete: true });

    // Evaluations racing to record the same completion record it once.
    const prisma = t.deps.db.prisma;
    await prisma.enrolment.updateMany({ where: { tenantId: a.id, memberId: m.id, courseId: course2.id }, data: { completedAt: null } });
    await prisma.creditRecord.deleteMany({ where: { tenantId: a.id, memberId: m.id, courseId: course2.id } });
    await prisma.certificate.deleteMany({ where: { tenantId: a.id, memberId: m.id, courseId: course2.id } });
    const db = scopeToTenant(prisma, a.id);
    const states = await Promise.all([1, 2, 3, 4].map(() => evaluateCourse(db, a.id, m.id, course2.id)));
    expect(states.every((state) => state?.completedAt)).toBe(true);
    expect(await prisma.creditRecord.count({ where: { memberId: m.id, courseId: course2.id } })).toBe(1);
    expect(await prisma.certificate.count({ where: { memberId: m.id, courseId: course2.id } })).toBe(1);
  });

  it('outside the validity window the exam is refused', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    const q = await createQuestion(t, a.id);
    const exam = await createExam(t, a.id, [q.id]);
    const course = await createCourse(t, a.id, { examId: exam.id, chapters: [{ kind: 'document', minReadSec: 15 }] });
    await t.http.post(`/api/v1/exams/${exam.id}/attempts`).set(bearer(m.token)).expect(403);
    await t.http.post(`/api/v1/courses/${course.id}/enrol`).set(bearer(m.token)).expect(201);
    const s = (await t.http.post('/api/v1/study-sessions').set(bearer(m.token)).send({ courseId: course.id }).expect(201)).body.studySession.id;
    await read(m, s, course.chapters[0].id, 15);
    clock.advance(90 * 86_400 + 1);
    expect((await t.http.post(`/api/v1/exams/${exam.id}/attempts`).set(bearer(m.token)).expect(403)).body.error.code).toBe('enrolment_expired');
  });

  it('training policy: members read, admins set, input validated', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    await t.http.put('/api/v1/training-policy').set(bearer(a.admin.token)).send({ annualCreditHours: -1 }).expect(400);
    await t.http.put('/api/v1/training-policy').set(bearer(m.token)).send({ annualCreditHours: 10 }).expect(403);
    await t.http.put('/api/v1/training-policy').send({ annualCreditHours: 10 }).expect(401);
    await t.http.put('/api/v1/training-policy').set(bearer(a.admin.token)).send({ annualCreditHours: 10 }).expect(200);
    await t.http.put('/api/v1/training-policy').set(bearer(a.admin.token)).send({ annualCreditHours: 20 }).expect(200);
    expect((await t.http.get('/api/v1/training-policy').set(bearer(m.token)).expect(200)).body.annualCreditHours).toBe(20);
    const other = await createTenant(t);
    expect((await t.http.get('/api/v1/training-policy').set(bearer(other.admin.token)).expect(200)).body.annualCreditHours).toBe(0);
  });
});
