/** Questions and posts: publish (screened), list, read, delete (soft), accept an answer. */
import { errors } from '../../core/errors';
import { authorize } from '../../core/auth/policy';
import type { PageQuery } from '../../core/pagination';
import { neutraliseComment, neutraliseTitle, searchTerms } from '../knowledge';
import { captureEvidence } from '../moderation';
import type { Community } from './context';
import { checkMentions, postLink, tellMentioned } from './mentions';
import { postSelect } from './presenter';
import { queueHeld, screenForPublishing } from './publishing';

export async function createPost(c: Community, input: { kind: 'question' | 'post'; boardId?: string; title: string; body: string; mentionIds?: string[] }) {
  const title = neutraliseTitle(input.title);
  if (!title) throw errors.validation([{ path: 'body.title', message: '标题不能为空 / The title is empty' }]);
  const body = neutraliseComment(input.body);
  if (input.kind === 'post') {
    if (!input.boardId) throw errors.validation([{ path: 'body.boardId', message: '请选择版块 / Choose a board' }]);
    if (!(await c.db.communityBoard.findFirst({ where: { id: input.boardId, archivedAt: null }, select: { id: true } }))) throw errors.notFound('board');
  }
  const mentionIds = await checkMentions(c, input.mentionIds);
  const screened = await screenForPublishing(c, input.kind, [{ what: 'title', text: title }, { what: 'body', text: body }]);
  const post = await c.db.communityPost.create({
    data: {
      kind: input.kind, boardId: input.kind === 'post' ? input.boardId! : null, authorId: c.actor.memberId, title, body,
      mentionIds, status: screened.status, heldReason: screened.heldReason, authorIp: c.ip?.slice(0, 64) ?? null,
    } as never,
    select: postSelect,
  });
  if (post.status === 'held') await queueHeld(c, { type: input.kind, id: post.id, text: `${title}\n${body}`, heldReason: screened.heldReason });
  else await tellMentioned(c, mentionIds, { key: post.id, title, link: postLink(post.id) });
  // The author follows their own question: they hear of its answers.
  if (input.kind === 'question') await c.db.communityFollow.create({ data: { postId: post.id, memberId: c.actor.memberId } as never });
  return post;
}

/**
 * The search box's query as the knowledge base reads it (CJK runs and words, NFKC, lower case; at
 * most 8 terms): every term must occur in the title or the text. Null when nothing is searchable
 * (only punctuation or LIKE wildcards, which would otherwise match everything).
 */
function searchFilter(q: string) {
  const terms = [...new Set(searchTerms(q).slice(0, 8).map((t) => t.text))];
  if (!terms.length) return null;
  return { AND: terms.map((text) => ({ OR: [{ title: { contains: text } }, { body: { contains: text } }] })) };
}

export async function listPosts(c: Community, query: PageQuery & { kind?: 'question' | 'post'; boardId?: string; mine: 'true' | 'false'; q?: string }) {
  const search = query.q ? searchFilter(query.q) : undefined;
  if (search === null) return [];
  const where = {
    ...(query.kind && { kind: query.kind }),
    ...(query.boardId && { boardId: query.boardId }),
    ...(query.mine === 'true' ? { authorId: c.actor.memberId, status: { not: 'deleted' as const } } : { status: 'published' as const }),
    ...search,
  };
  return c.db.communityPost.findMany({
    where, select: postSelect, take: query.limit + 1, orderBy: { id: 'desc' },
    ...(query.cursor && { cursor: { id: query.cursor }, skip: 1 }),
  });
}

/** A post this member may see: published, or their own unless deleted. 404 otherwise. */
export async function loadPost(c: Community, id: string) {
  const post = await c.db.communityPost.findFirst({ where: { id }, select: postSelect });
  if (!post || post.status === 'deleted' || (post.status !== 'published' && post.authorId !== c.actor.memberId)) throw errors.notFound('post');
  return post;
}

/** The author deletes their own post: soft, the text kept in the row and as evidence when it was reported. */
export async function deletePost(c: Community, id: string) {
  const post = await loadPost(c, id);
  authorize(post.authorId === c.actor.memberId, '只能删除自己的内容 / You can delete only your own content');
  const reported = await c.db.contentReport.count({ where: { targetType: post.kind, targetId: id } });
  if (reported) await captureEvidence(c.deps, c.db, { targetType: post.kind, targetId: id, authorId: post.authorId, event: 'deleted', content: `${post.title}\n${post.body}` });
  await c.db.communityPost.update({ where: { id }, data: { status: 'deleted', deletedAt: new Date() }, select: { id: true } });
}

export async function acceptAnswer(c: Community, postId: string, replyId: string) {
  const post = await loadPost(c, postId);
  if (post.kind !== 'question') throw errors.badRequest('not_a_question', '只有问题可以采纳回答 / Only a question has answers to accept');
  authorize(post.authorId === c.actor.memberId, '只有提问者可以采纳回答 / Only the asker can accept an answer');
  const reply = await c.db.communityReply.findFirst({ where: { id: replyId, postId, status: 'published' }, select: { id: true, authorId: true } });
  if (!reply) throw errors.notFound('answer');
  return c.db.communityPost.update({ where: { id: postId }, data: { acceptedAnswerId: reply.id }, select: postSelect });
}
