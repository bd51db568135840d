import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createTenant, createMember, createDepartment, addToDepartment } from '../../factories';
import { completeCourse, createCourse, createKbDocument, fakeClock } from '../../factories/training';
import { expectOtherTenantGets404 } from '../../support/isolation';
import { REMIND_JOB } from '../../../server/src/modules/tasks/reminders';

let t: TestApp;
let clock: ReturnType<typeof fakeClock>;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());
beforeEach(() => (clock = fakeClock()));
afterEach(() => clock.restore());

const DAY = 86_400_000;
const runReminders = async (tenantId: string) => {
  // Reminders are scheduled for later: make this tenant's due now, then run them.
  await t.deps.db.prisma.job.updateMany({ where: { tenantId, kind: REMIND_JOB, status: 'queued' }, data: { runAfter: new Date(Date.now() - 1000) } });
  return t.deps.jobs.drain([REMIND_JOB]);
};

describe('training tasks', () => {
  it('assignment follows the directory: sub-departments included, joiners added, leavers dropped with records kept', async () => {
    const a = await createTenant(t);
    const admin = bearer(a.admin.token);
    const sales = await createDepartment(t, a.id);
    const east = await createDepartment(t, a.id, sales);
    const other = await createDepartment(t, a.id);
    const [m1, m2, m3, outsider] = [await createMember(t, a.id), await createMember(t, a.id), await createMember(t, a.id), await createMember(t, a.id)];
    await addToDepartment(t, a.id, sales.id, m1.id);
    await addToDepartment(t, a.id, east.id, m2.id);
    await addToDepartment(t, a.id, other.id, outsider.id);
    const course = await createCourse(t, a.id);
    const doc = await createKbDocument(t, a.id, a.admin.id);
    const now = clock.now;

    const body = {
      title: '年度安全培训', startsAt: new Date(now - DAY).toISOString(), dueAt: new Date(now + 10 * DAY).toISOString(), remindDaysBefore: 3,
      items: [{ kind: 'course', refId: course.id }, { kind: 'document', refId: doc.id }], targets: [{ kind: 'department', refId: sales.id }],
    };
    await t.http.post('/api/v1/tasks').send(body).expect(401);
    await t.http.post('/api/v1/tasks').set(bearer(m1.token)).send(body).expect(403);
    await t.http.post('/api/v1/tasks').set(admin).send({ ...body, items: [] }).expect(400);
    await t.http.post('/api/v1/tasks').set(admin).send({ ...body, dueAt: body.startsAt }).expect(400);
    expect((await t.http.post('/api/v1/tasks').set(admin).send({ ...body, items: [{ kind: 'course', refId: 'nope' }] }).expect(400)).body.error.code).toBe('unknown_item');
    expect((await t.http.post('/api/v1/tasks').set(admin).send({ ...body, targets: [{ kind: 'department', refId: 'nope' }] }).expect(400)).body.error.code).toBe('unknown_target');

    // m1 completed the course before the task existed: it counts.
    await completeCourse(t, a.id, course.id, m1.id);
    const created = await t.http.post('/api/v1/tasks').set(admin).send(body).expect(201);
    const taskId = created.body.task.id;
    expect(created.body.summary).toMatchObject({ assignees: 2, completed: 0, overdue: 0 });

    const ids = async () => (await t.http.get(`/api/v1/tasks/${taskId}/assignees`).set(admin).expect(200)).body.items.map((i: { memberId: string }) => i.memberId).sort();
    expect(await ids()).toEqual([m1.id, m2.id].sort());
    expect((await t.http.get('/api/v1/me/tasks').set(bearer(m2.token)).expect(200)).body.items.map((x: { id: string }) => x.id)).toEqual([taskId]);
    expect((await t.http.get('/api/v1/me/tasks').set(bearer(outsider.token)).expect(200)).body.items).toEqual([]);
    await t.http.get(`/api/v1/tasks/${taskId}`).set(bearer(outsider.token)).expect(404);

    // m3 joins the sub-department later: assigned. m2 leaves the department: no longer assigned.
    await addToDepartment(t, a.id, east.id, m3.id);
    await t.deps.db.prisma.departmentMember.deleteMany({ where: { tenantId: a.id, departmentId: east.id, memberId: m2.id } });
    expect(await ids()).toEqual([m1.id, m3.id].sort());
    await t.http.get(`/api/v1/tasks/${taskId}`).set(bearer(m2.token)).expect(404);

    // m1 reads the document: task complete. m3 viewed it in the knowledge base: that counts too.
    const read = await t.http.post(`/api/v1/tasks/${taskId}/documents/${doc.id}/read`).set(bearer(m1.token)).expect(200);
    expect(read.body.mine).toMatchObject({ status: 'completed' });
    await t.http.post(`/api/v1/tasks/${taskId}/documents/nope/read`).set(bearer(m1.token)).expect(404);
    await t.deps.db.prisma.kbView.create({ data: { tenantId: a.id, nodeId: doc.id, memberId: m3.id, firstViewedAt: new Date(), lastViewedAt: new Date() } });
    const m3view = await t.http.get(`/api/v1/tasks/${taskId}`).set(bearer(m3.token)).expect(200);
    expect(m3view.body.mine.items.map((i: { done: boolean }) => i.done)).toEqual([false, true]);
    expect(m3view.body.mine.status).toBe('in_progress');

    const summary = await t.http.get(`/api/v1/tasks/${taskId}`).set(admin).expect(200);
    expect(summary.body.summary).toMatchObject({ assignees: 2, completed: 1, overdue: 0, completionRate: 50 });
    const completedOnly = await t.http.get(`/api/v1/tasks/${taskId}/assignees?status=completed`).set(admin).expect(200);
    expect(completedOnly.body.items.map((i: { memberId: string }) => i.memberId)).toEqual([m1.id]);

    // m1 leaves the enterprise: drops out of the assignees, the completion record stays.
    await t.deps.db.prisma.member.update({ where: { id: m1.id }, data: { status: 'left' } });
    expect(await ids()).toEqual([m3.id]);
    expect(await t.deps.db.prisma.taskCompletion.count({ where: { taskId, memberId: m1.id } })).toBe(1);

    // Past the due date: m3 is overdue.
    clock.advance(11 * 86_400);
    const late = await t.http.get(`/api/v1/tasks/${taskId}/assignees?status=overdue`).set(admin).expect(200);
    expect(late.body.items).toEqual([expect.objectContaining({ memberId: m3.id, status: 'overdue', itemsDone: 1, itemsTotal: 2 })]);
    expect((await t.http.get(`/api/v1/tasks/${taskId}`).set(admin).expect(200)).body.summary).toMatchObject({ assignees: 1, overdue: 1 });
  });

  it('whole enterprise and named members; reminders go to the inbox once, on assignment, before due and when overdue', async () => {
    const a = await createTenant(t);
    const admin = bearer(a.admin.token);
    const m1 = await createMember(t, a.id);
    const m2 = await createMember(t, a.id);
    const course = await createCourse(t, a.id);
    const now = clock.now;
    const task = await t.http.post('/api/v1/tasks').set(admin).send({
      title: '新员工培训', startsAt: new Date(now).toISOString(), dueAt: new Date(now + 7 * DAY).toISOString(), remindDaysBefore: 2,
      items: [{ kind: 'course', refId: course.id }], targets: [{ kind: 'member', refId: m1.id }],
    }).expect(201);
    expect(task.body.summary.assignees).toBe(1);
    const all = await t.http.post('/api/v1/tasks').set(admin).send({
      title: '全员培训', startsAt: new Date(now).toISOString(), dueAt: new Date(now + 7 * DAY).toISOString(),
      items: [{ kind: 'course', refId: course.id }], targets: [{ kind: 'enterprise' }],
    }).expect(201);
    expect(all.body.summary.assignees).toBe(3);
    expect(await t.deps.db.prisma.job.count({ where: { tenantId: a.id, kind: REMIND_JOB } })).toBe(6);

    await runReminders(a.id);
    const inbox = await t.http.get('/api/v1/inbox').set(bearer(m1.token)).expect(200);
    expect(inbox.body.unread).toBe(6);
    expect(inbox.body.items.map((n: { kind: string }) => n.kind).sort()).toEqual(['task.assigned', 'task.assigned', 'task.due_soon', 'task.due_soon', 'task.overdue', 'task.overdue']);
    // Each opens the app's task list (a page the app has), naming the task.
    expect(new Set(inbox.body.items.map((n: { link: string }) => n.link))).toEqual(new Set([`/pages/tasks/index?id=${task.body.task.id}`, `/pages/tasks/index?id=${all.body.task.id}`]));
    // m2 is assigned only the enterprise-wide task.
    expect((await t.http.get('/api/v1/inbox').set(bearer(m2.token)).expect(200)).body.unread).toBe(3);

    // Running a reminder again writes nothing twice.
    await t.deps.db.prisma.job.updateMany({ where: { tenantId: a.id, kind: REMIND_JOB }, data: { status: 'queued', attempts: 0 } });
    await runReminders(a.id);
    expect((await t.http.get('/api/v1/inbox').set(bearer(m1.token)).expect(200)).body.unread).toBe(6);

    const first = inbox.body.items[0].id;
    await t.http.post(`/api/v1/inbox/${first}/read`).set(bearer(m2.token)).expect(404);
    expect((await t.http.post(`/api/v1/inbox/${first}/read`).set(bearer(m1.token)).expect(200)).body.notification.read).toBe(true);
    expect((await t.http.get('/api/v1/inbox?unread=true').set(bearer(m1.token)).expect(200)).body.items).toHaveLength(5);
    await t.http.get('/api/v1/inbox?limit=0').set(bearer(m1.token)).expect(400);
    await t.http.get('/api/v1/inbox').expect(401);
    await expectOtherTenantGets404(t, { method: 'post', url: `/api/v1/inbox/${first}/read` });

    // Moving the due date: the old reminders are skipped, new ones scheduled.
    await t.http.patch(`/api/v1/tasks/${task.body.task.id}`).set(admin).send({ dueAt: new Date(now + 30 * DAY).toISOString() }).expect(200);
    await t.http.patch(`/api/v1/tasks/${task.body.task.id}`).set(admin).send({}).expect(400);
    expect(await t.deps.db.prisma.job.count({ where: { tenantId: a.id, kind: REMIND_JOB } })).toBe(8);
  });

  it('admin routes: 401, 400, 403 and other enterprise → 404', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    const course = await createCourse(t, a.id);
    const now = clock.now;
    const created = await t.http.post('/api/v1/tasks').set(bearer(a.admin.token)).send({
      title: '任务', startsAt: new Date(now).toISOString(), dueAt: new Date(now + DAY).toISOString(), items: [{ kind: 'course', refId: course.id }], targets: [{ kind: 'enterprise' }],
    }).expect(201);
    const id = created.body.task.id;
    await t.http.get('/api/v1/tasks').expect(401);
    await t.http.get('/api/v1/tasks').set(bearer(m.token)).expect(403);
    expect((await t.http.get('/api/v1/tasks').set(bearer(a.admin.token)).expect(200)).body.items).toHaveLength(1);
    await t.http.get(`/api/v1/tasks/${id}/assignees?status=late`).set(bearer(a.admin.token)).expect(400);
    await t.http.get(`/api/v1/tasks/${id}/assignees`).set(bearer(m.token)).expect(403);
    const row = () => t.deps.db.prisma.trainingTask.findUnique({ where: { id } });
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/tasks/${id}` });
    await expectOtherTenantGets404(t, { method: 'patch', url: `/api/v1/tasks/${id}`, body: { title: 'x' } }, row);
    await expectOtherTenantGets404(t, { method: 'delete', url: `/api/v1/tasks/${id}` }, row);
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/tasks/${id}/assignees` });
    await expectOtherTenantGets404(t, { method: 'post', url: `/api/v1/tasks/${id}/documents/x/read` });
    await t.http.delete(`/api/v1/tasks/${id}`).set(bearer(a.admin.token)).expect(204);
    expect((await t.http.get('/api/v1/me/tasks').set(bearer(m.token)).expect(200)).body.items).toEqual([]);
  });
});
