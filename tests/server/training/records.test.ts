import ExcelJS from 'exceljs';
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createTenant, createMember, createDepartment, addToDepartment } from '../../factories';
import { completeCourse, createCourse, enrolMember, fakeClock } from '../../factories/training';
import { expectOtherTenantGets404 } from '../../support/isolation';
import { binaryBody } from '../../support/binary-body';
import { EXPORT_JOB, NAME_WITHHELD } from '../../../server/src/modules/records/export';

let t: TestApp;
let clock: ReturnType<typeof fakeClock>;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());
beforeEach(() => (clock = fakeClock()));
afterEach(() => clock.restore());

const DAY = 86_400_000;
async function world() {
  const a = await createTenant(t, { name: '示例会计师事务所' });
  const admin = bearer(a.admin.token);
  const root = await createDepartment(t, a.id);
  const child = await createDepartment(t, a.id, root);
  const m1 = await createMember(t, a.id);
  const m2 = await createMember(t, a.id);
  await t.deps.db.prisma.member.update({ where: { id: m1.id }, data: { name: '李四' } });
  await addToDepartment(t, a.id, root.id, m1.id);
  await addToDepartment(t, a.id, child.id, m2.id);
  const course = await createCourse(t, a.id, { creditHours: 8, title: '职业道德' });
  await enrolMember(t, a.id, course.id, m2.id);
  await completeCourse(t, a.id, course.id, m1.id);
  await t.deps.db.prisma.creditRecord.create({ data: { tenantId: a.id, memberId: m1.id, courseId: course.id, year: 2026, hours: 8, score: 92 } });
  const task = await t.http.post('/api/v1/tasks').set(admin).send({
    title: '年度培训', startsAt: new Date(clock.now - DAY).toISOString(), dueAt: new Date(clock.now + DAY).toISOString(),
    items: [{ kind: 'course', refId: course.id }], targets: [{ kind: 'department', refId: root.id }],
  }).expect(201);
  return { a, admin, root, child, m1, m2, course, taskId: task.body.task.id as string };
}

