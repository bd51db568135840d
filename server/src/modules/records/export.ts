/**
 * Excel exports as durable jobs with progress (GET /api/v1/jobs/:id), downloaded once done from
 * GET /api/v1/exports/:jobId/download.
 *   records    one row per enrolment: member, course, chapters, study time, score, hours, completion
 *   regulator  the real-name format for reporting to a regulator (seed 001 §1.2): name, ID number
 *              where the enterprise collects it, employer, region, course, hours, score, completion date
 *   tasks      training tasks: per task the whole enterprise's figures (the task page's), then per
 *              department (the department report's) — computed live by the same definitions
 */
import ExcelJS from 'exceljs';
import type { AppDeps } from '../../core/context';
import type { JobIO, JobRecord } from '../../jobs/queue';
import { scopeToTenant, type TenantDb } from '../../core/tenancy';
import { departmentBreakdown, departmentReport, refreshDeptStats, REFRESH_JOB } from './reports';
import { totalsOf } from '../tasks/service';
import { DEFAULT_TIME_ZONE, zonedDate } from '../../core/time-zone';

export const EXPORT_JOB = 'records.export';
export const NAME_WITHHELD = '（企业微信未提供姓名）';
const PAGE = 1000;

export interface ExportPayload {
  format: 'records' | 'regulator' | 'tasks';
  year?: number;
  courseId?: string;
}

/**
 * Real-name fields, where the enterprise collects them (privacy module: RealNameProfile, the ID
 * number encrypted at rest). Without a profile the export falls back to the name the person
 * registered with; WeCom gives third-party apps no names, so its people without a profile are
 * marked as such (never shown by their ids) and the file's 说明 sheet says why and what to do.
 */
async function realNames(deps: AppDeps, db: TenantDb, memberIds: string[]) {
  if (memberIds.length === 0) return new Map<string, { name: string; idNumber: string; employer: string | null; region: string }>();
  const [members, profiles] = await Promise.all([
    db.member.findMany({ where: { id: { in: memberIds } }, select: { id: true, name: true, hostUserId: true } }),
    db.realNameProfile.findMany({ where: { memberId: { in: memberIds } }, select: { memberId: true, realName: true, idNumberCipher: true, employer: true, region: true } }),
  ]);
  const profileOf = new Map(profiles.map((p) => [p.memberId, p]));
  const decrypt = (sealed: string | null) => {
    if (!sealed) return '';
    try {
      return deps.cipher.decrypt(sealed);
    } catch {
      return '';
    }
  };
  return new Map(
    members.map((m) => {
      const p = profileOf.get(m.id);
      return [m.id, { name: p?.realName ?? m.name ?? (m.hostUserId ? NAME_WITHHELD : ''), idNumber: decrypt(p?.idNumberCipher ?? null), employer: p?.employer ?? null, region: p?.region ?? '' }];
    }),
  );
}

/** Who was reported to a regulator: their records must be kept after a cancellation (privacy/retention.ts). */
async function rememberReported(db: TenantDb, memberIds: string[], at: Date) {
  const known = new Set((await db.regulatorReport.findMany({ where: { memberId: { in: memberIds } }, select: { memberId: true } })).map((r) => r.memberId));
  const fresh = memberIds.filter((id) => !known.has(id));
  if (known.size) await db.regulatorReport.updateMany({ where: { memberId: { in: [...known] } }, data: { lastReportedAt: at } });
  if (fresh.length) await db.regulatorReport.createMany({ data: fresh.map((memberId) => ({ memberId, lastReportedAt: at })) as never });
}

