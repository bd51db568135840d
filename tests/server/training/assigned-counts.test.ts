/**
 * One definition of "assigned": the task page, the whole-enterprise report, every department report
 * (live and from the refreshed summary) and the Excel export agree with a count made by hand.
 */
import ExcelJS from 'exceljs';
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createTenant, createMember, createDepartment, addToDepartment, type TestMember } from '../../factories';
import { createKbDocument, fakeClock } from '../../factories/training';
import { expectOtherTenantGets404 } from '../../support/isolation';
import { binaryBody } from '../../support/binary-body';
import { EXPORT_JOB } from '../../../server/src/modules/records/export';
import { departmentReport, refreshDeptStats } from '../../../server/src/modules/records/reports';
import { scopeToTenant } from '../../../server/src/core/tenancy';

let t: TestApp;
let clock: ReturnType<typeof fakeClock>;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());
beforeEach(() => (clock = fakeClock()));
afterEach(() => clock.restore());

const DAY = 86_400_000;

/**
 *   root
 *   ├─ sales (assigned)      a2 ✓, a3 (also in never), a4 ✓ (also in east), frozen, left ✓, cancelled
 *   │   └─ east              a1, a4 ✓
 *   ├─ eng                   e1 (assigned by name)
 *   └─ never                 a3, x1
 * ✓ = completed the task. Hand count: assignees a1 a2 a3 a4 frozen e1 = 6, completed a2 a4 = 2.
 */
async function world() {
  const a = await createTenant(t, { name: '手工核对公司' });
  const admin = bearer(a.admin.token);
  const root = await createDepartment(t, a.id, undefined, '手工核对公司');
  const sales = await createDepartment(t, a.id, root, '销售部');
  const east = await createDepartment(t, a.id, sales, '华东组');
  const eng = await createDepartment(t, a.id, root, '研发部');
  const never = await createDepartment(t, a.id, root, '行政部');
  const m = async (depts: { id: string }[], status?: 'frozen' | 'left' | 'cancelled') => {
    const member = await createMember(t, a.id, status ? { status } : {});
    for (const d of depts) await addToDepartment(t, a.id, d.id, member.id);
    return member;
  };
  const people = {
    a1: await m([east]), a2: await m([sales]), a3: await m([sales, never]), a4: await m([sales, east]),
    frozen: await m([sales], 'frozen'), left: await m([sales]), cancelled: await m([east], 'cancelled'), e1: await m([eng]), x1: await m([never]),
  };
  const doc = await createKbDocument(t, a.id, a.admin.id);
  const created = await t.http.post('/api/v1/tasks').set(admin).send({
    title: '合规培训', startsAt: new Date(clock.now - DAY).toISOString(), dueAt: new Date(clock.now + 5 * DAY).toISOString(),
    items: [{ kind: 'document', refId: doc.id }], targets: [{ kind: 'department', refId: sales.id }, { kind: 'member', refId: people.e1.id }],
  }).expect(201);
  const taskId = created.body.task.id as string;
  const read = (p: TestMember) => t.http.post(`/api/v1/tasks/${taskId}/documents/${doc.id}/read`).set(bearer(p.token)).expect(200);
  await read(people.a2);
  await read(people.a4);
  await read(people.left);
  await t.deps.db.prisma.member.update({ where: { id: people.left.id }, data: { status: 'left' } });
  return { a, admin, root, sales, east, eng, never, people, taskId };
}

type World = Awaited<ReturnType<typeof world>>;

/** What every view says about the task, keyed by scope (task page, enterprise, each department). */
async function views(w: World) {
  const { admin, taskId } = w;
  const task = (await t.http.get(`/api/v1/tasks/${taskId}`).set(admin).expect(200)).body.summary;
  const taskReport = (await t.http.get(`/api/v1/reports/tasks/${taskId}`).set(admin).expect(200)).body.summary;
  expect(taskReport).toEqual(task);
  const row = (report: { tasks: { taskId: string; assigned: number; completed: number }[] }) => {
    const r = report.tasks.find((x) => x.taskId === taskId);
    return r ? [r.assigned, r.completed] : null;
  };
  const out: Record<string, number[] | null> = { task: [task.assignees, task.completed] };
  out.enterprise = row((await t.http.get('/api/v1/reports/enterprise').set(admin).expect(200)).body);
  for (const d of ['root', 'sales', 'east', 'eng', 'never'] as const) {
    out[d] = row((await t.http.get(`/api/v1/reports/departments/${w[d].id}`).set(admin).expect(200)).body);
  }
  return out;
}

