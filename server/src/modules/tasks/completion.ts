/**
 * Task completion: when a member completes something (a course credited, an exam passed, a
 * document read) every task that contains it records the item as done for them, and a task whose
 * items are all done is complete. Recorded whether or not the member is an assignee right now, so
 * someone who joins an assigned department later keeps what they already did; nothing is deleted
 * when someone leaves.
 */
import type { TenantDb } from '../../core/tenancy';

export type ItemKind = 'course' | 'exam' | 'document';

export async function recordItemDone(db: TenantDb, tenantId: string, memberId: string, kind: ItemKind, refId: string, at: Date): Promise<void> {
  const items = await db.taskItem.findMany({ where: { kind, refId }, select: { id: true, taskId: true } });
  if (items.length === 0) return;
  const have = await db.taskItemDone.findMany({ where: { memberId, itemId: { in: items.map((i) => i.id) } }, select: { itemId: true } });
  const seen = new Set(have.map((h) => h.itemId));
  const fresh = items.filter((i) => !seen.has(i.id));
  for (const item of fresh) {
    // One row at a time: a concurrent duplicate is harmless and simply skipped.
    await db.taskItemDone.create({ data: { tenantId, taskId: item.taskId, itemId: item.id, memberId, doneAt: at } }).catch(ignoreDuplicate);
  }
  await completeTasks(db, tenantId, memberId, [...new Set(items.map((i) => i.taskId))], at);
}

export async function completeTasks(db: TenantDb, tenantId: string, memberId: string, taskIds: string[], at: Date): Promise<void> {
  for (const taskId of taskIds) {
    const [total, done, complete] = await Promise.all([
      db.taskItem.count({ where: { taskId } }),
      db.taskItemDone.count({ where: { taskId, memberId } }),
      db.taskCompletion.findFirst({ where: { taskId, memberId }, select: { taskId: true } }),
    ]);
    if (!complete && total > 0 && done >= total) {
      await db.taskCompletion.create({ data: { tenantId, taskId, memberId, completedAt: at } }).catch(ignoreDuplicate);
    }
  }
}

export function ignoreDuplicate(err: unknown): void {
  const code = (err as { code?: string })?.code;
  if (code === 'P2002') return;
  throw err;
}