describe('records and reports', () => {
  it('member records, course, task and department reports', async () => {
    const { a, admin, root, child, m1, m2, course, taskId } = await world();
    const mine = await t.http.get('/api/v1/me/records').set(bearer(m1.token)).expect(200);
    expect(mine.body.courses[0]).toMatchObject({ courseId: course.id, title: '职业道德' });
    expect(mine.body.credits).toEqual([expect.objectContaining({ hours: 8, year: 2026 })]);
    await t.http.get('/api/v1/me/records').expect(401);
    expect((await t.http.get(`/api/v1/records/members/${m2.id}`).set(admin).expect(200)).body.courses[0].completedAt).toBeNull();
    await t.http.get(`/api/v1/records/members/${m2.id}`).set(bearer(m1.token)).expect(403);

    const cr = await t.http.get(`/api/v1/reports/courses/${course.id}`).set(admin).expect(200);
    expect(cr.body.report).toMatchObject({ enrolled: 2, completed: 1, completionRate: 50, creditHoursRecorded: 8 });

    const tr = await t.http.get(`/api/v1/reports/tasks/${taskId}`).set(admin).expect(200);
    expect(tr.body.summary).toMatchObject({ assignees: 2, completed: 1 });

    const dr = await t.http.get(`/api/v1/reports/departments/${root.id}`).set(admin).expect(200);
    expect(dr.body.tasks[0]).toMatchObject({ taskId, assigned: 2, completed: 1, completionRate: 50, overdue: 0 });
    expect(dr.body.asOf).not.toBeNull();
    const sub = await t.http.get(`/api/v1/reports/departments/${child.id}`).set(admin).expect(200);
    expect(sub.body.tasks[0]).toMatchObject({ assigned: 1, completed: 0 });

    // After the due date the unfinished count as overdue; a refresh job picks up directory changes.
    const m3 = await createMember(t, a.id);
    await addToDepartment(t, a.id, child.id, m3.id);
    const refresh = await t.http.post('/api/v1/reports/refresh').set(admin).expect(202);
    await t.deps.jobs.drain(['reports.refresh']);
    expect((await t.http.get(`/api/v1/jobs/${refresh.body.jobId}`).set(admin).expect(200)).body.job.status).toBe('done');
    clock.advance(2 * 86_400);
    const late = await t.http.get(`/api/v1/reports/departments/${root.id}`).set(admin).expect(200);
    expect(late.body.tasks[0]).toMatchObject({ assigned: 3, completed: 1, overdue: 2 });
    expect(late.body.totals).toMatchObject({ assigned: 3, completed: 1, overdue: 2 });

    await t.http.get(`/api/v1/reports/departments/${root.id}`).expect(401);
    await t.http.get(`/api/v1/reports/departments/${root.id}`).set(bearer(m1.token)).expect(403);
    await t.http.get('/api/v1/reports/departments/nope').set(admin).expect(404);
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/reports/departments/${root.id}` });
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/reports/courses/${course.id}` });
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/reports/tasks/${taskId}` });
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/records/members/${m1.id}` });
  });

  it('Excel exports run as jobs with progress; the regulator format carries the real-name columns', async () => {
    const { admin, m1, m2 } = await world();
    await t.http.post('/api/v1/exports').set(admin).send({ format: 'csv' }).expect(400);
    await t.http.post('/api/v1/exports').send({ format: 'records' }).expect(401);
    await t.http.post('/api/v1/exports').set(bearer(m1.token)).send({ format: 'records' }).expect(403);
    const reg = await t.http.post('/api/v1/exports').set(admin).send({ format: 'regulator', year: 2026 }).expect(202);
    const notYet = await t.http.get(`/api/v1/exports/${reg.body.jobId}/download`).set(admin).expect(409);
    expect(notYet.body.error.code).toBe('export_not_ready');
    const recs = await t.http.post('/api/v1/exports').set(admin).send({ format: 'records' }).expect(202);
    await t.deps.jobs.drain([EXPORT_JOB]);
    const job = await t.http.get(`/api/v1/jobs/${reg.body.jobId}`).set(admin).expect(200);
    expect(job.body.job).toMatchObject({ status: 'done', progress: { done: 1, total: 1, percent: 100 } });

    const file = await t.http.get(`/api/v1/exports/${reg.body.jobId}/download`).set(admin).buffer(true).parse(binaryBody).expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.body);
    const ws = book.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, '姓名', '身份证号', '工作单位', '地区', '课程', '学时', '考试成绩', '完成日期']);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual(['李四', '', '示例会计师事务所', '', '职业道德', 8, 92, expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/)]);

    // Where the enterprise collects real-name fields, the regulator format carries them (ID number decrypted).
    await t.deps.db.prisma.realNameProfile.create({
      data: { tenantId: m1.tenantId, memberId: m1.id, realName: '李四', idNumberCipher: t.deps.cipher.encrypt('11010519491231002X'), employer: '示例会计师事务所北京分所', region: '北京市' },
    });
    const again = await t.http.post('/api/v1/exports').set(admin).send({ format: 'regulator', year: 2026 }).expect(202);
    await t.deps.jobs.drain([EXPORT_JOB]);
    const file3 = await t.http.get(`/api/v1/exports/${again.body.jobId}/download`).set(admin).buffer(true).parse(binaryBody).expect(200);
    const book3 = new ExcelJS.Workbook();
    await book3.xlsx.load(file3.body);
    expect((book3.worksheets[0].getRow(2).values as unknown[]).slice(1, 5)).toEqual(['李四', '11010519491231002X', '示例会计师事务所北京分所', '北京市']);

    const file2 = await t.http.get(`/api/v1/exports/${recs.body.jobId}/download`).set(admin).buffer(true).parse(binaryBody).expect(200);
    const book2 = new ExcelJS.Workbook();
    await book2.xlsx.load(file2.body);
    expect(book2.worksheets[0].rowCount).toBe(3);
    // WeCom gives third-party apps no names: such a person is marked, never shown by an id, and the
    // 说明 sheet says why and how to get names (real-name fields).
    const names = [2, 3].map((r) => book2.worksheets[0].getRow(r).getCell(1).value);
    expect(names.sort()).toEqual(['李四', NAME_WITHHELD].sort());
    const everything = JSON.stringify(book2.worksheets.map((w) => w.getSheetValues()));
    expect(everything).not.toContain(m2.hostUserId);
    const notes = book2.getWorksheet('说明')!;
    expect(JSON.stringify(notes.getSheetValues())).toMatch(/企业微信不向第三方应用提供通讯录成员的姓名.*实名信息/);
    expect(JSON.stringify(notes.getSheetValues())).toContain('Asia/Shanghai');
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/exports/${reg.body.jobId}/download` });
  });
});
