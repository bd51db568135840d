/**
 * Reports (举报): any member reports what they can see, with a reason category. One member's
 * repeated reports of one thing count once (the unique key); each new report joins the thing's
 * open report case and its text is kept as evidence. Nothing of the reporter reaches the reported.
 */
import type { Actor, AppDeps } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { errors } from '../../core/errors';
import { openCase } from './cases';
import { captureOnce } from './evidence';
import { loadVisibleTarget, type TargetType } from './targets';

export async function fileReport(
  deps: AppDeps, db: TenantDb, actor: Actor,
  input: { targetType: TargetType; targetId: string; reason: string; note?: string },
): Promise<{ caseId: string; counted: boolean }> {
  const target = await loadVisibleTarget(db, actor, input.targetType, input.targetId);
  if (!target) throw errors.notFound(input.targetType);
  if (target.authorId === actor.memberId) throw errors.badRequest('own_content', '不能举报自己 / You cannot report yourself or your own content');
  const already = await db.contentReport.findFirst({ where: { targetType: target.type, targetId: target.id, reporterId: actor.memberId }, select: { caseId: true } });
  if (already) return { caseId: already.caseId, counted: false };
  const opened = await openCase(db, { kind: 'report', targetType: target.type, targetId: target.id, subjectId: target.authorId, summary: target.text.slice(0, 200) });
  try {
    await db.contentReport.create({
      data: { caseId: opened.id, targetType: target.type, targetId: target.id, reporterId: actor.memberId, reason: input.reason, note: input.note?.slice(0, 500) ?? null } as never,
      select: { id: true },
    });
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') return { caseId: opened.id, counted: false }; // the same member, twice at once
    throw err;
  }
  await db.moderationCase.update({ where: { id: opened.id }, data: { reportCount: { increment: 1 } }, select: { id: true } });
  if (target.type !== 'member') {
    await captureOnce(deps, db, { caseId: opened.id, targetType: target.type, targetId: target.id, authorId: target.authorId, authorIp: target.authorIp, event: 'reported', content: target.text });
  }
  return { caseId: opened.id, counted: true };
}
