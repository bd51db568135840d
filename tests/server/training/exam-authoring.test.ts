/**
 * Admin editing of the question bank and exams: every question type created and edited by form
 * (type, options and key included), deleting (archiving) a question, the exam's time window,
 * shuffled papers, deleting an unused exam; every write audited.
 */
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createTenant, createMember } from '../../factories';
import { createExam, createQuestion, fakeClock } from '../../factories/training';
import { expectOtherTenantGets404 } from '../../support/isolation';
import { expectFuzzHandled } from '../../support/fuzz';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const actions = async (tenantId: string) =>
  (await t.deps.db.prisma.auditLog.findMany({ where: { tenantId }, select: { action: true }, orderBy: { createdAt: 'asc' } })).map((a) => a.action);

const choices = [{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }, { key: 'C', text: '丙' }];

describe('questions by form', () => {
  it('creates each type, edits type, options and key together, and refuses an edit that breaks the question', async () => {
    const a = await createTenant(t);
    const admin = bearer(a.admin.token);
    const made: Record<string, string> = {};
    for (const q of [
      { type: 'single', stem: '单选题', options: choices, answer: ['B'] },
      { type: 'multiple', stem: '多选题', options: choices, answer: ['A', 'C'] },
      { type: 'true_false', stem: '判断题', answer: [true] },
      { type: 'fill', stem: '填空题', answer: ['北京', '北京市'] },
    ]) {
      made[q.type] = (await t.http.post('/api/v1/questions').set(admin).send({ ...q, explanation: '解析', tags: ['安全'], difficulty: 2 }).expect(201)).body.question.id;
    }
    // A single-choice question becomes true/false: its options go, its key is a boolean.
    const tf = await t.http.patch(`/api/v1/questions/${made.single}`).set(admin).send({ type: 'true_false', answer: [false] }).expect(200);
    expect(tf.body.question).toMatchObject({ type: 'true_false', options: null, answer: [false] });
    // New options and key for the multiple-choice question.
    const mc = await t.http.patch(`/api/v1/questions/${made.multiple}`).set(admin)
      .send({ options: [...choices, { key: 'D', text: '丁' }], answer: ['B', 'D'], stem: '新题干' }).expect(200);
    expect(mc.body.question).toMatchObject({ stem: '新题干', answer: ['B', 'D'] });
    expect(mc.body.question.options).toHaveLength(4);

    // A key naming an option that is not there, a single choice with two answers, a boolean fill-in: 400, nothing changed.
    for (const [id, body] of [
      [made.multiple, { answer: ['E'] }],
      [made.multiple, { type: 'single' }],
      [made.fill, { answer: [true] }],
      [made.true_false, { type: 'single' }],
    ] as const) {
      const res = await t.http.patch(`/api/v1/questions/${id}`).set(admin).send(body).expect(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect((await t.http.get(`/api/v1/questions/${made.multiple}`).set(admin).expect(200)).body.question.answer).toEqual(['B', 'D']);
    expect(await actions(a.id)).toEqual(['question.create', 'question.create', 'question.create', 'question.create', 'question.update', 'question.update']);
  });

  it('deleting archives: gone from the bank list, still readable by id for papers that name it', async () => {
    const a = await createTenant(t);
    const member = await createMember(t, a.id);
    const admin = bearer(a.admin.token);
    const q = await createQuestion(t, a.id);
    await t.http.delete(`/api/v1/questions/${q.id}`).expect(401);
    await t.http.delete(`/api/v1/questions/${q.id}`).set(bearer(member.token)).expect(403);
    await expectOtherTenantGets404(t, { method: 'delete', url: `/api/v1/questions/${q.id}` }, () => t.deps.db.prisma.question.findUnique({ where: { id: q.id } }));
    await expectOtherTenantGets404(t, { method: 'patch', url: `/api/v1/questions/${q.id}`, body: { stem: '改' } });
    await t.http.delete(`/api/v1/questions/${q.id}`).set(admin).expect(204);
    expect((await t.http.get('/api/v1/questions').set(admin).expect(200)).body.items).toHaveLength(0);
    const archived = await t.http.get('/api/v1/questions?archived=true').set(admin).expect(200);
    expect(archived.body.items.map((x: { id: string }) => x.id)).toEqual([q.id]);
    await t.http.get('/api/v1/questions?archived=maybe').set(admin).expect(400);
    expect(await actions(a.id)).toContain('question.delete');
  });

  it('question writes survive fuzzing', async () => {
    const a = await createTenant(t);
    const q = await createQuestion(t, a.id);
    await expectFuzzHandled(t, { method: 'post', url: '/api/v1/questions', token: a.admin.token, valid: { type: 'single', stem: '题', options: choices, answer: ['A'] } }, { allowSuccess: true });
    await expectFuzzHandled(t, { method: 'patch', url: `/api/v1/questions/${q.id}`, token: a.admin.token, valid: { stem: '题', options: choices, answer: ['A'] } }, { allowSuccess: true });
  });
});

describe('exam settings', () => {
  it('edits attempts, pass score, window, shuffle and switch-away limit; refuses a window that closes before it opens', async () => {
    const a = await createTenant(t);
    const admin = bearer(a.admin.token);
    const exam = (await t.http.post('/api/v1/exams').set(admin).send({ title: '月考' }).expect(201)).body.exam;
    expect(exam).toMatchObject({ opensAt: null, closesAt: null, shuffleQuestions: false });
    const opensAt = new Date(Date.now() + 3_600_000).toISOString();
    const closesAt = new Date(Date.now() + 7_200_000).toISOString();
    const res = await t.http.patch(`/api/v1/exams/${exam.id}`).set(admin)
      .send({ maxAttempts: 3, passScore: 80, opensAt, closesAt, shuffleQuestions: true, maxSwitchAways: 2, timeLimitSec: 1200 }).expect(200);
    expect(res.body.exam).toMatchObject({ maxAttempts: 3, passScore: 80, opensAt, closesAt, shuffleQuestions: true, maxSwitchAways: 2, timeLimitSec: 1200 });
    // Closing before the stored opening, in the body or against the row: 400.
    await t.http.patch(`/api/v1/exams/${exam.id}`).set(admin).send({ opensAt: closesAt, closesAt: opensAt }).expect(400);
    expect((await t.http.patch(`/api/v1/exams/${exam.id}`).set(admin).send({ closesAt: new Date(Date.now()).toISOString() }).expect(400)).body.error.code).toBe('exam_window_invalid');
    await t.http.patch(`/api/v1/exams/${exam.id}`).set(admin).send({ opensAt: null, closesAt: null }).expect(200);
    await t.http.patch(`/api/v1/exams/${exam.id}`).send({ passScore: 1 }).expect(401);
    await expectOtherTenantGets404(t, { method: 'patch', url: `/api/v1/exams/${exam.id}`, body: { passScore: 1 } }, () => t.deps.db.prisma.exam.findUnique({ where: { id: exam.id } }));
    await expectFuzzHandled(t, { method: 'patch', url: `/api/v1/exams/${exam.id}`, token: a.admin.token, valid: { title: '月考', maxAttempts: 2, passScore: 60, shuffleQuestions: false } }, { allowSuccess: true });
    expect(await actions(a.id)).toEqual(expect.arrayContaining(['exam.create', 'exam.update']));
  });

  it('starts attempts only inside the window; an attempt already open may be resumed after it closes', async () => {
    const a = await createTenant(t);
    const taker = await createMember(t, a.id);
    const q = await createQuestion(t, a.id);
    const exam = await createExam(t, a.id, [q.id]);
    const clock = fakeClock();
    try {
      await t.deps.db.prisma.exam.update({ where: { id: exam.id }, data: { opensAt: new Date(clock.now + 60_000), closesAt: new Date(clock.now + 120_000) } });
      const early = await t.http.post(`/api/v1/exams/${exam.id}/attempts`).set(bearer(taker.token)).expect(409);
      expect(early.body.error.code).toBe('exam_not_open');
      clock.advance(61);
      const started = await t.http.post(`/api/v1/exams/${exam.id}/attempts`).set(bearer(taker.token)).expect(201);
      clock.advance(60);
      // Closed now: the open attempt resumes; once submitted, no new attempt starts.
      const resumed = await t.http.post(`/api/v1/exams/${exam.id}/attempts`).set(bearer(taker.token)).expect(200);
      expect(resumed.body.attempt.id).toBe(started.body.attempt.id);
      await t.http.post(`/api/v1/attempts/${started.body.attempt.id}/submit`).set(bearer(taker.token)).expect(200);
      expect((await t.http.post(`/api/v1/exams/${exam.id}/attempts`).set(bearer(taker.token)).expect(409)).body.error.code).toBe('exam_window_closed');
    } finally {
      clock.restore();
    }
  });

  it('a shuffled fixed paper gives takers the same questions in orders of their own', async () => {
    const a = await createTenant(t);
    const qs = [];
    for (let i = 0; i < 8; i++) qs.push(await createQuestion(t, a.id));
    const exam = await createExam(t, a.id, qs.map((q) => q.id));
    await t.http.patch(`/api/v1/exams/${exam.id}`).set(bearer(a.admin.token)).send({ shuffleQuestions: true }).expect(200);
    const orders = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const m = await createMember(t, a.id);
      const res = await t.http.post(`/api/v1/exams/${exam.id}/attempts`).set(bearer(m.token)).expect(201);
      const ids = res.body.questions.map((q: { id: string }) => q.id);
      expect([...ids].sort()).toEqual(qs.map((q) => q.id).sort());
      orders.add(ids.join());
    }
    // Six takers, 8! orders: all alike would happen with probability (1/40320)^5.
    expect(orders.size).toBeGreaterThan(1);
  });
});

describe('deleting an exam', () => {
  it('removes an unused exam; one with attempts, or named by a course, is 409 exam_in_use', async () => {
    const a = await createTenant(t);
    const member = await createMember(t, a.id);
    const admin = bearer(a.admin.token);
    const q = await createQuestion(t, a.id);
    const unused = (await t.http.post('/api/v1/exams').set(admin).send({ title: '草稿考试' }).expect(201)).body.exam;
    await t.http.put(`/api/v1/exams/${unused.id}/questions`).set(admin).send({ questions: [{ questionId: q.id, score: 100 }] }).expect(200);
    await t.http.delete(`/api/v1/exams/${unused.id}`).expect(401);
    await t.http.delete(`/api/v1/exams/${unused.id}`).set(bearer(member.token)).expect(403);
    await expectOtherTenantGets404(t, { method: 'delete', url: `/api/v1/exams/${unused.id}` }, () => t.deps.db.prisma.exam.findUnique({ where: { id: unused.id } }));
    await t.http.delete(`/api/v1/exams/${unused.id}`).set(admin).expect(204);
    await t.http.get(`/api/v1/exams/${unused.id}`).set(admin).expect(404);

    const taken = await createExam(t, a.id, [q.id]);
    await t.http.post(`/api/v1/exams/${taken.id}/attempts`).set(bearer(member.token)).expect(201);
    expect((await t.http.delete(`/api/v1/exams/${taken.id}`).set(admin).expect(409)).body.error).toMatchObject({ code: 'exam_in_use', details: { attempts: 1 } });
    expect((await t.http.post(`/api/v1/exams/${taken.id}/close`).set(admin).expect(200)).body.exam.status).toBe('closed');
    expect(await actions(a.id)).toEqual(expect.arrayContaining(['exam.paper', 'exam.delete', 'exam.close']));
  });
});
