/**
 * Deciding a case in the review queue: hide, restore, delete (soft: the text stays, and is kept as
 * evidence) or dismiss. Every decision records who, when and why on the case and in the audit log;
 * the member concerned is told the outcome with the reason and how to appeal.
 */
import type { Actor, AppDeps } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { audit } from '../../core/audit';
import { errors } from '../../core/errors';
import { caseSelect } from './cases';
import { captureEvidence } from './evidence';
import { APPEAL_LINK, appealHint, tellMember } from './notices';
import { revokePenalty } from './penalties';
import { loadTarget, setTargetState, type ContentState, type Target, type TargetType } from './targets';

export type Decision = 'hide' | 'restore' | 'delete' | 'dismiss';

const notApplicable = (why: string) => errors.badRequest('decision_not_applicable', why);
const STATE_OF: Record<Exclude<Decision, 'dismiss'>, ContentState> = { hide: 'hidden', restore: 'published', delete: 'deleted' };
const WHAT: Record<string, string> = { question: '问题 / question', answer: '回答 / answer', post: '帖子 / post', comment: '评论 / comment', kb_comment: '知识库评论 / comment', document: '文档 / document' };

/** Published replies are what a post's count shows: recounted when moderation changes one. */
async function recountReplies(db: TenantDb, target: Target) {
  if (target.type !== 'answer' && target.type !== 'comment') return;
  const reply = await db.communityReply.findFirst({ where: { id: target.id }, select: { postId: true } });
  if (!reply) return;
  const count = await db.communityReply.count({ where: { postId: reply.postId, status: 'published' } });
  await db.communityPost.update({ where: { id: reply.postId }, data: { replyCount: count }, select: { id: true } });
}

async function applyToContent(deps: AppDeps, db: TenantDb, actor: Actor, caseId: string, target: Target, action: Exclude<Decision, 'dismiss'>, reason: string) {
  if (target.type === 'member') throw notApplicable('成员请使用处罚 / Use a penalty for a member');
  if (action === 'hide' || action === 'delete') {
    await captureEvidence(deps, db, { caseId, targetType: target.type, targetId: target.id, authorId: target.authorId, authorIp: target.authorIp, event: action === 'hide' ? 'hidden' : 'deleted', content: target.text });
  }
  await setTargetState(db, target, STATE_OF[action]);
  await recountReplies(db, target);
  if (!target.authorId || target.authorId === actor.memberId) return;
  const what = WHAT[target.type] ?? target.type;
  const told = {
    hide: { title: `你的${what.split(' / ')[0]}已被隐藏 / Your ${what.split(' / ')[1]} was hidden`, body: `原因 / Reason: ${reason}。${appealHint}` },
    delete: { title: `你的${what.split(' / ')[0]}已被删除 / Your ${what.split(' / ')[1]} was deleted`, body: `原因 / Reason: ${reason}。${appealHint}` },
    restore: { title: `你的${what.split(' / ')[0]}已恢复显示 / Your ${what.split(' / ')[1]} is visible again`, body: `说明 / Note: ${reason}` },
  }[action];
  // Hidden or deleted: the notice opens the appeal page for this very content.
  const appealLink = `${APPEAL_LINK}?targetType=${target.type}&targetId=${encodeURIComponent(target.id)}`;
  await tellMember(db, actor.tenantId, target.authorId, `case:${caseId}:${action}`, { kind: `moderation.${action}`, ...told, link: action === 'restore' ? target.link : appealLink });
}

export async function decideCase(deps: AppDeps, db: TenantDb, actor: Actor, caseId: string, input: { action: Decision; reason: string }, ip?: string) {
  const c = await db.moderationCase.findFirst({ where: { id: caseId }, select: caseSelect });
  if (!c) throw errors.notFound('case');
  if (c.status !== 'open') throw errors.conflict('case_closed', '该案件已处理 / The case has already been decided');
  const { action, reason } = input;

  if (c.kind === 'appeal') {
    if (action === 'hide' || action === 'delete') throw notApplicable('申诉只能恢复或驳回 / An appeal is either granted (restore) or dismissed');
    if (action === 'restore') {
      if (c.targetType === 'penalty') await revokePenalty(db, actor, c.targetId, reason, ip);
      else {
        const target = await loadTarget(db, c.targetType as TargetType, c.targetId);
        if (!target) throw errors.notFound(c.targetType);
        await applyToContent(deps, db, actor, caseId, target, 'restore', reason);
      }
    }
    if (c.subjectId) {
      await tellMember(db, actor.tenantId, c.subjectId, `appeal:${caseId}`, {
        kind: 'moderation.appeal_decided',
        title: action === 'restore' ? '你的申诉已通过 / Your appeal was granted' : '你的申诉未通过 / Your appeal was dismissed',
        body: `说明 / Note: ${reason}`,
      });
    }
  } else {
    const target = await loadTarget(db, c.targetType as TargetType, c.targetId);
    if (action !== 'dismiss') {
      if (!target) throw errors.notFound(c.targetType);
      await applyToContent(deps, db, actor, caseId, target, action, reason);
    } else if (c.kind === 'screening') {
      throw notApplicable('待审核内容请选择发布（恢复）、隐藏或删除 / Held content is published (restore), hidden or deleted');
    }
  }

  const now = new Date();
  const decided = await db.moderationCase.update({
    where: { id: caseId }, data: { status: 'closed', openKey: null, decision: action, decisionReason: reason, decidedById: actor.memberId, decidedAt: now }, select: caseSelect,
  });
  await audit(db, {
    tenantId: actor.tenantId, actorType: 'member', actorId: actor.memberId, action: 'moderation.case.decide', targetType: c.targetType,
    targetId: c.targetId, ip, details: { caseId, kind: c.kind, decision: action, reason },
  });
  return decided;
}
