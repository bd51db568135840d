/**
 * Defect 10 (issue 13): unchecked references. A chapter's `knowledgeDocId` accepted another
 * enterprise's document (201). Every id a client sends in a body or a query is looked up inside
 * the session's enterprise: another enterprise's id answers exactly as an id that does not exist.
 */
import { randomBytes } from 'node:crypto';
import type { Response, Test } from 'supertest';
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { addToDepartment, createDepartment, createMember, createTenant, type TestMember } from '../../factories';
import { createCourse, createExam, createQuestion, enrolMember } from '../../factories/training';
import { createFolder, createKbNode, createSpace } from '../../factories/knowledge';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

/** One enterprise with one of everything a request can point at. */
async function world() {
  const tenant = await createTenant(t);
  const member = await createMember(t, tenant.id);
  const department = await createDepartment(t, tenant.id);
  await addToDepartment(t, tenant.id, department.id, member.id);
  const course = await createCourse(t, tenant.id, { chapters: [{ kind: 'video' }, { kind: 'article' }] });
  const question = await createQuestion(t, tenant.id);
  const exam = await createExam(t, tenant.id, [question.id]);
  const admin = bearer(tenant.admin.token);
  const category = (await t.http.post('/api/v1/course-categories').set(admin).send({ name: '安全' }).expect(201)).body.category;
  const space = await createSpace(t, tenant.admin.token);
  const folder = await createFolder(t, tenant.admin.token, space.id, '制度');
  const doc = await createKbNode(t, tenant.admin.token, space.id, { title: '员工手册', body: '<p>正文</p>' });
  const comment = (await t.http.post(`/api/v1/docs/${doc.id}/comments`).set(admin).send({ body: '好' }).expect(201)).body.comment;
  return { tenant, admin, member, department, course, chapter: course.chapters[0], question, exam, category, space, folder, doc, comment };
}

const missingId = () => `c${randomBytes(12).toString('hex')}`;
const outcome = (res: Response) => ({ status: res.status, code: res.body?.error?.code ?? null, items: res.body?.items ?? null });

/** The request with another enterprise's id answers exactly as with an id that exists nowhere — a 4xx, and nothing written. */
async function expectLikeMissing(what: string, send: (id: string) => Test, foreignId: string, written?: () => Promise<number>) {
  const before = written && (await written());
  const foreign = outcome(await send(foreignId));
  const missing = outcome(await send(missingId()));
  expect({ what, ...foreign }).toEqual({ what, ...missing });
  if (foreign.items === null) expect({ what, status: foreign.status >= 400 && foreign.status < 500 }).toEqual({ what, status: true });
  if (written) expect({ what, written: await written() }).toEqual({ what, written: before });
}

let a: Awaited<ReturnType<typeof world>>;
let b: Awaited<ReturnType<typeof world>>;
beforeAll(async () => {
  [a, b] = await Promise.all([world(), world()]);
});

