/** Training tasks: creation (checked references, reminders scheduled, past work credited) and progress. */
import type { AppDeps } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { errors } from '../../core/errors';
import { clock } from '../courses/clock';
import { assigneeCondition, type SqlCondition } from './assignees';
import type { ItemInput, TargetInput } from './schema';

export const taskSelect = {
  id: true, title: true, description: true, required: true, startsAt: true, dueAt: true, remindDaysBefore: true, archivedAt: true, createdAt: true,
} as const;
export interface TaskRow {
  id: string; title: string; description: string | null; required: boolean; startsAt: Date; dueAt: Date; remindDaysBefore: number; archivedAt: Date | null; createdAt: Date;
}

export function presentTask(t: TaskRow) {
  return {
    id: t.id, title: t.title, description: t.description, required: t.required, startsAt: t.startsAt.toISOString(), dueAt: t.dueAt.toISOString(),
    remindDaysBefore: t.remindDaysBefore, archived: !!t.archivedAt, overdue: clock.now() > t.dueAt.getTime(), createdAt: t.createdAt.toISOString(),
  };
}

export async function checkReferences(db: TenantDb, items: { kind: string; refId: string }[], targets: TargetInput[]) {
  const ids = (kind: string) => [...new Set(items.filter((i) => i.kind === kind).map((i) => i.refId))];
  const [courses, exams, docs] = [ids('course'), ids('exam'), ids('document')];
  const found = await Promise.all([
    // A draft or unpublished course cannot be studied, so it cannot be assigned.
    courses.length ? db.course.count({ where: { id: { in: courses }, status: 'published' } }) : 0,
    exams.length ? db.exam.count({ where: { id: { in: exams } } }) : 0,
    docs.length ? db.kbNode.count({ where: { id: { in: docs }, kind: 'document' } }) : 0,
  ]);
  if (found[0] !== courses.length || found[1] !== exams.length || found[2] !== docs.length) {
    throw errors.badRequest('unknown_item', '任务内容不存在或课程未发布 / A course, exam or document of the task does not exist, or a course is not published');
  }
  await checkTargets(db, targets);
}

export async function checkTargets(db: TenantDb, targets: TargetInput[]) {
  const depts = [...new Set(targets.filter((t) => t.kind === 'department').map((t) => (t as { refId: string }).refId))];
  const members = [...new Set(targets.filter((t) => t.kind === 'member').map((t) => (t as { refId: string }).refId))];
  const [d, m] = await Promise.all([
    depts.length ? db.department.count({ where: { id: { in: depts } } }) : 0,
    members.length ? db.member.count({ where: { id: { in: members } } }) : 0,
  ]);
  if (d !== depts.length || m !== members.length) throw errors.badRequest('unknown_target', '指派对象不存在 / A department or member does not exist');
}

/**
 * Credits work done before the task existed (a course already completed, an exam already passed,
 * a document already read — in the knowledge base or confirmed here) and records every completion
 * it makes whole. Plain INSERT … SELECT on both dialects; safe to run again.
 */
