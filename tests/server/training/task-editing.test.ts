/** Admin editing of training tasks: the audience replaced, due date and required flag, archive; drafts cannot be assigned. */
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { addToDepartment, createDepartment, createMember, createTenant } from '../../factories';
import { createCourse, createExam, createKbDocument, createQuestion } from '../../factories/training';
import { expectOtherTenantGets404 } from '../../support/isolation';
import { expectFuzzHandled } from '../../support/fuzz';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const DAY = 86_400_000;

describe('editing a task', () => {
  it('courses, exams and documents as items; the audience, due date and required flag change; the totals follow', async () => {
    const a = await createTenant(t);
    const admin = bearer(a.admin.token);
    const sales = await createDepartment(t, a.id);
    const ops = await createDepartment(t, a.id);
    const [s1, s2, o1] = [await createMember(t, a.id), await createMember(t, a.id), await createMember(t, a.id)];
    await addToDepartment(t, a.id, sales.id, s1.id);
    await addToDepartment(t, a.id, sales.id, s2.id);
    await addToDepartment(t, a.id, ops.id, o1.id);
    const course = await createCourse(t, a.id);
    const exam = await createExam(t, a.id, [(await createQuestion(t, a.id)).id]);
    const doc = await createKbDocument(t, a.id, a.admin.id);
    const created = await t.http.post('/api/v1/tasks').set(admin).send({
      title: '季度培训', required: true, startsAt: new Date().toISOString(), dueAt: new Date(Date.now() + 7 * DAY).toISOString(),
      items: [{ kind: 'course', refId: course.id }, { kind: 'exam', refId: exam.id }, { kind: 'document', refId: doc.id }],
      targets: [{ kind: 'department', refId: sales.id }],
    }).expect(201);
    const id = created.body.task.id;
    expect(created.body.summary.assignees).toBe(2);

    const dueAt = new Date(Date.now() + 14 * DAY).toISOString();
    const res = await t.http.patch(`/api/v1/tasks/${id}`).set(admin)
      .send({ targets: [{ kind: 'department', refId: ops.id }, { kind: 'member', refId: s1.id }], dueAt, required: false }).expect(200);
    expect(res.body.task).toMatchObject({ dueAt, required: false });
    expect(res.body.targets).toEqual(expect.arrayContaining([{ kind: 'department', refId: ops.id }, { kind: 'member', refId: s1.id }]));
    expect(res.body.summary.assignees).toBe(2);
    // s2 left the audience: the task is gone for them; o1 joined it.
    await t.http.get(`/api/v1/tasks/${id}`).set(bearer(s2.token)).expect(404);
    expect((await t.http.get(`/api/v1/tasks/${id}`).set(bearer(o1.token)).expect(200)).body.mine.items).toHaveLength(3);

    // Another enterprise's department, an empty audience, a due date before the start: 400, nothing changed.
    const b = await createTenant(t);
    const foreign = await createDepartment(t, b.id);
    expect((await t.http.patch(`/api/v1/tasks/${id}`).set(admin).send({ targets: [{ kind: 'department', refId: foreign.id }] }).expect(400)).body.error.code).toBe('unknown_target');
    await t.http.patch(`/api/v1/tasks/${id}`).set(admin).send({ targets: [] }).expect(400);
    await t.http.patch(`/api/v1/tasks/${id}`).set(admin).send({ dueAt: new Date(Date.now() - DAY).toISOString() }).expect(400);
    expect(await t.deps.db.prisma.taskTarget.count({ where: { taskId: id } })).toBe(2);

    await t.http.patch(`/api/v1/tasks/${id}`).send({ required: true }).expect(401);
    await expectOtherTenantGets404(t, { method: 'patch', url: `/api/v1/tasks/${id}`, body: { targets: [{ kind: 'enterprise' }] } }, () => t.deps.db.prisma.taskTarget.findMany({ where: { taskId: id } }));
    await expectFuzzHandled(t, { method: 'patch', url: `/api/v1/tasks/${id}`, token: a.admin.token, valid: { title: '季度培训', required: true, dueAt, targets: [{ kind: 'enterprise' }] } }, { allowSuccess: true });

    // Archiving hides it from the list and from the audience.
    await t.http.delete(`/api/v1/tasks/${id}`).set(admin).expect(204);
    expect((await t.http.get('/api/v1/tasks').set(admin).expect(200)).body.items).toHaveLength(0);
    await t.http.get(`/api/v1/tasks/${id}`).set(bearer(o1.token)).expect(404);
    const audit = (await t.deps.db.prisma.auditLog.findMany({ where: { tenantId: a.id, targetId: id }, select: { action: true } })).map((x) => x.action);
    expect(audit).toEqual(expect.arrayContaining(['task.create', 'task.update', 'task.archive']));
  });

  it('a draft or unpublished course cannot be assigned', async () => {
    const a = await createTenant(t);
    const admin = bearer(a.admin.token);
    for (const status of ['draft', 'unpublished'] as const) {
      const course = await createCourse(t, a.id, { status });
      const res = await t.http.post('/api/v1/tasks').set(admin).send({
        title: '任务', startsAt: new Date().toISOString(), dueAt: new Date(Date.now() + DAY).toISOString(),
        items: [{ kind: 'course', refId: course.id }], targets: [{ kind: 'enterprise' }],
      }).expect(400);
      expect(res.body.error.code).toBe('unknown_item');
    }
    expect(await t.deps.db.prisma.trainingTask.count({ where: { tenantId: a.id } })).toBe(0);
  });

  it('contents change after creation: kept items keep what people did, removed ones go, added ones count past work; completion follows', async () => {
    const a = await createTenant(t);
    const admin = bearer(a.admin.token);
    const [m1, m2] = [await createMember(t, a.id), await createMember(t, a.id)];
    const doc = await createKbDocument(t, a.id, a.admin.id);
    const doc2 = await createKbDocument(t, a.id, a.admin.id);
    const course = await createCourse(t, a.id);
    const exam = await createExam(t, a.id, [(await createQuestion(t, a.id)).id]);
    const created = await t.http.post('/api/v1/tasks').set(admin).send({
      title: '制度学习', startsAt: new Date().toISOString(), dueAt: new Date(Date.now() + 7 * DAY).toISOString(),
      items: [{ kind: 'document', refId: doc.id }, { kind: 'course', refId: course.id }], targets: [{ kind: 'member', refId: m1.id }, { kind: 'member', refId: m2.id }],
    }).expect(201);
    const id = created.body.task.id;
    await t.http.post(`/api/v1/tasks/${id}/documents/${doc.id}/read`).set(bearer(m1.token)).expect(200);
    // m2 read the second document in the knowledge base before it was part of the task.
    await t.deps.db.prisma.kbView.create({ data: { tenantId: a.id, nodeId: doc2.id, memberId: m2.id, firstViewedAt: new Date(), lastViewedAt: new Date() } });

    // The course removed: m1, who read the document, is complete.
    const noCourse = await t.http.patch(`/api/v1/tasks/${id}`).set(admin).send({ items: [{ kind: 'document', refId: doc.id }] }).expect(200);
    expect(noCourse.body.items).toEqual([expect.objectContaining({ kind: 'document', refId: doc.id })]);
    expect(noCourse.body.summary).toMatchObject({ assignees: 2, completed: 1 });
    expect((await t.http.get(`/api/v1/tasks/${id}`).set(bearer(m1.token)).expect(200)).body.mine).toMatchObject({ status: 'completed', progress: 1 });

    // An exam and the second document added, first in order: m1 is not complete any more; m2's earlier read counts.
    const more = await t.http.patch(`/api/v1/tasks/${id}`).set(admin)
      .send({ items: [{ kind: 'exam', refId: exam.id }, { kind: 'document', refId: doc2.id }, { kind: 'document', refId: doc.id }] }).expect(200);
    expect(more.body.items.map((i: { refId: string; title: string }) => [i.refId, i.title])).toEqual([[exam.id, '结业考试'], [doc2.id, '员工手册'], [doc.id, '员工手册']]);
    expect(more.body.summary).toMatchObject({ assignees: 2, completed: 0 });
    const mine1 = (await t.http.get(`/api/v1/tasks/${id}`).set(bearer(m1.token)).expect(200)).body.mine;
    expect(mine1).toMatchObject({ status: 'in_progress', itemsDone: 1, itemsTotal: 3, next: { kind: 'exam', refId: exam.id } });
    expect(mine1.items.map((i: { done: boolean }) => i.done)).toEqual([false, false, true]);
    expect((await t.http.get(`/api/v1/tasks/${id}`).set(bearer(m2.token)).expect(200)).body.mine.items.map((i: { done: boolean }) => i.done)).toEqual([false, true, false]);

    // Unknown, draft, repeated or empty contents: 400 and nothing changed. Another enterprise: 404.
    const draft = await createCourse(t, a.id, { status: 'draft' });
    const before = () => t.deps.db.prisma.taskItem.findMany({ where: { taskId: id }, orderBy: { sortOrder: 'asc' }, select: { id: true, refId: true, sortOrder: true } });
    const snapshot = JSON.stringify(await before());
    expect((await t.http.patch(`/api/v1/tasks/${id}`).set(admin).send({ items: [{ kind: 'course', refId: draft.id }] }).expect(400)).body.error.code).toBe('unknown_item');
    await t.http.patch(`/api/v1/tasks/${id}`).set(admin).send({ items: [{ kind: 'exam', refId: exam.id }, { kind: 'exam', refId: exam.id }] }).expect(400);
    await t.http.patch(`/api/v1/tasks/${id}`).set(admin).send({ items: [] }).expect(400);
    const b = await createTenant(t);
    const foreignDoc = await createKbDocument(t, b.id, b.admin.id);
    expect((await t.http.patch(`/api/v1/tasks/${id}`).set(admin).send({ items: [{ kind: 'document', refId: foreignDoc.id }] }).expect(400)).body.error.code).toBe('unknown_item');
    expect(JSON.stringify(await before())).toBe(snapshot);
    await t.http.patch(`/api/v1/tasks/${id}`).set(bearer(m1.token)).send({ items: [{ kind: 'document', refId: doc.id }] }).expect(403);
    await expectOtherTenantGets404(t, { method: 'patch', url: `/api/v1/tasks/${id}`, body: { items: [{ kind: 'document', refId: doc.id }] } }, before);
    await expectFuzzHandled(t, { method: 'patch', url: `/api/v1/tasks/${id}`, token: a.admin.token, valid: { items: [{ kind: 'document', refId: doc.id }] } }, { allowSuccess: true });

    const audit = await t.deps.db.prisma.auditLog.findMany({ where: { tenantId: a.id, targetId: id, action: 'task.update' }, select: { details: true } });
    expect(audit.map((x) => x.details)).toEqual(expect.arrayContaining([
      expect.objectContaining({ fields: ['items'], items: { added: 0, removed: 1 } }),
      expect.objectContaining({ fields: ['items'], items: { added: 2, removed: 0 } }),
    ]));
  });
});
