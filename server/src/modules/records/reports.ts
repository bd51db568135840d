/**
 * Learning records and reports. Per member and per course: live queries. Per department: sums of
 * TaskDeptStat over the department's subtree — a summary the reports.refresh job rebuilds with one
 * aggregate INSERT … SELECT per task, so a report over 100,000 learners reads a few thousand rows.
 */
import type { AppDeps } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import type { JobIO } from '../../jobs/queue';
import { errors } from '../../core/errors';
import { clock } from '../courses/clock';
import { assigneeCondition } from '../tasks/assignees';

/** Department stats older than this are refreshed in the background on the next report. */
export const STATS_MAX_AGE_MS = 10 * 60_000;
export const REFRESH_JOB = 'reports.refresh';

const num = (v: unknown) => Number(v ?? 0);

export async function memberRecord(db: TenantDb, memberId: string) {
  const [enrolments, progress, attempts, credits, certificates] = await Promise.all([
    db.enrolment.findMany({ where: { memberId }, select: { courseId: true, startsAt: true, expiresAt: true, chaptersDoneAt: true, completedAt: true } }),
    db.chapterProgress.findMany({ where: { memberId }, select: { courseId: true, chapterId: true, creditedSec: true, completed: true, completedAt: true } }),
    db.examAttempt.findMany({ where: { memberId }, select: { examId: true, attemptNo: true, status: true, score: true, maxScore: true, passed: true, submittedAt: true } }),
    db.creditRecord.findMany({ where: { memberId }, select: { courseId: true, year: true, hours: true, score: true, earnedAt: true } }),
    db.certificate.findMany({ where: { memberId }, select: { id: true, courseId: true, code: true, courseTitle: true, issuedAt: true } }),
  ]);
  const titles = new Map(
    (await db.course.findMany({ where: { id: { in: [...new Set(enrolments.map((e) => e.courseId))] } }, select: { id: true, title: true, creditHours: true } })).map((c) => [c.id, c]),
  );
  const now = clock.now();
  return {
    courses: enrolments.map((e) => {
      const chapters = progress.filter((p) => p.courseId === e.courseId);
      return {
        courseId: e.courseId, title: titles.get(e.courseId)?.title ?? null, creditHours: titles.get(e.courseId)?.creditHours ?? null,
        enrolledAt: e.startsAt.toISOString(), expiresAt: e.expiresAt.toISOString(), active: now < e.expiresAt.getTime(),
        chaptersCompleted: chapters.filter((c) => c.completed).length, studySeconds: Math.round(chapters.reduce((s, c) => s + c.creditedSec, 0)),
        chapters: chapters.map((c) => ({ chapterId: c.chapterId, completed: c.completed, completedAt: c.completedAt?.toISOString() ?? null, studySeconds: Math.round(c.creditedSec) })),
        completedAt: e.completedAt?.toISOString() ?? null,
      };
    }),
    exams: attempts.map((a) => ({ ...a, submittedAt: a.submittedAt?.toISOString() ?? null })),
    credits: credits.map((c) => ({ ...c, earnedAt: c.earnedAt.toISOString() })),
    totalStudySeconds: Math.round(progress.reduce((s, c) => s + c.creditedSec, 0)),
    certificates: certificates.map((c) => ({ id: c.id, courseId: c.courseId, verificationCode: c.code, course: c.courseTitle, issuedAt: c.issuedAt.toISOString() })),
  };
}

export async function courseReport(deps: AppDeps, tenantId: string, courseId: string) {
  const { raw, dialect } = deps.db;
  const q = dialect.quote;
  const now = new Date(clock.now());
  const [row] = await raw.query<Record<string, unknown>>(
    `SELECT COUNT(*) AS enrolled, COUNT(e.${q('chaptersDoneAt')}) AS chaptersDone, COUNT(e.${q('completedAt')}) AS completed, ` +
      `SUM(CASE WHEN e.${q('completedAt')} IS NULL AND e.${q('expiresAt')} <= ? THEN 1 ELSE 0 END) AS expired ` +
      `FROM ${q('Enrolment')} e WHERE e.${q('tenantId')} = ? AND e.${q('courseId')} = ?`,
    [now, tenantId, courseId],
  );
  const [study] = await raw.query<Record<string, unknown>>(
    `SELECT COALESCE(SUM(${q('creditedSec')}), 0) AS seconds FROM ${q('ChapterProgress')} WHERE ${q('tenantId')} = ? AND ${q('courseId')} = ?`,
    [tenantId, courseId],
  );
  const [hours] = await raw.query<Record<string, unknown>>(
    `SELECT COALESCE(SUM(${q('hours')}), 0) AS hours, AVG(${q('score')}) AS avgScore FROM ${q('CreditRecord')} WHERE ${q('tenantId')} = ? AND ${q('courseId')} = ?`,
    [tenantId, courseId],
  );
  const enrolled = num(row.enrolled);
  const completed = num(row.completed);
  return {
    courseId, enrolled, chaptersDone: num(row.chaptersDone), completed, expiredWithoutCompletion: num(row.expired),
    completionRate: enrolled ? Math.round((completed / enrolled) * 1000) / 10 : 0,
    studyHours: Math.round((num(study.seconds) / 3600) * 10) / 10, creditHoursRecorded: num(hours.hours),
    averagePassingScore: hours.avgScore === null ? null : Math.round(num(hours.avgScore) * 10) / 10,
  };
}

