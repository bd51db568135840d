/**
 * The `kb.search.reindex` job: rebuilds an enterprise's search index from its documents — after a
 * tokenizer change, a restore from backup, or to move to another engine. Pages through the live
 * documents by id (the checkpoint, so a crashed run resumes), re-indexes them in batches, then
 * drops entries of documents that are no longer live.
 */
import type { AppDeps } from '../../../core/context';
import { scopeToTenant } from '../../../core/tenancy';
import type { JobIO, JobRecord } from '../../../jobs/queue';
import { htmlToText } from '../content/sanitize';
import { searchEngine } from '.';

export const REINDEX_JOB = 'kb.search.reindex';
const PAGE = 200;

export async function runReindex(deps: AppDeps, job: JobRecord, io: JobIO) {
  const tenantId = job.tenantId!;
  const db = scopeToTenant(deps.db.prisma, tenantId);
  const engine = searchEngine(deps);
  const spaces = (await db.kbSpace.findMany({ where: { status: 'active' }, select: { id: true } })).map((s) => s.id);
  const live = { kind: 'document' as const, status: 'active' as const, spaceId: { in: spaces } };
  const total = await db.kbNode.count({ where: live });
  let { after, done } = (job.state as { after?: string; done?: number } | null) ?? {};
  done ??= 0;
  for (;;) {
    const docs = await db.kbNode.findMany({
      where: { ...live, ...(after && { id: { gt: after } }) },
      select: { id: true, spaceId: true, aclPath: true, title: true, body: true },
      orderBy: { id: 'asc' },
      take: PAGE,
    });
    if (docs.length === 0) break;
    for (const d of docs) await engine.index({ tenantId, nodeId: d.id, spaceId: d.spaceId, aclPath: d.aclPath, title: d.title, text: htmlToText(d.body ?? '') });
    after = docs[docs.length - 1].id;
    done += docs.length;
    await io.progress(done, total, { after, done });
  }
  const indexed = await deps.db.raw.query<{ nodeId: string }>(`SELECT ${deps.db.dialect.quote('nodeId')} FROM ${deps.db.dialect.quote('KbSearchEntry')} WHERE ${deps.db.dialect.quote('tenantId')} = ?`, [tenantId]);
  const liveIds = new Set((await db.kbNode.findMany({ where: live, select: { id: true } })).map((n) => n.id));
  const stale = indexed.map((r) => r.nodeId).filter((id) => !liveIds.has(id));
  await engine.remove(tenantId, stale);
  await io.progress(total, total, { after, done });
  return { documents: done, removed: stale.length };
}