export async function backfillTask(deps: AppDeps, tenantId: string, taskId: string): Promise<void> {
  const { raw, dialect } = deps.db;
  const q = dialect.quote;
  const missing = `NOT EXISTS (SELECT 1 FROM ${q('TaskItemDone')} x WHERE x.${q('tenantId')} = i.${q('tenantId')} AND x.${q('itemId')} = i.${q('id')} AND x.${q('memberId')} = s.mid)`;
  const insert = (kind: string, source: string, sourceParams: unknown[]) =>
    raw.execute(
      `INSERT INTO ${q('TaskItemDone')} (${q('tenantId')}, ${q('taskId')}, ${q('itemId')}, ${q('memberId')}, ${q('doneAt')}) ` +
        `SELECT i.${q('tenantId')}, i.${q('taskId')}, i.${q('id')}, s.mid, MIN(s.at) FROM ${q('TaskItem')} i JOIN (${source}) s ON s.ref = i.${q('refId')} ` +
        `WHERE i.${q('tenantId')} = ? AND i.${q('taskId')} = ? AND i.${q('kind')} = '${kind}' AND ${missing} GROUP BY i.${q('tenantId')}, i.${q('taskId')}, i.${q('id')}, s.mid`,
      [...sourceParams, tenantId, taskId],
    );
  await insert('course', `SELECT ${q('courseId')} AS ref, ${q('memberId')} AS mid, ${q('completedAt')} AS at FROM ${q('Enrolment')} WHERE ${q('tenantId')} = ? AND ${q('completedAt')} IS NOT NULL`, [tenantId]);
  await insert('exam', `SELECT ${q('examId')} AS ref, ${q('memberId')} AS mid, ${q('submittedAt')} AS at FROM ${q('ExamAttempt')} WHERE ${q('tenantId')} = ? AND ${q('passed')} = 1`, [tenantId]);
  await insert(
    'document',
    `SELECT ${q('documentId')} AS ref, ${q('memberId')} AS mid, ${q('readAt')} AS at FROM ${q('DocumentRead')} WHERE ${q('tenantId')} = ? ` +
      `UNION ALL SELECT ${q('nodeId')}, ${q('memberId')}, ${q('firstViewedAt')} FROM ${q('KbView')} WHERE ${q('tenantId')} = ?`,
    [tenantId, tenantId],
  );
  await recomputeCompletions(deps, tenantId, taskId);
}

/** A task's items with their titles (course, exam, document), for the console. */
export async function titledItems(db: TenantDb, taskId: string) {
  const items = await db.taskItem.findMany({ where: { taskId }, orderBy: { sortOrder: 'asc' }, select: { id: true, kind: true, refId: true } });
  const ids = (kind: string) => items.filter((i) => i.kind === kind).map((i) => i.refId);
  const [courses, exams, docs] = await Promise.all([
    ids('course').length ? db.course.findMany({ where: { id: { in: ids('course') } }, select: { id: true, title: true } }) : [],
    ids('exam').length ? db.exam.findMany({ where: { id: { in: ids('exam') } }, select: { id: true, title: true } }) : [],
    ids('document').length ? db.kbNode.findMany({ where: { id: { in: ids('document') } }, select: { id: true, title: true } }) : [],
  ]);
  const title = new Map([...courses, ...exams, ...docs].map((x) => [x.id, x.title]));
  return items.map((i) => ({ ...i, title: title.get(i.refId) ?? null }));
}

/**
 * Replaces a task's contents. Items kept (same kind and reference) keep their id and what people
 * did of them; removed items take their done rows with them; added items credit work done
 * before (backfillTask). Completion follows the new contents both ways: someone who lacks an added
 * item is no longer complete, someone who now has every item is.
 */
export async function replaceItems(deps: AppDeps, db: TenantDb, tenantId: string, taskId: string, items: ItemInput[]): Promise<{ added: number; removed: number }> {
  const existing = await db.taskItem.findMany({ where: { taskId }, select: { id: true, kind: true, refId: true } });
  const key = (i: { kind: string; refId: string }) => `${i.kind}:${i.refId}`;
  const wanted = new Set(items.map(key));
  const have = new Map(existing.map((i) => [key(i), i.id]));
  const added = items.filter((i) => !have.has(key(i)));
  const removed = existing.filter((i) => !wanted.has(key(i))).map((i) => i.id);
  await checkReferences(db, added, []);
  if (removed.length) {
    await db.taskItemDone.deleteMany({ where: { taskId, itemId: { in: removed } } });
    await db.taskItem.deleteMany({ where: { taskId, id: { in: removed } } });
  }
  for (const [n, i] of items.entries()) {
    const id = have.get(key(i));
    if (id) await db.taskItem.update({ where: { id }, data: { sortOrder: n }, select: { id: true } });
    else await db.taskItem.create({ data: { tenantId, taskId, kind: i.kind, refId: i.refId, sortOrder: n }, select: { id: true } });
  }
  if (added.length) {
    const counts = await db.taskItemDone.groupBy({ by: ['memberId'], where: { taskId }, _count: { _all: true } });
    const whole = new Set(counts.filter((c) => c._count._all >= items.length).map((c) => c.memberId));
    const completions = await db.taskCompletion.findMany({ where: { taskId }, select: { memberId: true } });
    const undone = completions.map((c) => c.memberId).filter((m) => !whole.has(m));
    if (undone.length) await db.taskCompletion.deleteMany({ where: { taskId, memberId: { in: undone } } });
  }
  await backfillTask(deps, tenantId, taskId);
  return { added: added.length, removed: removed.length };
}

