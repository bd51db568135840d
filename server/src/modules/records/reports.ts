/**
 * Learning records and reports. Per member and per course: live queries. Per task, per department
 * and for the whole enterprise: who is assigned is defined once (tasks/assignees.ts). Department and
 * enterprise reports are live for small enterprises; for large ones they read TaskDeptStat, a
 * summary (one row per task and department, counted over the department's subtree) that the
 * reports.refresh job rebuilds with aggregate INSERT … SELECTs, so a report over 100,000 learners
 * reads a few dozen rows.
 */
import type { AppDeps } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import type { JobIO } from '../../jobs/queue';
import { errors } from '../../core/errors';
import { clock } from '../courses/clock';
import type { Dialect } from '../../db/dialect';
import { ASSIGNABLE_STATUSES, loadAudience, membershipIsAssigned, type Audience, type SqlCondition } from '../tasks/assignees';
import { taskTotalsSql, totalsOf } from '../tasks/service';

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

/**
 * Per department in scope (all of the enterprise's, or one), the task's assignees counted by the
 * department rule of tasks/assignees.ts, and how many of them completed it. Department `a` is the
 * one reported on; `d` runs over it and its sub-departments (path prefix — portable SUBSTR, not a
 * dialect's CONCAT); each person counts once per reported department.
 */
function departmentCountsSql(q: Dialect['quote'], audience: Audience, tenantId: string, taskId: string, departmentId?: string): SqlCondition {
  const cond = membershipIsAssigned(audience, q);
  return {
    sql:
      `SELECT a.${q('id')} AS departmentId, COUNT(DISTINCT m.${q('id')}) AS assigned, COUNT(DISTINCT c.${q('memberId')}) AS completed FROM ${q('Department')} a ` +
      `JOIN ${q('Department')} d ON d.${q('tenantId')} = a.${q('tenantId')} AND SUBSTR(d.${q('path')}, 1, LENGTH(a.${q('path')})) = a.${q('path')} ` +
      `JOIN ${q('DepartmentMember')} dm ON dm.${q('tenantId')} = d.${q('tenantId')} AND dm.${q('departmentId')} = d.${q('id')} ` +
      `JOIN ${q('Member')} m ON m.${q('tenantId')} = dm.${q('tenantId')} AND m.${q('id')} = dm.${q('memberId')} ` +
      `LEFT JOIN ${q('TaskCompletion')} c ON c.${q('tenantId')} = m.${q('tenantId')} AND c.${q('taskId')} = ? AND c.${q('memberId')} = m.${q('id')} ` +
      `WHERE a.${q('tenantId')} = ?${departmentId ? ` AND a.${q('id')} = ?` : ''} AND ${cond.sql} GROUP BY a.${q('id')}`,
    params: [taskId, tenantId, ...(departmentId ? [departmentId] : []), ...cond.params],
  };
}

/** Enterprises up to this many members get their reports computed live; larger ones read TaskDeptStat. */
export const LIVE_REPORT_MAX_MEMBERS = 5000;

export async function reportsAreLive(db: TenantDb): Promise<boolean> {
  const members = await db.member.count({ where: { status: { in: [...ASSIGNABLE_STATUSES] } }, take: LIVE_REPORT_MAX_MEMBERS + 1 });
  return members <= LIVE_REPORT_MAX_MEMBERS;
}

/**
 * Rebuilds TaskDeptStat for every open task of an enterprise; checkpoints per task. Each task gets
 * one row per department it reaches and one WHOLE_ENTERPRISE row (always, so a task whose row is
 * missing has never been computed).
 */
export async function refreshDeptStats(deps: AppDeps, db: TenantDb, tenantId: string, io?: JobIO) {
  const { raw, dialect } = deps.db;
  const q = dialect.quote;
  const tasks = await db.trainingTask.findMany({ where: { archivedAt: null }, select: { id: true }, orderBy: { id: 'asc' } });
  const at = new Date(clock.now());
  const insert = `INSERT INTO ${q('TaskDeptStat')} (${q('departmentId')}, ${q('assigned')}, ${q('completed')}, ${q('tenantId')}, ${q('taskId')}, ${q('refreshedAt')}) `;
  for (const [i, task] of tasks.entries()) {
    const audience = await loadAudience(db, task.id);
    const departments = departmentCountsSql(q, audience, tenantId, task.id);
    const whole = await taskTotalsSql(deps, db, tenantId, task.id, `'${WHOLE_ENTERPRISE}' AS departmentId, `);
    await raw.execute(`DELETE FROM ${q('TaskDeptStat')} WHERE ${q('tenantId')} = ? AND ${q('taskId')} = ?`, [tenantId, task.id]);
    for (const counts of [departments, whole]) {
      await raw.execute(`${insert}SELECT s.departmentId, s.assigned, s.completed, ?, ?, ? FROM (${counts.sql}) s`, [tenantId, task.id, at, ...counts.params]);
    }
    await io?.progress(i + 1, tasks.length);
  }
  return { tasks: tasks.length, refreshedAt: at.toISOString() };
}

/** The TaskDeptStat row that holds a task's whole-enterprise totals. */
export const WHOLE_ENTERPRISE = '*';

interface Counts {
  assigned: number;
  completed: number;
}