describe('defect 10: ids in bodies are checked inside the tenant', () => {
  it('course chapters: knowledgeDocId on create and update', async () => {
    const chapters = () => t.deps.db.prisma.chapter.count({ where: { tenantId: a.tenant.id } });
    await expectLikeMissing('chapter.knowledgeDocId (create)', (id) => t.http.post(`/api/v1/courses/${a.course.id}/chapters`).set(a.admin).send({ title: '知识', kind: 'knowledge', knowledgeDocId: id }), b.doc.id, chapters);
    const res = await t.http.post(`/api/v1/courses/${a.course.id}/chapters`).set(a.admin).send({ title: '知识', kind: 'knowledge', knowledgeDocId: b.doc.id });
    expect(res.body.error.code).toBe('unknown_document');
    await expectLikeMissing('chapter.knowledgeDocId (update)', (id) => t.http.patch(`/api/v1/chapters/${a.chapter.id}`).set(a.admin).send({ knowledgeDocId: id }), b.doc.id);
    expect((await t.deps.db.prisma.chapter.findUniqueOrThrow({ where: { id: a.chapter.id } })).knowledgeDocId).toBeNull();
    // The enterprise's own document is accepted.
    await t.http.post(`/api/v1/courses/${a.course.id}/chapters`).set(a.admin).send({ title: '知识', kind: 'knowledge', knowledgeDocId: a.doc.id }).expect(201);
  });

  it('courses: categoryId and examId on create and update', async () => {
    const courses = () => t.deps.db.prisma.course.count({ where: { tenantId: a.tenant.id } });
    await expectLikeMissing('course.categoryId (create)', (id) => t.http.post('/api/v1/courses').set(a.admin).send({ title: '课', categoryId: id }), b.category.id, courses);
    await expectLikeMissing('course.examId (create)', (id) => t.http.post('/api/v1/courses').set(a.admin).send({ title: '课', examId: id }), b.exam.id, courses);
    await expectLikeMissing('course.categoryId (update)', (id) => t.http.patch(`/api/v1/courses/${a.course.id}`).set(a.admin).send({ categoryId: id }), b.category.id);
    await expectLikeMissing('course.examId (update)', (id) => t.http.patch(`/api/v1/courses/${a.course.id}`).set(a.admin).send({ examId: id }), b.exam.id);
  });

  it('course chapter order: chapterIds', async () => {
    const own = a.course.chapters.map((c) => c.id);
    await expectLikeMissing('chapter-order chapterIds', (id) => t.http.put(`/api/v1/courses/${a.course.id}/chapter-order`).set(a.admin).send({ chapterIds: [...own.slice(1), id] }), b.chapter.id);
  });

  it('course enrolments: memberIds', async () => {
    const enrolments = () => t.deps.db.prisma.enrolment.count({ where: { tenantId: a.tenant.id } });
    await expectLikeMissing('enrolment.memberIds', (id) => t.http.post(`/api/v1/courses/${a.course.id}/enrolments`).set(a.admin).send({ memberIds: [a.member.id, id] }), b.member.id, enrolments);
  });

  it('exams: courseId on create and update; the paper’s question ids; an attempt’s answers', async () => {
    const exams = () => t.deps.db.prisma.exam.count({ where: { tenantId: a.tenant.id } });
    await expectLikeMissing('exam.courseId (create)', (id) => t.http.post('/api/v1/exams').set(a.admin).send({ title: '考', courseId: id }), b.course.id, exams);
    await expectLikeMissing('exam.courseId (update)', (id) => t.http.patch(`/api/v1/exams/${a.exam.id}`).set(a.admin).send({ courseId: id }), b.course.id);
    expect((await t.deps.db.prisma.exam.findUniqueOrThrow({ where: { id: a.exam.id } })).courseId).toBeNull();
    const paper = () => t.deps.db.prisma.examQuestion.count({ where: { examId: a.exam.id } });
    await expectLikeMissing('exam paper questionId', (id) => t.http.put(`/api/v1/exams/${a.exam.id}/questions`).set(a.admin).send({ questions: [{ questionId: a.question.id, score: 50 }, { questionId: id, score: 50 }] }), b.question.id, paper);

    const taker = await createMember(t, a.tenant.id);
    const attempt = (await t.http.post(`/api/v1/exams/${a.exam.id}/attempts`).set(bearer(taker.token)).expect(201)).body.attempt;
    const answers = () => t.deps.db.prisma.examAnswer.count({ where: { attemptId: attempt.id } });
    await expectLikeMissing('attempt answer questionId', (id) => t.http.put(`/api/v1/attempts/${attempt.id}/answers`).set(bearer(taker.token)).send({ answers: [{ questionId: id, answer: 'A' }] }), b.question.id, answers);
  });

  it('tasks: items (course, exam, document) and targets (department, member)', async () => {
    const tasks = () => t.deps.db.prisma.trainingTask.count({ where: { tenantId: a.tenant.id } });
    const task = (items: unknown[], targets: unknown[]) =>
      t.http.post('/api/v1/tasks').set(a.admin).send({ title: '培训', startsAt: '2026-12-01T00:00:00Z', dueAt: '2027-01-01T00:00:00Z', items, targets });
    const enterprise = [{ kind: 'enterprise' }];
    await expectLikeMissing('task item course', (id) => task([{ kind: 'course', refId: id }], enterprise), b.course.id, tasks);
    await expectLikeMissing('task item exam', (id) => task([{ kind: 'exam', refId: id }], enterprise), b.exam.id, tasks);
    await expectLikeMissing('task item document', (id) => task([{ kind: 'document', refId: id }], enterprise), b.doc.id, tasks);
    const items = [{ kind: 'course', refId: a.course.id }];
    await expectLikeMissing('task target department', (id) => task(items, [{ kind: 'department', refId: id }]), b.department.id, tasks);
    await expectLikeMissing('task target member', (id) => task(items, [{ kind: 'member', refId: id }]), b.member.id, tasks);
    const created = (await task(items, enterprise).expect(201)).body.task;
    const targets = () => t.deps.db.prisma.taskTarget.count({ where: { taskId: created.id, kind: 'enterprise' } });
    await expectLikeMissing('task audience department (update)', (id) => t.http.patch(`/api/v1/tasks/${created.id}`).set(a.admin).send({ targets: [{ kind: 'department', refId: id }] }), b.department.id, targets);
    await expectLikeMissing('task audience member (update)', (id) => t.http.patch(`/api/v1/tasks/${created.id}`).set(a.admin).send({ targets: [{ kind: 'member', refId: id }] }), b.member.id, targets);
  });

  it('admin messages: memberIds and departmentIds', async () => {
    const messages = () => t.deps.db.prisma.appMessage.count({ where: { tenantId: a.tenant.id } });
    const card = { kind: 'textcard', title: '提醒', description: '请学习', url: 'https://qixue.example.com/a' };
    await expectLikeMissing('message memberIds', (id) => t.http.post('/api/v1/admin/messages').set(a.admin).send({ memberIds: [id], card }), b.member.id, messages);
    await expectLikeMissing('message departmentIds', (id) => t.http.post('/api/v1/admin/messages').set(a.admin).send({ departmentIds: [id], card }), b.department.id, messages);
  });

  it('knowledge base: grant subjects, comment parents, node parents and destinations', async () => {
    const grants = () => t.deps.db.prisma.kbPermission.count({ where: { tenantId: a.tenant.id } });
    await expectLikeMissing('grant member', (id) => t.http.post(`/api/v1/spaces/${a.space.id}/permissions`).set(a.admin).send({ subjectKind: 'member', subjectId: id, role: 'viewer' }), b.member.id, grants);
    await expectLikeMissing('grant department', (id) => t.http.post(`/api/v1/nodes/${a.doc.id}/permissions`).set(a.admin).send({ subjectKind: 'department', subjectId: id, role: 'viewer' }), b.department.id, grants);
    const comments = () => t.deps.db.prisma.kbComment.count({ where: { tenantId: a.tenant.id } });
    await expectLikeMissing('comment parentId', (id) => t.http.post(`/api/v1/docs/${a.doc.id}/comments`).set(a.admin).send({ body: '回复', parentId: id }), b.comment.id, comments);
    const nodes = () => t.deps.db.prisma.kbNode.count({ where: { tenantId: a.tenant.id } });
    await expectLikeMissing('node parentId', (id) => t.http.post(`/api/v1/spaces/${a.space.id}/nodes`).set(a.admin).send({ kind: 'document', title: '新', parentId: id }), b.folder.id, nodes);
    await expectLikeMissing('move spaceId', (id) => t.http.post(`/api/v1/nodes/${a.doc.id}/move`).set(a.admin).send({ spaceId: id }), b.space.id);
    await expectLikeMissing('move parentId', (id) => t.http.post(`/api/v1/nodes/${a.doc.id}/move`).set(a.admin).send({ spaceId: a.space.id, parentId: id }), b.folder.id);
    await expectLikeMissing('copy spaceId', (id) => t.http.post(`/api/v1/nodes/${a.doc.id}/copy`).set(a.admin).send({ spaceId: id }), b.space.id, nodes);
  });

  it('study: a session’s course and a heartbeat’s chapter', async () => {
    const learner: TestMember = await createMember(t, a.tenant.id);
    await enrolMember(t, a.tenant.id, a.course.id, learner.id);
    const sessions = () => t.deps.db.prisma.studySession.count({ where: { tenantId: a.tenant.id, memberId: learner.id } });
    await expectLikeMissing('study session courseId', (id) => t.http.post('/api/v1/study-sessions').set(bearer(learner.token)).send({ courseId: id }), b.course.id, sessions);
    const session = (await t.http.post('/api/v1/study-sessions').set(bearer(learner.token)).send({ courseId: a.course.id }).expect(201)).body.studySession;
    let seq = 0;
    const progress = () => t.deps.db.prisma.chapterProgress.count({ where: { tenantId: a.tenant.id, memberId: learner.id } });
    await expectLikeMissing('heartbeat chapterId', (id) => t.http.post(`/api/v1/study-sessions/${session.id}/heartbeats`).set(bearer(learner.token)).send({ chapterId: id, position: 1, state: 'playing', clientSeq: ++seq }), b.chapter.id, progress);
  });
});

describe('defect 10: ids in queries filter inside the tenant', () => {
  it('a filter by another enterprise’s id finds what a filter by a missing id finds', async () => {
    await expectLikeMissing('members ?departmentId', (id) => t.http.get('/api/v1/members').query({ departmentId: id }).set(a.admin), b.department.id);
    await expectLikeMissing('departments ?parentId', (id) => t.http.get('/api/v1/departments').query({ parentId: id }).set(a.admin), b.department.id);
    await expectLikeMissing('courses ?categoryId', (id) => t.http.get('/api/v1/courses').query({ categoryId: id }).set(a.admin), b.category.id);
    await expectLikeMissing('suspicious-events ?memberId', (id) => t.http.get('/api/v1/suspicious-events').query({ memberId: id }).set(a.admin), b.member.id);
    await expectLikeMissing('search ?spaceId', (id) => t.http.get('/api/v1/search').query({ q: '员工手册', spaceId: id }).set(a.admin), b.space.id);
  });
});