export async function runExport(deps: AppDeps, job: JobRecord, io: JobIO) {
  const tenantId = job.tenantId!;
  const payload = job.payload as ExportPayload;
  const db = scopeToTenant(deps.db.prisma, tenantId);
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { name: true, timeZone: true } });
  const day = (at: Date) => zonedDate(at, tenant?.timeZone);
  const withheld = new Set<string>();
  const book = new ExcelJS.Workbook();
  if (payload.format === 'tasks') return saveBook(db, tenantId, job.id, book, '培训任务完成情况.xlsx', await writeTaskSheets(deps, db, tenantId, book, io));
  const ws = book.addWorksheet(payload.format === 'regulator' ? '学时报送' : '学习档案');
  const courses = new Map((await db.course.findMany({ select: { id: true, title: true, creditHours: true } })).map((c) => [c.id, c]));
  let rowsWritten = 0;

  if (payload.format === 'regulator') {
    ws.addRow(['姓名', '身份证号', '工作单位', '地区', '课程', '学时', '考试成绩', '完成日期']).font = { bold: true };
    const where = { ...(payload.year && { year: payload.year }), ...(payload.courseId && { courseId: payload.courseId }) };
    const total = await db.creditRecord.count({ where });
    let cursor: string | undefined;
    for (;;) {
      const page = await db.creditRecord.findMany({ where, orderBy: { id: 'asc' }, take: PAGE, ...(cursor && { cursor: { id: cursor }, skip: 1 }), select: { id: true, memberId: true, courseId: true, hours: true, score: true, earnedAt: true } });
      if (!page.length) break;
      const reported = [...new Set(page.map((r) => r.memberId))];
      const people = await realNames(deps, db, reported);
      await rememberReported(db, reported, new Date());
      for (const r of page) {
        const p = people.get(r.memberId);
        if (p?.name === NAME_WITHHELD) withheld.add(r.memberId);
        ws.addRow([p?.name ?? '', p?.idNumber ?? '', p?.employer ?? tenant?.name ?? '', p?.region ?? '', courses.get(r.courseId)?.title ?? '', r.hours, r.score ?? '', day(r.earnedAt)]);
      }
      rowsWritten += page.length;
      cursor = page[page.length - 1].id;
      await io.progress(rowsWritten, total);
    }
  } else {
    ws.addRow(['成员', '课程', '报名日期', '有效期至', '完成章节', '学习时长(小时)', '考试成绩', '学时', '完成日期']).font = { bold: true };
    const where = payload.courseId ? { courseId: payload.courseId } : {};
    const total = await db.enrolment.count({ where });
    let cursor: string | undefined;
    for (;;) {
      const page = await db.enrolment.findMany({ where, orderBy: { id: 'asc' }, take: PAGE, ...(cursor && { cursor: { id: cursor }, skip: 1 }), select: { id: true, memberId: true, courseId: true, startsAt: true, expiresAt: true, completedAt: true } });
      if (!page.length) break;
      const memberIds = [...new Set(page.map((e) => e.memberId))];
      const [people, progress, credits] = await Promise.all([
        realNames(deps, db, memberIds),
        db.chapterProgress.groupBy({ by: ['memberId', 'courseId'], where: { memberId: { in: memberIds } }, _sum: { creditedSec: true }, _count: { completed: true } }),
        db.creditRecord.findMany({ where: { memberId: { in: memberIds } }, select: { memberId: true, courseId: true, hours: true, score: true } }),
      ]);
      const done = await completedCounts(db, memberIds);
      for (const e of page) {
        const key = `${e.memberId}|${e.courseId}`;
        const study = progress.find((p) => p.memberId === e.memberId && p.courseId === e.courseId)?._sum.creditedSec ?? 0;
        const credit = credits.find((c) => c.memberId === e.memberId && c.courseId === e.courseId);
        const name = people.get(e.memberId)?.name ?? '';
        if (name === NAME_WITHHELD) withheld.add(e.memberId);
        ws.addRow([
          name, courses.get(e.courseId)?.title ?? '', day(e.startsAt), day(e.expiresAt),
          done.get(key) ?? 0, Math.round((study / 3600) * 100) / 100, credit?.score ?? '', credit?.hours ?? '', e.completedAt ? day(e.completedAt) : '',
        ]);
      }
      rowsWritten += page.length;
      cursor = page[page.length - 1].id;
      await io.progress(rowsWritten, total);
    }
  }
  addNotes(book, { withheld: withheld.size, timeZone: tenant?.timeZone ?? DEFAULT_TIME_ZONE });
  const filename = `${payload.format === 'regulator' ? '学时报送' : '学习档案'}${payload.year ? `-${payload.year}` : ''}.xlsx`;
  return saveBook(db, tenantId, job.id, book, filename, rowsWritten);
}

async function saveBook(db: TenantDb, tenantId: string, jobId: string, book: ExcelJS.Workbook, filename: string, rows: number) {
  const content = Buffer.from(await book.xlsx.writeBuffer());
  await db.exportFile.deleteMany({ where: { jobId } });
  await db.exportFile.create({ data: { tenantId, jobId, filename, content } });
  return { rows, filename, download: `/api/v1/exports/${jobId}/download` };
}

