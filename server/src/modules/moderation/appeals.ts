/**
 * Appeals (002 §4.7): a member contests a penalty of theirs, or the hiding or deletion of their
 * content; the appeal is a case in the review queue, one open at a time per thing.
 */
import type { Actor, AppDeps } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { errors } from '../../core/errors';
import { openCase } from './cases';
import { loadTarget, type TargetType } from './targets';

export async function fileAppeal(_deps: AppDeps, db: TenantDb, actor: Actor, input: { targetType: string; targetId: string; text: string }) {
  let summary: string;
  if (input.targetType === 'penalty') {
    const penalty = await db.memberPenalty.findFirst({ where: { id: input.targetId, memberId: actor.memberId }, select: { kind: true, status: true, reason: true } });
    if (!penalty) throw errors.notFound('penalty');
    if (penalty.status !== 'active') throw errors.conflict('nothing_to_appeal', '该处罚已结束，无需申诉 / The penalty has ended: nothing to appeal');
    summary = `${penalty.kind}: ${penalty.reason}`;
  } else {
    const target = await loadTarget(db, input.targetType as TargetType, input.targetId);
    if (!target || target.authorId !== actor.memberId) throw errors.notFound(input.targetType);
    if (target.status === 'published') throw errors.conflict('nothing_to_appeal', '该内容正常显示，无需申诉 / The content is visible: nothing to appeal');
    summary = target.text.slice(0, 200);
  }
  const opened = await openCase(db, { kind: 'appeal', targetType: input.targetType, targetId: input.targetId, subjectId: actor.memberId, summary, appealText: input.text });
  if (!opened.created) throw errors.conflict('appeal_pending', '已有申诉在处理中 / An appeal of this is already waiting for a decision');
  return opened.id;
}
