/**
 * Qixue's learning events as xAPI statements: a learner completing a course (chapters → exam failed,
 * then passed → hours and certificate) produces the statements, readable through
 * GET /xapi/statements?agent=… with the member as an `account` agent — and only in their enterprise.
 */
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createTenant, createMember, type TestMember } from '../../factories';
import { createCourse, createExam, createQuestion, fakeClock } from '../../factories/training';
import { STORE_JOB, learningStatement, recordLearningEvents } from '../../../server/src/modules/xapi/learning-events';
import { scopeToTenant } from '../../../server/src/core/tenancy';
import { validateStatement } from '../../../server/src/modules/xapi/statement-validation';

let t: TestApp;
let clock: ReturnType<typeof fakeClock>;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());
beforeEach(() => (clock = fakeClock(Date.parse('2026-06-01T02:00:00Z'))));
afterEach(() => clock.restore());

const V = { 'X-Experience-API-Version': '2.0.0' };

async function beats(m: TestMember, sessionId: string, chapterId: string, seconds: number) {
  let seq = 0;
  const beat = (position: number) =>
    t.http.post(`/api/v1/study-sessions/${sessionId}/heartbeats`).set(bearer(m.token)).send({ chapterId, position, state: 'playing', clientSeq: ++seq }).expect(200);
  await beat(0);
  for (let p = 10; p <= seconds; p += 10) {
    clock.advance(10);
    await beat(p);
  }
}

async function lrsAuth(tenant: { admin: { token: string } }) {
  const res = await t.http.post('/api/v1/xapi/credentials').set(bearer(tenant.admin.token)).send({ name: 'export' }).expect(201);
  return { Authorization: `Basic ${Buffer.from(`${res.body.credential.key}:${res.body.secret}`).toString('base64')}`, homePage: res.body.homePage as string };
}