/** Live counts of one task for every department it reaches (the Excel export's breakdown). */
export async function departmentBreakdown(deps: AppDeps, db: TenantDb, tenantId: string, taskId: string): Promise<Map<string, Counts>> {
  const counts = departmentCountsSql(deps.db.dialect.quote, await loadAudience(db, taskId), tenantId, taskId);
  const rows = await deps.db.raw.query<Record<string, unknown>>(counts.sql, counts.params);
  return new Map(rows.map((r) => [String(r.departmentId), { assigned: num(r.assigned), completed: num(r.completed) }]));
}

/** Live counts of every open task for one department, or for the whole enterprise. */
async function liveCounts(deps: AppDeps, db: TenantDb, tenantId: string, taskIds: string[], departmentId: string | null): Promise<Map<string, Counts>> {
  const out = new Map<string, Counts>();
  for (const taskId of taskIds) {
    const counts = departmentId
      ? departmentCountsSql(deps.db.dialect.quote, await loadAudience(db, taskId), tenantId, taskId, departmentId)
      : await taskTotalsSql(deps, db, tenantId, taskId);
    const [row] = await deps.db.raw.query<Record<string, unknown>>(counts.sql, counts.params);
    out.set(taskId, { assigned: num(row?.assigned), completed: num(row?.completed) });
  }
  return out;
}

/** Stored counts for one department or the whole enterprise; also when each task was last computed. */
async function storedCounts(deps: AppDeps, tenantId: string, departmentId: string | null) {
  const { raw, dialect } = deps.db;
  const q = dialect.quote;
  const scope = departmentId ?? WHOLE_ENTERPRISE;
  const rows = await raw.query<Record<string, unknown>>(
    `SELECT ${q('taskId')} AS taskId, ${q('departmentId')} AS departmentId, ${q('assigned')} AS assigned, ${q('completed')} AS completed, ${q('refreshedAt')} AS refreshedAt ` +
      `FROM ${q('TaskDeptStat')} WHERE ${q('tenantId')} = ? AND ${q('departmentId')} IN (?, ?)`,
    [tenantId, scope, WHOLE_ENTERPRISE],
  );
  const counts = new Map<string, Counts>();
  const computedAt = new Map<string, number>();
  for (const r of rows) {
    if (r.departmentId === scope) counts.set(String(r.taskId), { assigned: num(r.assigned), completed: num(r.completed) });
    if (r.departmentId === WHOLE_ENTERPRISE) computedAt.set(String(r.taskId), new Date(r.refreshedAt as string).getTime());
  }
  return { counts, computedAt };
}

/**
 * Completion per open task for a department and its sub-departments (or, with departmentId null,
 * the whole enterprise — the same figures as each task's page). Only the tasks that reach the
 * scope are listed. Live for enterprises up to LIVE_REPORT_MAX_MEMBERS; larger ones read the
 * summary the refresh job keeps, with its time (asOf) and whether it is due for a refresh (stale:
 * older than STATS_MAX_AGE_MS, or a task computed never or before its last change).
 */
export async function departmentReport(deps: AppDeps, db: TenantDb, tenantId: string, departmentId: string | null, opts: { live: boolean }) {
  const dept = departmentId ? await db.department.findUnique({ where: { id: departmentId }, select: { id: true, name: true } }) : null;
  if (departmentId && !dept) throw errors.notFound('department');
  const tasks = await db.trainingTask.findMany({ where: { archivedAt: null }, select: { id: true, title: true, dueAt: true, required: true, updatedAt: true }, orderBy: { dueAt: 'asc' } });
  const now = clock.now();
  let counts: Map<string, Counts>;
  let asOf: number | null = now;
  let stale = false;
  if (opts.live) {
    counts = await liveCounts(deps, db, tenantId, tasks.map((t) => t.id), departmentId);
  } else {
    const stored = await storedCounts(deps, tenantId, departmentId);
    counts = stored.counts;
    const times = tasks.map((t) => stored.computedAt.get(t.id) ?? null);
    asOf = times.length && times.every((x) => x !== null) ? Math.min(...(times as number[])) : null;
    stale = asOf === null || now - asOf > STATS_MAX_AGE_MS || tasks.some((t, i) => times[i]! < t.updatedAt.getTime());
  }
  const items = tasks
    .map((t) => {
      const c = counts.get(t.id) ?? { assigned: 0, completed: 0 };
      const totals = totalsOf(c.assigned, c.completed, t.dueAt, now);
      return { taskId: t.id, title: t.title, required: t.required, dueAt: t.dueAt.toISOString(), assigned: c.assigned, completed: c.completed, overdue: totals.overdue, completionRate: totals.completionRate };
    })
    .filter((i) => i.assigned > 0);
  const assigned = items.reduce((s, i) => s + i.assigned, 0);
  const completed = items.reduce((s, i) => s + i.completed, 0);
  return {
    department: dept,
    totals: { assigned, completed, overdue: items.reduce((s, i) => s + i.overdue, 0), completionRate: assigned ? Math.round((completed / assigned) * 1000) / 10 : 0 },
    tasks: items,
    asOf: asOf === null ? null : new Date(asOf).toISOString(),
    stale,
  };
}