/** A date as a calendar day in the enterprise's time zone (YYYY-MM-DD). */
const dayIn = (timeZone: string) => (d: Date | string) => new Intl.DateTimeFormat('sv-SE', { timeZone }).format(new Date(d));

/** The tasks export: the same figures as the task pages and the department reports, live. */
async function writeTaskSheets(deps: AppDeps, db: TenantDb, tenantId: string, book: ExcelJS.Workbook, io: JobIO): Promise<number> {
  const header = ['应完成人数', '已完成', '逾期', '完成率(%)'];
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { timeZone: true } });
  const dayOf = dayIn(tenant?.timeZone ?? DEFAULT_TIME_ZONE);
  const withheldDepartments = new Set<string>();
  const summary = book.addWorksheet('任务汇总');
  summary.addRow(['任务', '类型', '截止日期', ...header]).font = { bold: true };
  const whole = await departmentReport(deps, db, tenantId, null, { live: true });
  for (const t of whole.tasks) summary.addRow([t.title, t.required ? '必修' : '选修', dayOf(t.dueAt), t.assigned, t.completed, t.overdue, t.completionRate]);

  const byDept = book.addWorksheet('部门完成情况');
  byDept.addRow(['部门', '任务', ...header]).font = { bold: true };
  const departments = await db.department.findMany({ select: { id: true, name: true, hostDeptId: true, path: true }, orderBy: { path: 'asc' } });
  let rows = whole.tasks.length;
  for (const [i, t] of whole.tasks.entries()) {
    const counts = await departmentBreakdown(deps, db, tenantId, t.taskId);
    for (const d of departments) {
      const c = counts.get(d.id);
      if (!c) continue;
      const totals = totalsOf(c.assigned, c.completed, new Date(t.dueAt));
      // WeCom gives third-party apps no department names; its department ID is what its admin console shows.
      byDept.addRow([d.name ?? (d.hostDeptId ? `（企业微信未提供部门名称，部门ID ${d.hostDeptId}）` : '未命名部门'), t.title, c.assigned, c.completed, totals.overdue, totals.completionRate]);
      if (!d.name) withheldDepartments.add(d.id);
      rows++;
    }
    await io.progress(i + 1, whole.tasks.length);
  }
  addNotes(book, { withheld: 0, withheldDepartments: withheldDepartments.size, timeZone: tenant?.timeZone ?? DEFAULT_TIME_ZONE });
  return rows;
}

/** The 说明 sheet: what the dates mean and, where WeCom withheld names, why and what to do. */
function addNotes(book: ExcelJS.Workbook, facts: { withheld: number; withheldDepartments?: number; timeZone: string }) {
  const notes = book.addWorksheet('说明');
  notes.getColumn(1).width = 100;
  notes.addRow(['说明']).font = { bold: true };
  notes.addRow([`日期按企业时区（${facts.timeZone}）计算。`]);
  if (facts.withheld > 0) {
    notes.addRow([
      `有 ${facts.withheld} 名成员的姓名显示为“${NAME_WITHHELD}”：企业微信不向第三方应用提供通讯录成员的姓名，导出文件无法带出。`,
    ]);
    notes.addRow(['如需在导出中显示姓名：请在企学管理后台「企业设置 → 账号策略」中开启“实名信息”，成员填写实名信息后再次导出即可。']);
  }
  if (facts.withheldDepartments) {
    notes.addRow([`有 ${facts.withheldDepartments} 个部门没有名称：企业微信不向第三方应用提供部门名称，表中给出部门ID，可在企业微信管理后台「通讯录」中查到对应部门。`]);
  }
}

async function completedCounts(db: TenantDb, memberIds: string[]) {
  const rows = await db.chapterProgress.groupBy({ by: ['memberId', 'courseId'], where: { memberId: { in: memberIds }, completed: true }, _count: { chapterId: true } });
  return new Map(rows.map((r) => [`${r.memberId}|${r.courseId}`, r._count.chapterId]));
}

export function registerRecordJobs(deps: AppDeps): void {
  deps.jobs.register(EXPORT_JOB, (job, io) => runExport(deps, job, io));
  deps.jobs.register(REFRESH_JOB, (job, io) => refreshDeptStats(deps, scopeToTenant(deps.db.prisma, job.tenantId!), job.tenantId!, io));
}
