import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createTenant, createMember } from '../../factories';
import { completeChapter, createCourse, createExam, createKbDocument, createQuestion, fakeClock } from '../../factories/training';
import { expectOtherTenantGets404 } from '../../support/isolation';

let t: TestApp;
let clock: ReturnType<typeof fakeClock>;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());
beforeEach(() => (clock = fakeClock()));
afterEach(() => clock.restore());

const DAY = 86_400_000;

describe('my tasks: progress and the next step', () => {
  it('follows the task order: a document to read, then each chapter of a course, then the course exam; a completed task has none', async () => {
    const a = await createTenant(t);
    const admin = bearer(a.admin.token);
    const m = await createMember(t, a.id);
    const q = await createQuestion(t, a.id);
    const courseExam = await createExam(t, a.id, [q.id]);
    await t.deps.db.prisma.exam.update({ where: { id: courseExam.id }, data: { title: '消防考试' } });
    const course = await createCourse(t, a.id, { title: '消防安全', examId: courseExam.id, chapters: [{ kind: 'video' }, { kind: 'article' }] });
    const standalone = await createExam(t, a.id, [q.id]);
    const doc = await createKbDocument(t, a.id, a.admin.id);
    const window = { startsAt: new Date(clock.now - DAY).toISOString(), dueAt: new Date(clock.now + 10 * DAY).toISOString(), targets: [{ kind: 'member', refId: m.id }] };
    const make = async (title: string, items: Array<{ kind: string; refId: string }>) =>
      (await t.http.post('/api/v1/tasks').set(admin).send({ ...window, title, items }).expect(201)).body.task.id as string;
    const main = await make('年度培训', [{ kind: 'document', refId: doc.id }, { kind: 'course', refId: course.id }, { kind: 'exam', refId: standalone.id }]);
    const examOnly = await make('考试任务', [{ kind: 'exam', refId: standalone.id }]);

    const card = async (id: string) => {
      const items = (await t.http.get('/api/v1/me/tasks').set(bearer(m.token)).expect(200)).body.items as Array<Record<string, unknown>>;
      return items.find((i) => i.id === id)!;
    };
    await t.http.get('/api/v1/me/tasks').expect(401);

    expect(await card(main)).toMatchObject({ itemsDone: 0, itemsTotal: 3, progress: 0, next: { kind: 'document', refId: doc.id, title: '员工手册' } });
    expect(await card(examOnly)).toMatchObject({ progress: 0, next: { kind: 'exam', refId: standalone.id, title: '结业考试', courseId: null } });

    // The document read: the course's first chapter is next. The task detail says the same.
    await t.http.post(`/api/v1/tasks/${main}/documents/${doc.id}/read`).set(bearer(m.token)).expect(200);
    expect(await card(main)).toMatchObject({ itemsDone: 1, progress: 0.333, next: { kind: 'course', refId: course.id, title: '消防安全', chapter: { id: course.chapters[0].id, title: '第1章', number: 1 } } });
    const detail = await t.http.get(`/api/v1/tasks/${main}`).set(bearer(m.token)).expect(200);
    expect(detail.body.mine).toMatchObject({ itemsDone: 1, itemsTotal: 3, next: { kind: 'course', chapter: { number: 1 } } });

    // One chapter of two done; the course also has its exam: one part of three.
    await completeChapter(t, a.id, m.id, course.id, course.chapters[0].id);
    expect(await card(main)).toMatchObject({ progress: 0.444, next: { kind: 'course', chapter: { id: course.chapters[1].id, number: 2 } } });
    // Every chapter done: the course's exam is next.
    await completeChapter(t, a.id, m.id, course.id, course.chapters[1].id);
    expect(await card(main)).toMatchObject({ progress: 0.556, next: { kind: 'exam', refId: courseExam.id, title: '消防考试', courseId: course.id } });

    // A task whose only item is done is complete: whole, nothing next.
    const readOnly = await make('阅读任务', [{ kind: 'document', refId: doc.id }]);
    expect(await card(readOnly)).toMatchObject({ status: 'completed', itemsDone: 1, itemsTotal: 1, progress: 1, next: null });

    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/tasks/${main}` });
  });
});
