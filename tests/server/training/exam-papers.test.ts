/**
 * Papers are stored once (ExamPaper): a fixed paper is one row shared by the attempts that got it,
 * an attempt keeps the paper it was given when the exam's paper changes, and migration 4007 moved
 * the papers that attempts carried themselves into rows of their own.
 */
import { openDatabase } from '../../../server/src/db/client';
import { migrate } from '../../../server/src/db/migrate';
import { forgetExam } from '../../../server/src/modules/exams/paper';
import { createTenant, createMember, type TestMember } from '../../factories';
import { createExam, createQuestion } from '../../factories/training';
import { privateDatabase } from '../../support/test-database';
import { bearer, startTestApp, testConfig, type TestApp } from '../../support/test-app';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const start = (m: TestMember, examId: string) => t.http.post(`/api/v1/exams/${examId}/attempts`).set(bearer(m.token));
const questionIdsOf = (body: { questions: { id: string }[] }) => body.questions.map((q) => q.id);

describe('exam papers', () => {
  it('a fixed paper is one row for everyone who gets it; an attempt keeps its paper when the exam changes', async () => {
    const a = await createTenant(t);
    const [q1, q2, q3] = [await createQuestion(t, a.id), await createQuestion(t, a.id), await createQuestion(t, a.id)];
    const exam = await createExam(t, a.id, [q1.id, q2.id]);
    const [m1, m2, m3] = [await createMember(t, a.id), await createMember(t, a.id), await createMember(t, a.id)];
    const first = await start(m1, exam.id).expect(201);
    await start(m2, exam.id).expect(201);
    const prisma = t.deps.db.prisma;
    const papers = () => prisma.examPaper.findMany({ where: { tenantId: a.id, examId: exam.id }, select: { id: true } });
    const attempts = await prisma.examAttempt.findMany({ where: { tenantId: a.id, examId: exam.id }, select: { paperId: true } });
    expect(await papers()).toHaveLength(1);
    expect(attempts.map((x) => x.paperId)).toEqual([(await papers())[0].id, (await papers())[0].id]);

    await t.http.put(`/api/v1/exams/${exam.id}/questions`).set(bearer(a.admin.token)).send({ questions: [{ questionId: q3.id, score: 100 }] }).expect(200);
    expect(questionIdsOf((await start(m3, exam.id).expect(201)).body)).toEqual([q3.id]);
    expect(await papers()).toHaveLength(2);
    const resumed = await t.http.get(`/api/v1/attempts/${first.body.attempt.id}`).set(bearer(m1.token)).expect(200);
    expect(questionIdsOf(resumed.body)).toEqual([q1.id, q2.id]);
    const graded = await t.http.post(`/api/v1/attempts/${first.body.attempt.id}/submit`).set(bearer(m1.token)).expect(200);
    expect(graded.body.attempt.maxScore).toBe(100);
  });

  it('an edited question reaches takers of a fixed paper once the exam is loaded again', async () => {
    const a = await createTenant(t);
    const q = await createQuestion(t, a.id);
    const exam = await createExam(t, a.id, [q.id]);
    const [m1, m2] = [await createMember(t, a.id), await createMember(t, a.id)];
    const stemOf = (body: { questions: { stem: string }[] }) => body.questions[0].stem;
    const before = stemOf((await start(m1, exam.id).expect(201)).body);
    await t.http.patch(`/api/v1/questions/${q.id}`).set(bearer(a.admin.token)).send({ stem: '改过的题干' }).expect(200);
    forgetExam(a.id, exam.id); // what the exam cache's few seconds of life do on their own
    expect(before).not.toBe('改过的题干');
    expect(stemOf((await start(m2, exam.id).expect(201)).body)).toBe('改过的题干');
  });

  it('another enterprise’s paper is not read through an attempt of this one', async () => {
    const [a, b] = [await createTenant(t), await createTenant(t)];
    const qa = await createQuestion(t, a.id);
    const examA = await createExam(t, a.id, [qa.id]);
    const ma = await createMember(t, a.id);
    const mine = await start(ma, examA.id).expect(201);
    const paperA = (await t.deps.db.prisma.examAttempt.findUniqueOrThrow({ where: { id: mine.body.attempt.id }, select: { paperId: true } })).paperId;
    const qb = await createQuestion(t, b.id);
    const examB = await createExam(t, b.id, [qb.id]);
    const mb = await createMember(t, b.id);
    const theirs = await start(mb, examB.id).expect(201);
    // Point b's attempt at a's paper: b's member must not be shown a's questions.
    await t.deps.db.prisma.examAttempt.update({ where: { id: theirs.body.attempt.id }, data: { paperId: paperA } });
    expect(questionIdsOf((await t.http.get(`/api/v1/attempts/${theirs.body.attempt.id}`).set(bearer(mb.token)).expect(200)).body)).toEqual([]);
  });
});

describe('migration 4007', () => {
  it('gives each existing attempt its paper as a row of its own', async () => {
    const { overrides, drop } = privateDatabase('papers');
    const config = testConfig(overrides);
    const db = await openDatabase({ databaseUrl: config.DATABASE_URL, sqlitePath: config.SQLITE_PATH, poolSize: 2 });
    const q = db.dialect.quote;
    try {
      await migrate(db, '4006');
      const entries = JSON.stringify([{ questionId: 'q1', score: 40 }, { questionId: 'q2', score: 60 }]);
      await db.raw.execute(
        `INSERT INTO ${q('ExamAttempt')} (id, ${q('tenantId')}, ${q('examId')}, ${q('memberId')}, ${q('attemptNo')}, paper, ${q('deadlineAt')}, ${q('maxScore')}) VALUES (?, ?, ?, ?, 1, ?, ?, 100)`,
        ['att1', 't1', 'e1', 'm1', entries, new Date()],
      );
      await migrate(db);
      expect(await db.prisma.examAttempt.findUnique({ where: { id: 'att1' }, select: { paperId: true, maxScore: true, attemptNo: true } })).toEqual({ paperId: 'att1', maxScore: 100, attemptNo: 1 });
      expect(await db.prisma.examPaper.findUnique({ where: { id: 'att1' }, select: { tenantId: true, examId: true, entries: true } })).toEqual({
        tenantId: 't1', examId: 'e1', entries: JSON.parse(entries),
      });
    } finally {
      await db.close();
      await drop();
    }
  });
});