describe('learning events as xAPI statements', () => {
  it('a learner completing a course produces chapter, exam, course, credit-hour and certificate statements', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    const q1 = await createQuestion(t, a.id, { type: 'single', answer: ['A'] });
    const exam = await createExam(t, a.id, [q1.id], { passScore: 100, maxAttempts: 3 });
    const course = await createCourse(t, a.id, { creditHours: 6, examId: exam.id, chapters: [{ kind: 'video', durationSec: 30 }, { kind: 'video', durationSec: 20 }] });
    await t.http.post(`/api/v1/courses/${course.id}/enrol`).set(bearer(m.token)).expect(201);
    const session = (await t.http.post('/api/v1/study-sessions').set(bearer(m.token)).send({ courseId: course.id }).expect(201)).body.studySession.id;
    await beats(m, session, course.chapters[0]!.id, 30);
    await beats(m, session, course.chapters[1]!.id, 20);

    const attempt = async (answer: string) => {
      const id = (await t.http.post(`/api/v1/exams/${exam.id}/attempts`).set(bearer(m.token)).expect(201)).body.attempt.id;
      await t.http.put(`/api/v1/attempts/${id}/answers`).set(bearer(m.token)).send({ answers: [{ questionId: q1.id, answer }] }).expect(200);
      await t.http.post(`/api/v1/attempts/${id}/submit`).set(bearer(m.token)).expect(200);
      return id;
    };
    await attempt('B');
    await attempt('A');

    const lrs = await lrsAuth(a);
    const agent = { objectType: 'Agent', account: { homePage: lrs.homePage, name: m.id } };
    const res = await t.http.get('/xapi/statements').query({ agent: JSON.stringify(agent), ascending: 'true' }).set(V).set(lrs).expect(200);
    const got = res.body.statements.map((s: { verb: { id: string }; object: { id: string } }) => `${s.verb.id.split('/').pop()} ${s.object.id.slice(lrs.homePage.length + 1)}`);
    expect(got).toEqual([
      `completed courses/${course.id}/chapters/${course.chapters[0]!.id}`,
      `completed courses/${course.id}/chapters/${course.chapters[1]!.id}`,
      `failed exams/${exam.id}`,
      `passed exams/${exam.id}`,
      `completed courses/${course.id}`,
      `earned courses/${course.id}/credit-hours/2026`,
      expect.stringMatching(/^earned certificates\/\w+$/),
    ]);
    const passed = res.body.statements[3];
    expect(passed.result).toEqual({ score: { raw: 100 }, success: true, completion: true });
    expect(passed.actor).toEqual(agent);
    expect(JSON.stringify(res.body)).not.toContain(m.token);
    const hours = res.body.statements[5];
    expect(hours.result.extensions[`${lrs.homePage}/xapi/extensions/credit-hours`]).toBe(6);
    expect(hours.timestamp).toBe('2026-06-01T02:00:50.000Z');

    // Only the enterprise's own store has them.
    const b = await createTenant(t);
    const other = await lrsAuth(b);
    expect((await t.http.get('/xapi/statements').query({ agent: JSON.stringify(agent) }).set(V).set(other).expect(200)).body.statements).toEqual([]);
  });

  it('every event kind makes a valid statement with a stable id', () => {
    const home = 'https://qixue.example.com/enterprises/t1';
    const at = new Date('2026-06-01T02:00:00Z');
    const events = [
      { kind: 'chapter-completed', memberId: 'm1', courseId: 'c1', chapterId: 'ch1', at },
      { kind: 'course-completed', memberId: 'm1', courseId: 'c1', courseTitle: '安全', at },
      { kind: 'exam-graded', memberId: 'm1', examId: 'e1', attemptId: 'a1', score: 60, passed: false, at },
      { kind: 'credit-hours-earned', memberId: 'm1', courseId: 'c1', courseTitle: '安全', hours: 2.5, year: 2026, at },
      { kind: 'certificate-earned', memberId: 'm1', courseId: 'c1', certificateId: 'z1', courseTitle: '安全', at },
      { kind: 'document-read', memberId: 'm1', documentId: 'd1', at },
    ] as const;
    const ids = new Set<string>();
    for (const e of events) {
      const s = learningStatement(home, 't1', e);
      expect(() => validateStatement(s)).not.toThrow();
      expect(s.actor).toEqual({ objectType: 'Agent', account: { homePage: home, name: 'm1' } });
      expect(learningStatement(home, 't1', e).id).toBe(s.id);
      ids.add(String(s.id));
    }
    expect(ids.size).toBe(events.length);
  });

  it('a statement whose write failed goes to the job queue, which retries it with backoff until it is stored', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    const { db } = t.deps;
    const realTransaction = db.rawTransaction;
    let down = true;
    db.rawTransaction = ((work) => (down ? Promise.reject(new Error('database unavailable')) : realTransaction.call(db, work))) as typeof realTransaction;
    try {
      const at = new Date('2026-06-01T02:00:00Z');
      await recordLearningEvents(scopeToTenant(db.prisma, a.id), a.id, { kind: 'document-read', memberId: m.id, documentId: 'doc-1', at });
      const queued = await db.prisma.job.findFirstOrThrow({ where: { tenantId: a.id, kind: STORE_JOB } });
      expect(queued.status).toBe('queued');

      // Still down at the first attempt: the job fails and is queued again, due later (backoff).
      const before = Date.now();
      await t.deps.jobs.drain([STORE_JOB]);
      const failed = await db.prisma.job.findUniqueOrThrow({ where: { id: queued.id } });
      expect(failed).toMatchObject({ status: 'queued', attempts: 1, error: 'database unavailable' });
      expect(failed.runAfter.getTime()).toBeGreaterThan(before + 1000);
      expect(await t.deps.jobs.drain([STORE_JOB])).toBe(0);

      down = false;
      await db.prisma.job.update({ where: { id: queued.id }, data: { runAfter: new Date(0) } });
      await t.deps.jobs.drain([STORE_JOB]);
      expect(await db.prisma.job.findUniqueOrThrow({ where: { id: queued.id } })).toMatchObject({ status: 'done', attempts: 2 });
    } finally {
      db.rawTransaction = realTransaction;
    }

    const lrs = await lrsAuth(a);
    const agent = { objectType: 'Agent', account: { homePage: lrs.homePage, name: m.id } };
    const res = await t.http.get('/xapi/statements').query({ agent: JSON.stringify(agent) }).set(V).set(lrs).expect(200);
    expect(res.body.statements.map((s: { verb: { id: string }; object: { id: string } }) => `${s.verb.id.split('/').pop()} ${s.object.id.slice(lrs.homePage.length + 1)}`))
      .toEqual(['read documents/doc-1']);
  });
});
