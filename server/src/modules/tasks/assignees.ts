/**
 * Who a task is assigned to — the one definition every count uses (task page, assignee list,
 * reminders, whole-enterprise and department reports, dashboard, Excel export).
 *
 * A task's assignees, computed from the directory when asked, are the members who are still in
 * the enterprise (status active, or frozen: inactive but not gone — the training is still theirs to
 * do) and are targeted: the whole enterprise, named directly, or a member of a targeted department
 * or any of its sub-departments (by Department.path). Someone who joins an assigned department
 * later is an assignee from then on; someone who leaves it (or the enterprise) is not, while their
 * records stay. Each person counts once, however many departments they are in.
 *
 * A department's report counts the assignees who belong, in that department or below it, to the
 * audience: for a department target, through a membership inside the target's subtree. So someone
 * in an assigned department A who is also in department B counts for A, not for B — a department
 * that was never assigned (nor anything above or below it) shows nothing.
 */
import type { TenantDb } from '../../core/tenancy';
import type { Dialect } from '../../db/dialect';

/** Member statuses that count: still in the enterprise. `left` and `cancelled` do not. */
export const ASSIGNABLE_STATUSES = ['active', 'frozen'] as const;

export interface Audience {
  everyone: boolean;
  memberIds: string[];
  departmentPaths: string[];
}

export interface SqlCondition {
  sql: string;
  params: unknown[];
}

export async function loadAudience(db: TenantDb, taskId: string): Promise<Audience> {
  const targets = await db.taskTarget.findMany({ where: { taskId }, select: { kind: true, refId: true } });
  const deptIds = targets.filter((t) => t.kind === 'department' && t.refId).map((t) => t.refId!);
  const departmentPaths = deptIds.length ? (await db.department.findMany({ where: { id: { in: deptIds } }, select: { path: true } })).map((d) => d.path) : [];
  return {
    everyone: targets.some((t) => t.kind === 'enterprise'),
    memberIds: targets.filter((t) => t.kind === 'member' && t.refId).map((t) => t.refId!),
    departmentPaths,
  };
}

const statusSql = (q: Dialect['quote']) => `m.${q('status')} IN (${ASSIGNABLE_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** Is a department path (`column`) inside one of the audience's departments? Paths are cuids and slashes: no LIKE wildcards. */
function insideTargets(column: string, paths: string[]): SqlCondition {
  return { sql: paths.map(() => `${column} LIKE ?`).join(' OR '), params: paths.map((p) => `${p}%`) };
}

function either(parts: SqlCondition[]): SqlCondition {
  return parts.length ? { sql: `(${parts.map((p) => p.sql).join(' OR ')})`, params: parts.flatMap((p) => p.params) } : { sql: '1 = 0', params: [] };
}

/** SQL condition on the Member table aliased `m`: m is an assignee of the task. */
export function memberIsAssigned(audience: Audience, q: Dialect['quote']): SqlCondition {
  if (audience.everyone) return { sql: statusSql(q), params: [] };
  const parts: SqlCondition[] = [];
  if (audience.departmentPaths.length) {
    const inside = insideTargets(`d.${q('path')}`, audience.departmentPaths);
    parts.push({
      sql:
        // IN, not a correlated EXISTS: MariaDB plans it as a semi-join whatever its table statistics
        // say (an EXISTS on freshly loaded tables once took minutes where this takes a second).
        `m.${q('id')} IN (SELECT dm.${q('memberId')} FROM ${q('DepartmentMember')} dm JOIN ${q('Department')} d ON d.${q('tenantId')} = dm.${q('tenantId')} AND d.${q('id')} = dm.${q('departmentId')} ` +
        `WHERE dm.${q('tenantId')} = m.${q('tenantId')} AND (${inside.sql}))`,
      params: inside.params,
    });
  }
  if (audience.memberIds.length) parts.push({ sql: `m.${q('id')} IN (${audience.memberIds.map(() => '?').join(', ')})`, params: audience.memberIds });
  const any = either(parts);
  return { sql: `${statusSql(q)} AND ${any.sql}`, params: any.params };
}

/**
 * SQL condition on a member `m` and one of their department memberships, the Department aliased
 * `d`: this membership puts m in the audience (see the department rule above).
 */
export function membershipIsAssigned(audience: Audience, q: Dialect['quote']): SqlCondition {
  if (audience.everyone) return { sql: statusSql(q), params: [] };
  const parts: SqlCondition[] = [];
  if (audience.departmentPaths.length) parts.push(insideTargets(`d.${q('path')}`, audience.departmentPaths));
  if (audience.memberIds.length) parts.push({ sql: `m.${q('id')} IN (${audience.memberIds.map(() => '?').join(', ')})`, params: audience.memberIds });
  const any = either(parts);
  return { sql: `${statusSql(q)} AND ${any.sql}`, params: any.params };
}

export async function assigneeCondition(db: TenantDb, dialect: Dialect, taskId: string): Promise<SqlCondition> {
  return memberIsAssigned(await loadAudience(db, taskId), dialect.quote);
}

/** Ids of the members a task is assigned to right now. */
export async function assigneeIds(db: TenantDb, raw: { query<T>(sql: string, params?: unknown[]): Promise<T[]> }, dialect: Dialect, tenantId: string, taskId: string): Promise<string[]> {
  const q = dialect.quote;
  const cond = await assigneeCondition(db, dialect, taskId);
  const rows = await raw.query<{ id: string }>(`SELECT m.${q('id')} AS id FROM ${q('Member')} m WHERE m.${q('tenantId')} = ? AND ${cond.sql}`, [tenantId, ...cond.params]);
  return rows.map((r) => r.id);
}

/** Is this member an assignee (the member's own view)? Same rules, evaluated for one signed-in person. */
export function matchesTargets(targets: { kind: string; refId: string | null }[], memberId: string, departmentPaths: string[], targetPaths: Map<string, string>): boolean {
  return targets.some(
    (t) =>
      t.kind === 'enterprise' ||
      (t.kind === 'member' && t.refId === memberId) ||
      (t.kind === 'department' && !!t.refId && targetPaths.has(t.refId) && departmentPaths.some((p) => p.startsWith(targetPaths.get(t.refId!)!))),
  );
}

async function myDepartmentPaths(db: TenantDb, memberId: string): Promise<string[]> {
  const links = await db.departmentMember.findMany({ where: { memberId }, select: { departmentId: true } });
  if (!links.length) return [];
  return (await db.department.findMany({ where: { id: { in: links.map((l) => l.departmentId) } }, select: { path: true } })).map((d) => d.path);
}

/** Tasks the member is assigned to right now, among `tasks`. */
export async function assignedAmong<T extends { id: string }>(db: TenantDb, memberId: string, tasks: T[]): Promise<T[]> {
  if (!tasks.length) return [];
  const targets = await db.taskTarget.findMany({ where: { taskId: { in: tasks.map((t) => t.id) } }, select: { taskId: true, kind: true, refId: true } });
  const deptIds = [...new Set(targets.filter((t) => t.kind === 'department' && t.refId).map((t) => t.refId!))];
  const targetPaths = new Map((deptIds.length ? await db.department.findMany({ where: { id: { in: deptIds } }, select: { id: true, path: true } }) : []).map((d) => [d.id, d.path]));
  const mine = await myDepartmentPaths(db, memberId);
  return tasks.filter((t) => matchesTargets(targets.filter((x) => x.taskId === t.id), memberId, mine, targetPaths));
}
