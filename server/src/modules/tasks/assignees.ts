/**
 * Who a task is assigned to, computed from the directory when asked: the whole enterprise, members
 * named directly, and everyone in a named department or any of its sub-departments (by
 * Department.path). Someone who joins an assigned department later is an assignee from then on;
 * someone who leaves it (or the enterprise) is not, while their records stay.
 * Returns an SQL condition on the Member table aliased `m`, for use in raw aggregation queries.
 */
import type { TenantDb } from '../../core/tenancy';
import type { Dialect } from '../../db/dialect';

export interface AssigneeCondition {
  sql: string;
  params: unknown[];
}

export async function assigneeCondition(db: TenantDb, dialect: Dialect, taskId: string): Promise<AssigneeCondition> {
  const q = dialect.quote;
  const targets = await db.taskTarget.findMany({ where: { taskId }, select: { kind: true, refId: true } });
  if (targets.some((t) => t.kind === 'enterprise')) return { sql: '1 = 1', params: [] };
  const parts: string[] = [];
  const params: unknown[] = [];
  const deptIds = targets.filter((t) => t.kind === 'department' && t.refId).map((t) => t.refId!);
  if (deptIds.length) {
    const paths = (await db.department.findMany({ where: { id: { in: deptIds } }, select: { path: true } })).map((d) => d.path);
    if (paths.length) {
      parts.push(
        `m.${q('id')} IN (SELECT dm.${q('memberId')} FROM ${q('DepartmentMember')} dm JOIN ${q('Department')} d ON d.${q('tenantId')} = dm.${q('tenantId')} AND d.${q('id')} = dm.${q('departmentId')} ` +
          `WHERE dm.${q('tenantId')} = m.${q('tenantId')} AND (${paths.map(() => `d.${q('path')} LIKE ?`).join(' OR ')}))`,
      );
      // Paths are made of cuid ids and slashes: no LIKE wildcards to escape.
      params.push(...paths.map((p) => `${p}%`));
    }
  }
  const memberIds = targets.filter((t) => t.kind === 'member' && t.refId).map((t) => t.refId!);
  if (memberIds.length) {
    parts.push(`m.${q('id')} IN (${memberIds.map(() => '?').join(', ')})`);
    params.push(...memberIds);
  }
  return parts.length ? { sql: `(${parts.join(' OR ')})`, params } : { sql: '1 = 0', params: [] };
}

/** Ids of the active members a task is assigned to right now. */
export async function assigneeIds(db: TenantDb, raw: { query<T>(sql: string, params?: unknown[]): Promise<T[]> }, dialect: Dialect, tenantId: string, taskId: string): Promise<string[]> {
  const q = dialect.quote;
  const cond = await assigneeCondition(db, dialect, taskId);
  const rows = await raw.query<{ id: string }>(
    `SELECT m.${q('id')} AS id FROM ${q('Member')} m WHERE m.${q('tenantId')} = ? AND m.${q('status')} = 'active' AND ${cond.sql}`,
    [tenantId, ...cond.params],
  );
  return rows.map((r) => r.id);
}

/** Is this member an assignee (the member's own view)? Same rules, evaluated for one person. */
export function matchesTargets(targets: { kind: string; refId: string | null }[], memberId: string, departmentPaths: string[], targetPaths: Map<string, string>): boolean {
  return targets.some(
    (t) =>
      t.kind === 'enterprise' ||
      (t.kind === 'member' && t.refId === memberId) ||
      (t.kind === 'department' && !!t.refId && targetPaths.has(t.refId) && departmentPaths.some((p) => p.startsWith(targetPaths.get(t.refId!)!))),
  );
}