/** Rebuilds TaskDeptStat for every open task of an enterprise; checkpoints per task. */
export async function refreshDeptStats(deps: AppDeps, db: TenantDb, tenantId: string, io?: JobIO) {
  const { raw, dialect } = deps.db;
  const q = dialect.quote;
  const tasks = await db.trainingTask.findMany({ where: { archivedAt: null }, select: { id: true }, orderBy: { id: 'asc' } });
  const at = new Date(clock.now());
  for (const [i, task] of tasks.entries()) {
    const cond = await assigneeCondition(db, dialect, task.id);
    await raw.execute(`DELETE FROM ${q('TaskDeptStat')} WHERE ${q('tenantId')} = ? AND ${q('taskId')} = ?`, [tenantId, task.id]);
    await raw.execute(
      `INSERT INTO ${q('TaskDeptStat')} (${q('tenantId')}, ${q('departmentId')}, ${q('taskId')}, ${q('assigned')}, ${q('completed')}, ${q('refreshedAt')}) ` +
        `SELECT dm.${q('tenantId')}, dm.${q('departmentId')}, ?, COUNT(*), COUNT(c.${q('memberId')}), ? FROM ${q('DepartmentMember')} dm ` +
        `JOIN ${q('Member')} m ON m.${q('tenantId')} = dm.${q('tenantId')} AND m.${q('id')} = dm.${q('memberId')} ` +
        `LEFT JOIN ${q('TaskCompletion')} c ON c.${q('tenantId')} = dm.${q('tenantId')} AND c.${q('taskId')} = ? AND c.${q('memberId')} = dm.${q('memberId')} ` +
        `WHERE dm.${q('tenantId')} = ? AND m.${q('status')} = 'active' AND ${cond.sql} GROUP BY dm.${q('tenantId')}, dm.${q('departmentId')}`,
      [task.id, at, task.id, tenantId, ...cond.params],
    );
    await io?.progress(i + 1, tasks.length);
  }
  return { tasks: tasks.length, refreshedAt: at.toISOString() };
}

/** Completion per task over a department and its sub-departments, from the refreshed summary. */
export async function departmentReport(deps: AppDeps, db: TenantDb, tenantId: string, departmentId: string) {
  const dept = await db.department.findUnique({ where: { id: departmentId }, select: { id: true, name: true, path: true } });
  if (!dept) throw errors.notFound('department');
  const { raw, dialect } = deps.db;
  const q = dialect.quote;
  const rows = await raw.query<Record<string, unknown>>(
    `SELECT s.${q('taskId')} AS taskId, SUM(s.${q('assigned')}) AS assigned, SUM(s.${q('completed')}) AS completed, MIN(s.${q('refreshedAt')}) AS refreshedAt ` +
      `FROM ${q('TaskDeptStat')} s JOIN ${q('Department')} d ON d.${q('tenantId')} = s.${q('tenantId')} AND d.${q('id')} = s.${q('departmentId')} ` +
      `WHERE s.${q('tenantId')} = ? AND d.${q('path')} LIKE ? GROUP BY s.${q('taskId')}`,
    [tenantId, `${dept.path}%`],
  );
  const tasks = await db.trainingTask.findMany({ where: { archivedAt: null }, select: { id: true, title: true, dueAt: true, required: true } });
  const byTask = new Map(rows.map((r) => [String(r.taskId), r]));
  const now = clock.now();
  const asOf = rows.reduce<number | null>((min, r) => {
    const t = r.refreshedAt ? new Date(r.refreshedAt as string).getTime() : null;
    return t === null ? min : min === null ? t : Math.min(min, t);
  }, null);
  const items = tasks.map((t) => {
    const r = byTask.get(t.id);
    const assigned = num(r?.assigned);
    const completed = num(r?.completed);
    const overdue = now > t.dueAt.getTime() ? assigned - completed : 0;
    return {
      taskId: t.id, title: t.title, required: t.required, dueAt: t.dueAt.toISOString(), assigned, completed, overdue,
      completionRate: assigned ? Math.round((completed / assigned) * 1000) / 10 : 0,
    };
  });
  const assigned = items.reduce((s, i) => s + i.assigned, 0);
  const completed = items.reduce((s, i) => s + i.completed, 0);
  return {
    department: { id: dept.id, name: dept.name },
    totals: { assigned, completed, overdue: items.reduce((s, i) => s + i.overdue, 0), completionRate: assigned ? Math.round((completed / assigned) * 1000) / 10 : 0 },
    tasks: items,
    asOf: asOf === null ? null : new Date(asOf).toISOString(),
    stale: asOf === null || now - asOf > STATS_MAX_AGE_MS,
  };
}
