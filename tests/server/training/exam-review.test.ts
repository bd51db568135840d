/**
 * The answer review (GET /api/v1/attempts/:id): each question with my answer, the right answer and
 * the explanation — only after submission and only when the exam shows answers ('full'); never
 * during the attempt, never to a colleague, never to another enterprise.
 */
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createTenant, createMember } from '../../factories';
import { createExam, createQuestion } from '../../factories/training';
import { expectOtherTenantGets404 } from '../../support/isolation';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

async function setup(resultVisibility: 'hidden' | 'score' | 'full') {
  const a = await createTenant(t);
  const m = await createMember(t, a.id);
  const single = await createQuestion(t, a.id, { type: 'single' });
  const judge = await createQuestion(t, a.id, { type: 'true_false' });
  await t.deps.db.prisma.question.update({ where: { id: single.id }, data: { explanation: '甲是唯一正确的选项' } });
  const exam = await createExam(t, a.id, [single.id, judge.id], { resultVisibility });
  const attempt = (await t.http.post(`/api/v1/exams/${exam.id}/attempts`).set(bearer(m.token)).expect(201)).body.attempt.id as string;
  await t.http.put(`/api/v1/attempts/${attempt}/answers`).set(bearer(m.token)).send({ answers: [{ questionId: single.id, answer: 'B' }] }).expect(200);
  return { a, m, single, judge, attempt };
}

describe('the answer review', () => {
  it('after submission, when the exam shows answers: my answer, the right one and the explanation', async () => {
    const { a, m, single, judge, attempt } = await setup('full');
    const during = await t.http.get(`/api/v1/attempts/${attempt}`).set(bearer(m.token)).expect(200);
    expect(JSON.stringify(during.body)).not.toMatch(/correctAnswer|explanation|甲是唯一/);

    await t.http.post(`/api/v1/attempts/${attempt}/submit`).set(bearer(m.token)).expect(200);
    const review = await t.http.get(`/api/v1/attempts/${attempt}`).set(bearer(m.token)).expect(200);
    expect(review.body.questions).toEqual([
      expect.objectContaining({ id: single.id, type: 'single', stem: '题目 single', yourAnswer: 'B', correctAnswer: ['A'], explanation: '甲是唯一正确的选项', correct: false }),
      expect.objectContaining({ id: judge.id, type: 'true_false', yourAnswer: null, correctAnswer: [true], explanation: null, correct: false }),
    ]);
    expect(review.body.questions[0].options).toEqual([{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }, { key: 'C', text: '丙' }]);

    // A colleague cannot open it; another enterprise gets 404.
    const colleague = await createMember(t, a.id);
    await t.http.get(`/api/v1/attempts/${attempt}`).set(bearer(colleague.token)).expect(404);
    await t.http.get(`/api/v1/attempts/${attempt}`).expect(401);
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/attempts/${attempt}` });
  });

  it('an exam that shows the score only (or nothing) never reviews answers', async () => {
    for (const visibility of ['score', 'hidden'] as const) {
      const { m, attempt } = await setup(visibility);
      await t.http.post(`/api/v1/attempts/${attempt}/submit`).set(bearer(m.token)).expect(200);
      const res = await t.http.get(`/api/v1/attempts/${attempt}`).set(bearer(m.token)).expect(200);
      expect(res.body.questions).toBeUndefined();
      expect(JSON.stringify(res.body)).not.toMatch(/correctAnswer|explanation/);
    }
  });
});
