/** Answers (to questions) and comments (on posts): publish (screened), list, delete (soft). */
import { errors } from '../../core/errors';
import { authorize } from '../../core/auth/policy';
import { neutraliseComment } from '../knowledge';
import { captureEvidence } from '../moderation';
import { notify } from '../tasks/reminders';
import type { Community } from './context';
import { checkMentions, postLink, tellMentioned } from './mentions';
import { loadPost } from './posts';
import { replySelect } from './presenter';
import { queueHeld, screenForPublishing } from './publishing';

const replyType = (postKind: string) => (postKind === 'question' ? 'answer' : 'comment');

export async function createReply(c: Community, postId: string, input: { body: string; parentId?: string; mentionIds?: string[] }) {
  const post = await loadPost(c, postId);
  if (post.status !== 'published') throw errors.conflict('post_not_published', '内容尚未发布，暂不能回复 / The post is not published yet');
  if (input.parentId && !(await c.db.communityReply.findFirst({ where: { id: input.parentId, postId, status: 'published' }, select: { id: true } }))) {
    throw errors.badRequest('unknown_parent', '回复的评论不存在 / The comment you reply to does not exist');
  }
  const body = neutraliseComment(input.body);
  if (!body) throw errors.validation([{ path: 'body.body', message: '内容不能为空 / The text is empty' }]);
  const mentionIds = await checkMentions(c, input.mentionIds);
  const type = replyType(post.kind);
  const screened = await screenForPublishing(c, type, [{ what: type, text: body }]);
  const reply = await c.db.communityReply.create({
    data: {
      postId, parentId: input.parentId ?? null, authorId: c.actor.memberId, body, mentionIds, status: screened.status, heldReason: screened.heldReason,
      authorIp: c.ip?.slice(0, 64) ?? null,
    } as never,
    select: replySelect,
  });
  if (reply.status === 'held') {
    await queueHeld(c, { type, id: reply.id, text: body, heldReason: screened.heldReason });
    return reply;
  }
  await c.db.communityPost.update({ where: { id: postId }, data: { replyCount: { increment: 1 } }, select: { id: true } });
  await tellMentioned(c, mentionIds, { key: reply.id, title: post.title, link: postLink(postId) });
  await tellFollowers(c, post, reply.id);
  return reply;
}

/** Followers of a question (its asker included) hear of a new answer; the one who answered does not. */
async function tellFollowers(c: Community, post: { id: string; kind: string; title: string }, replyId: string) {
  if (post.kind !== 'question') return;
  const followers = (await c.db.communityFollow.findMany({ where: { postId: post.id }, select: { memberId: true }, take: 5000 }))
    .map((f) => f.memberId).filter((m) => m !== c.actor.memberId);
  await notify(c.db, c.actor.tenantId, followers.map((memberId) => ({ memberId, dedupeKey: `answer:${replyId}:${memberId}` })), {
    kind: 'community.answer', title: '你关注的问题有了新回答 / A question you follow has a new answer', body: post.title.slice(0, 200), link: postLink(post.id),
  });
}

/** Replies a member sees under a post: published ones, and their own held or hidden ones. */
export async function listReplies(c: Community, postId: string) {
  return c.db.communityReply.findMany({
    where: { postId, OR: [{ status: 'published' }, { authorId: c.actor.memberId, status: { in: ['held', 'hidden'] } }] },
    select: replySelect, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 1000,
  });
}

export async function deleteReply(c: Community, id: string) {
  const reply = await c.db.communityReply.findFirst({ where: { id, status: { not: 'deleted' } }, select: { ...replySelect, authorIp: true } });
  if (!reply || (reply.status !== 'published' && reply.authorId !== c.actor.memberId)) throw errors.notFound('reply');
  await loadPost(c, reply.postId);
  authorize(reply.authorId === c.actor.memberId, '只能删除自己的内容 / You can delete only your own content');
  const post = await c.db.communityPost.findFirst({ where: { id: reply.postId }, select: { kind: true } });
  const type = replyType(post!.kind);
  if (await c.db.contentReport.count({ where: { targetType: type, targetId: id } })) {
    await captureEvidence(c.deps, c.db, { targetType: type, targetId: id, authorId: reply.authorId, authorIp: reply.authorIp, event: 'deleted', content: reply.body });
  }
  await c.db.communityReply.update({ where: { id }, data: { status: 'deleted', deletedAt: new Date() }, select: { id: true } });
  if (reply.status === 'published') await c.db.communityPost.update({ where: { id: reply.postId }, data: { replyCount: { decrement: 1 } }, select: { id: true } });
}