/** The refreshed summary (what enterprises above the live-report size read) says the same. */
async function summaryViews(w: World) {
  const db = scopeToTenant(t.deps.db.prisma, w.a.id);
  clock.advance(Math.max(0, Date.now() - clock.now) / 1000 + 1); // the training clock stands still; the task's updatedAt is real time
  await refreshDeptStats(t.deps, db, w.a.id);
  const out: Record<string, number[] | null> = {};
  for (const [scope, id] of [['enterprise', null], ['root', w.root.id], ['sales', w.sales.id], ['east', w.east.id], ['eng', w.eng.id], ['never', w.never.id]] as const) {
    const report = await departmentReport(t.deps, db, w.a.id, id, { live: false });
    expect(report.stale).toBe(false);
    const r = report.tasks.find((x) => x.taskId === w.taskId);
    out[scope] = r ? [r.assigned, r.completed] : null;
  }
  return out;
}

/** The expected views minus the task page (the summary has no task page). */
const stored = (views: Record<string, unknown>) => Object.fromEntries(Object.entries(views).filter(([k]) => k !== 'task'));

describe('one definition of assigned', () => {
  it('task page, enterprise and department reports, live and summarised, match the hand count', async () => {
    const w = await world();
    const expected = { task: [6, 2], enterprise: [6, 2], root: [6, 2], sales: [5, 2], east: [2, 1], eng: [1, 0], never: null };
    expect(await views(w)).toEqual(expected);
    expect(await summaryViews(w)).toEqual(stored(expected));

    // A department never assigned lists nothing at all.
    const never = (await t.http.get(`/api/v1/reports/departments/${w.never.id}`).set(w.admin).expect(200)).body;
    expect(never.tasks).toEqual([]);
    expect(never.totals).toEqual({ assigned: 0, completed: 0, overdue: 0, completionRate: 0 });

    // The assignee list has the same people.
    const list = (await t.http.get(`/api/v1/tasks/${w.taskId}/assignees?limit=100`).set(w.admin).expect(200)).body.items;
    const p = w.people;
    expect(list.map((x: { memberId: string }) => x.memberId).sort()).toEqual([p.a1, p.a2, p.a3, p.a4, p.frozen, p.e1].map((x) => x.id).sort());

    // Past the due date everyone not done is overdue, everywhere.
    clock.advance(6 * 86_400);
    const late = (await t.http.get('/api/v1/reports/enterprise').set(w.admin).expect(200)).body;
    expect(late.totals).toEqual({ assigned: 6, completed: 2, overdue: 4, completionRate: 33.3 });
    expect((await t.http.get(`/api/v1/reports/tasks/${w.taskId}`).set(w.admin).expect(200)).body.summary).toEqual({ assignees: 6, completed: 2, overdue: 4, completionRate: 33.3 });
  });

  it('audience edits and directory changes move every view together', async () => {
    const w = await world();
    const prisma = t.deps.db.prisma;
    const audience = (...targets: object[]) => t.http.patch(`/api/v1/tasks/${w.taskId}`).set(w.admin).send({ targets }).expect(200);
    const sales = { kind: 'department', refId: w.sales.id };
    const never = { kind: 'department', refId: w.never.id };
    const e1 = { kind: 'member', refId: w.people.e1.id };
    // A summary made before an audience edit is stale after it (the report route then queues a refresh).
    const db = scopeToTenant(prisma, w.a.id);
    clock.advance(Math.max(0, Date.now() - clock.now) / 1000);
    await refreshDeptStats(t.deps, db, w.a.id);
    expect((await departmentReport(t.deps, db, w.a.id, null, { live: false })).stale).toBe(false);
    await new Promise((r) => setTimeout(r, 20));
    // The audience now also includes the department that was never assigned (a3 is counted once).
    await audience(sales, e1, never);
    expect((await departmentReport(t.deps, db, w.a.id, null, { live: false })).stale).toBe(true);
    let expected: Record<string, number[] | null> = { task: [7, 2], enterprise: [7, 2], root: [7, 2], sales: [5, 2], east: [2, 1], eng: [1, 0], never: [2, 0] };
    expect(await views(w)).toEqual(expected);

    // Sales is no longer assigned: a3 stays through "never", a2 and a4 drop out (their work is kept).
    await audience(never, e1);
    expected = { task: [3, 0], enterprise: [3, 0], root: [3, 0], sales: null, east: null, eng: [1, 0], never: [2, 0] };
    expect(await views(w)).toEqual(expected);
    expect(await summaryViews(w)).toEqual(stored(expected));

    // Back to sales; x1 leaves the enterprise, the frozen member comes back, a1 moves to eng.
    await audience(sales, e1, never);
    await prisma.member.update({ where: { id: w.people.x1.id }, data: { status: 'left' } });
    await prisma.member.update({ where: { id: w.people.frozen.id }, data: { status: 'active' } });
    await prisma.departmentMember.deleteMany({ where: { memberId: w.people.a1.id } });
    await addToDepartment(t, w.a.id, w.eng.id, w.people.a1.id);
    expected = { task: [5, 2], enterprise: [5, 2], root: [5, 2], sales: [4, 2], east: [1, 1], eng: [1, 0], never: [1, 0] };
    expect(await views(w)).toEqual(expected);
  });

  it('the Excel export of tasks carries the same figures, for the enterprise and per department', async () => {
    const w = await world();
    await t.http.post('/api/v1/exports').set(bearer(w.people.a1.token)).send({ format: 'tasks' }).expect(403);
    const job = await t.http.post('/api/v1/exports').set(w.admin).send({ format: 'tasks' }).expect(202);
    await t.deps.jobs.drain([EXPORT_JOB]);
    const file = await t.http.get(`/api/v1/exports/${job.body.jobId}/download`).set(w.admin).buffer(true).parse(binaryBody).expect(200);
    expect(decodeURIComponent(String(file.headers['content-disposition']))).toContain('培训任务完成情况.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body);
    const [summary, byDept] = book.worksheets;
    const values = (ws: ExcelJS.Worksheet) => Array.from({ length: ws.rowCount }, (_, i) => (ws.getRow(i + 1).values as unknown[]).slice(1));
    expect(summary.name).toBe('任务汇总');
    expect(values(summary)).toEqual([
      ['任务', '类型', '截止日期', '应完成人数', '已完成', '逾期', '完成率(%)'],
      ['合规培训', '必修', expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), 6, 2, 0, 33.3],
    ]);
    expect(byDept.name).toBe('部门完成情况');
    expect(values(byDept)).toEqual(
      expect.arrayContaining([['手工核对公司', '合规培训', 6, 2, 0, 33.3], ['销售部', '合规培训', 5, 2, 0, 40], ['华东组', '合规培训', 2, 1, 0, 50], ['研发部', '合规培训', 1, 0, 0, 0]]),
    );
    expect(values(byDept).some((r) => r[0] === '行政部')).toBe(false);
  });

  it('reports: 401, 403, other enterprise 404', async () => {
    const w = await world();
    await t.http.get('/api/v1/reports/enterprise').expect(401);
    await t.http.get('/api/v1/reports/enterprise').set(bearer(w.people.a1.token)).expect(403);
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/reports/departments/${w.sales.id}` });
    // Another enterprise's whole-enterprise report does not see this task.
    const other = await createTenant(t);
    const theirs = (await t.http.get('/api/v1/reports/enterprise').set(bearer(other.admin.token)).expect(200)).body;
    expect(theirs.tasks).toEqual([]);
  });
});
