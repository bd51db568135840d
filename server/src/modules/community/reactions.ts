/** Likes (posts and replies) and follows (questions): idempotent PUT / DELETE, counts kept on the row. */
import { errors } from '../../core/errors';
import type { Community } from './context';
import { loadPost } from './posts';

type LikeTarget = 'post' | 'reply';

async function loadLikeTarget(c: Community, type: LikeTarget, id: string) {
  if (type === 'post') return loadPost(c, id);
  const reply = await c.db.communityReply.findFirst({ where: { id, status: 'published' }, select: { id: true, postId: true } });
  if (!reply) throw errors.notFound('reply');
  await loadPost(c, reply.postId);
  return reply;
}

async function recount(c: Community, type: LikeTarget, id: string): Promise<number> {
  const likes = await c.db.communityLike.count({ where: { targetType: type, targetId: id } });
  if (type === 'post') await c.db.communityPost.update({ where: { id }, data: { likeCount: likes }, select: { id: true } });
  else await c.db.communityReply.update({ where: { id }, data: { likeCount: likes }, select: { id: true } });
  return likes;
}

export async function setLike(c: Community, type: LikeTarget, id: string, liked: boolean) {
  await loadLikeTarget(c, type, id);
  const key = { targetType: type, targetId: id, memberId: c.actor.memberId };
  if (liked) {
    await c.db.communityLike.create({ data: key as never }).catch((err: { code?: string }) => {
      if (err.code !== 'P2002') throw err; // already liked
    });
  } else {
    await c.db.communityLike.deleteMany({ where: key });
  }
  return { liked, likes: await recount(c, type, id) };
}

export async function setFollow(c: Community, postId: string, following: boolean) {
  const post = await loadPost(c, postId);
  if (post.kind !== 'question') throw errors.badRequest('not_a_question', '只能关注问题 / Only questions can be followed');
  const key = { postId, memberId: c.actor.memberId };
  if (following) {
    await c.db.communityFollow.create({ data: key as never }).catch((err: { code?: string }) => {
      if (err.code !== 'P2002') throw err;
    });
  } else {
    await c.db.communityFollow.deleteMany({ where: key });
  }
  return { following };
}

/** Which of these things the member liked, and whether they follow the post. */
export async function reactionsOf(c: Community, postId: string, replyIds: string[]) {
  const [likes, follow] = await Promise.all([
    c.db.communityLike.findMany({
      where: { memberId: c.actor.memberId, OR: [{ targetType: 'post', targetId: postId }, ...(replyIds.length ? [{ targetType: 'reply', targetId: { in: replyIds } }] : [])] },
      select: { targetType: true, targetId: true },
    }),
    c.db.communityFollow.findFirst({ where: { postId, memberId: c.actor.memberId }, select: { postId: true } }),
  ]);
  return { liked: new Set(likes.map((l) => `${l.targetType}:${l.targetId}`)), following: !!follow };
}