export async function recomputeCompletions(deps: AppDeps, tenantId: string, taskId: string): Promise<void> {
  const { raw, dialect } = deps.db;
  const q = dialect.quote;
  await raw.execute(
    `INSERT INTO ${q('TaskCompletion')} (${q('tenantId')}, ${q('taskId')}, ${q('memberId')}, ${q('completedAt')}) ` +
      `SELECT d.${q('tenantId')}, d.${q('taskId')}, d.${q('memberId')}, MAX(d.${q('doneAt')}) FROM ${q('TaskItemDone')} d ` +
      `WHERE d.${q('tenantId')} = ? AND d.${q('taskId')} = ? AND NOT EXISTS (SELECT 1 FROM ${q('TaskCompletion')} c WHERE c.${q('tenantId')} = d.${q('tenantId')} AND c.${q('taskId')} = d.${q('taskId')} AND c.${q('memberId')} = d.${q('memberId')}) ` +
      `GROUP BY d.${q('tenantId')}, d.${q('taskId')}, d.${q('memberId')} HAVING COUNT(*) >= (SELECT COUNT(*) FROM ${q('TaskItem')} ti WHERE ti.${q('tenantId')} = ? AND ti.${q('taskId')} = ?)`,
    [tenantId, taskId, tenantId, taskId],
  );
}

export type AssigneeStatus = 'completed' | 'overdue' | 'in_progress' | 'not_started';

export function assigneeStatus(completedAt: Date | null, done: number, dueAt: Date, now = clock.now()): AssigneeStatus {
  if (completedAt) return 'completed';
  if (now > dueAt.getTime()) return 'overdue';
  return done > 0 ? 'in_progress' : 'not_started';
}

/**
 * The task's assignees and how many of them completed it, as one aggregate SELECT (two columns:
 * assigned, completed) — shared by the live summary and the report summary the refresh job stores.
 */
export async function taskTotalsSql(deps: AppDeps, db: TenantDb, tenantId: string, taskId: string, extraColumns = ''): Promise<SqlCondition> {
  const q = deps.db.dialect.quote;
  const cond = await assigneeCondition(db, deps.db.dialect, taskId);
  return {
    sql:
      `SELECT ${extraColumns}COUNT(*) AS assigned, COUNT(c.${q('memberId')}) AS completed FROM ${q('Member')} m ` +
      `LEFT JOIN ${q('TaskCompletion')} c ON c.${q('tenantId')} = m.${q('tenantId')} AND c.${q('taskId')} = ? AND c.${q('memberId')} = m.${q('id')} ` +
      `WHERE m.${q('tenantId')} = ? AND ${cond.sql}`,
    params: [taskId, tenantId, ...cond.params],
  };
}

export interface TaskTotals {
  assignees: number;
  completed: number;
  overdue: number;
  completionRate: number;
}

/** Overdue and rate from the two counts: past the due date, everyone not done is overdue. */
export function totalsOf(assigned: number, completed: number, dueAt: Date, now = clock.now()): TaskTotals {
  return { assignees: assigned, completed, overdue: now > dueAt.getTime() ? assigned - completed : 0, completionRate: assigned ? Math.round((completed / assigned) * 1000) / 10 : 0 };
}

/** Totals over the current assignees, live: how many, completed, overdue. One aggregate query. */
export async function taskSummary(deps: AppDeps, db: TenantDb, tenantId: string, task: TaskRow): Promise<TaskTotals> {
  const totals = await taskTotalsSql(deps, db, tenantId, task.id);
  const [row] = await deps.db.raw.query<{ assigned: unknown; completed: unknown }>(totals.sql, totals.params);
  return totalsOf(Number(row?.assigned ?? 0), Number(row?.completed ?? 0), task.dueAt);
}

export async function loadTask(db: TenantDb, id: string): Promise<TaskRow> {
  const task = await db.trainingTask.findUnique({ where: { id }, select: taskSelect });
  if (!task) throw errors.notFound('task');
  return task;
}
