/**
 * Views: who read which document and when — one row per member and document with the first and
 * last time and a count. Training's reading tasks build on recordView / hasRead / readersOf.
 */
import type { AppDeps } from '../../../core/context';
import type { TenantDb } from '../../../core/tenancy';

/** Records that a member opened a document (atomic upsert: concurrent opens never collide). */
export async function recordView(deps: Pick<AppDeps, 'db'>, tenantId: string, nodeId: string, memberId: string, at = new Date()): Promise<void> {
  const { dialect, raw } = deps.db;
  const sql = dialect.upsertSql('KbView', ['tenantId', 'nodeId', 'memberId', 'count', 'firstViewedAt', 'lastViewedAt'], 1, ['tenantId', 'nodeId', 'memberId'], {
    count: `${dialect.existing('KbView', 'count')} + 1`,
    lastViewedAt: dialect.incoming('lastViewedAt'),
  });
  await raw.execute(sql, [tenantId, nodeId, memberId, 1, at, at]);
}

/** Whether the member has opened the document (optionally: since a given time). */
export async function hasRead(db: TenantDb, memberId: string, nodeId: string, since?: Date): Promise<boolean> {
  const view = await db.kbView.findFirst({ where: { nodeId, memberId }, select: { lastViewedAt: true } });
  return !!view && (!since || view.lastViewedAt >= since);
}

/** For each of the documents, when the member first and last read it (absent: never). */
export async function readsOf(db: TenantDb, memberId: string, nodeIds: string[]) {
  const rows = await db.kbView.findMany({ where: { memberId, nodeId: { in: nodeIds } }, select: { nodeId: true, firstViewedAt: true, lastViewedAt: true, count: true } });
  return new Map(rows.map((r) => [r.nodeId, r]));
}
