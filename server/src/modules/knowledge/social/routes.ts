/**
 * /api/v1/docs/:id/comments (threaded), /like, /views — reading together. Comments take the
 * community's publishing path (restrictions, screening; held ones wait in the review queue) and
 * its moderation: hidden and deleted comments keep their text as evidence, shown to nobody but
 * their author (hidden) and the moderators.
 */
import Router from '@koa/router';
import type { AppDeps, AppState } from '../../../core/context';
import { authenticate } from '../../../core/auth/authenticate';
import { authorize } from '../../../core/auth/policy';
import { errors } from '../../../core/errors';
import { pageArgs, toPage } from '../../../core/pagination';
import { inputOf, validate } from '../../../core/validate';
import { kbOf } from '../context';
import { neutraliseComment } from '../content/sanitize';
import { communityOf } from '../../community/context';
import { queueHeld, screenForPublishing } from '../../community/publishing';
import { captureEvidence } from '../../moderation';
import { loadNode } from '../nodes/load';
import { commentBody, commentParams, idParams, viewsQuery } from '../schema';

type CommentStatus = 'published' | 'held' | 'hidden' | 'deleted';
interface CommentRow { id: string; parentId: string | null; authorId: string; body: string; status: CommentStatus; deletedAt: Date | null; createdAt: Date; updatedAt: Date }
type CommentItem = ReturnType<typeof presentComment> & { replies: CommentItem[] };

/** Deleted comments stay as placeholders in the thread; a hidden one shows its text to its author only. */
function presentComment(c: CommentRow, memberId: string) {
  const gone = !!c.deletedAt || c.status === 'deleted' || (c.status === 'hidden' && c.authorId !== memberId);
  return {
    id: c.id, parentId: c.parentId, authorId: c.authorId, status: c.status, deleted: gone, body: gone ? '' : c.body,
    createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString(),
  };
}

const commentSelect = { id: true, parentId: true, authorId: true, body: true, status: true, deletedAt: true, createdAt: true, updatedAt: true } as const;

export function socialRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = authenticate(deps);
  const one = { params: idParams };

  router.get('/docs/:id/comments', auth, validate(one), async (ctx) => {
    const kb = await kbOf(ctx, deps);
    const { node } = await loadNode(kb, inputOf(ctx, one).params.id, 'read', { kind: 'document' });
    // Held comments are seen by their authors only, until a moderator decides.
    const rows = await kb.db.kbComment.findMany({
      where: { nodeId: node.id, OR: [{ status: { not: 'held' } }, { authorId: kb.actor.memberId }] }, select: commentSelect, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 1000,
    });
    const items = new Map<string, CommentItem>(rows.map((r) => [r.id, { ...presentComment(r, kb.actor.memberId), replies: [] }]));
    const threads: CommentItem[] = [];
    for (const item of items.values()) {
      const parent = item.parentId ? items.get(item.parentId) : undefined;
      if (parent) parent.replies.push(item);
      else threads.push(item);
    }
    ctx.body = { items: threads };
  });

  const create = { params: idParams, body: commentBody };
  router.post('/docs/:id/comments', auth, validate(create), async (ctx) => {
    const { params, body } = inputOf(ctx, create);
    const kb = await kbOf(ctx, deps);
    const { node } = await loadNode(kb, params.id, 'read', { kind: 'document' });
    if (body.parentId && !(await kb.db.kbComment.findFirst({ where: { id: body.parentId, nodeId: node.id, status: 'published' }, select: { id: true } }))) {
      throw errors.badRequest('unknown_parent', '回复的评论不存在 / The comment you reply to does not exist');
    }
    const text = neutraliseComment(body.body);
    if (!text) throw errors.validation([{ path: 'body.body', message: '评论不能为空 / The comment is empty' }]);
    const community = communityOf(ctx, deps);
    const screened = await screenForPublishing(community, 'kb_comment', [{ what: 'comment', text }]);
    const row = await kb.db.kbComment.create({
      data: { nodeId: node.id, parentId: body.parentId ?? null, authorId: kb.actor.memberId, body: text, status: screened.status } as never,
      select: commentSelect,
    });
    if (row.status === 'held') await queueHeld(community, { type: 'kb_comment', id: row.id, text, heldReason: screened.heldReason });
    ctx.status = 201;
    ctx.body = { comment: { ...presentComment(row, kb.actor.memberId), heldReason: screened.heldReason } };
  });

  const oneComment = { params: commentParams };
  router.delete('/docs/:id/comments/:commentId', auth, validate(oneComment), async (ctx) => {
    const { params } = inputOf(ctx, oneComment);
    const kb = await kbOf(ctx, deps);
    const { node, role } = await loadNode(kb, params.id, 'read', { kind: 'document' });
    const comment = await kb.db.kbComment.findFirst({ where: { id: params.commentId, nodeId: node.id, deletedAt: null }, select: { id: true, authorId: true, body: true } });
    if (!comment) throw errors.notFound('comment');
    authorize(comment.authorId === kb.actor.memberId || kb.access.can('manage', role), '只能删除自己的评论 / You can delete only your own comments');
    // Soft: the text stays in the row; a reported comment's text is also kept as evidence.
    if (await kb.db.contentReport.count({ where: { targetType: 'kb_comment', targetId: comment.id } })) {
      await captureEvidence(deps, kb.db, { targetType: 'kb_comment', targetId: comment.id, authorId: comment.authorId, event: 'deleted', content: comment.body });
    }
    await kb.db.kbComment.update({ where: { id: comment.id }, data: { deletedAt: new Date(), status: 'deleted' } });
    ctx.status = 204;
  });

  router.put('/docs/:id/like', auth, validate(one), async (ctx) => {
    const kb = await kbOf(ctx, deps);
    const { node } = await loadNode(kb, inputOf(ctx, one).params.id, 'read', { kind: 'document' });
    const key = { nodeId: node.id, memberId: kb.actor.memberId };
    if (!(await kb.db.kbLike.findFirst({ where: key, select: { nodeId: true } }))) {
      await kb.db.kbLike.create({ data: key as never }).catch((err: { code?: string }) => {
        if (err.code !== 'P2002') throw err; // liked twice at once: already liked
      });
    }
    ctx.body = { liked: true, likes: await kb.db.kbLike.count({ where: { nodeId: node.id } }) };
  });

  router.delete('/docs/:id/like', auth, validate(one), async (ctx) => {
    const kb = await kbOf(ctx, deps);
    const { node } = await loadNode(kb, inputOf(ctx, one).params.id, 'read', { kind: 'document' });
    await kb.db.kbLike.deleteMany({ where: { nodeId: node.id, memberId: kb.actor.memberId } });
    ctx.body = { liked: false, likes: await kb.db.kbLike.count({ where: { nodeId: node.id } }) };
  });

  // Who read this document and when: for those who edit it.
  const views = { params: idParams, query: viewsQuery };
  router.get('/docs/:id/views', auth, validate(views), async (ctx) => {
    const { params, query } = inputOf(ctx, views);
    const kb = await kbOf(ctx, deps);
    const { node } = await loadNode(kb, params.id, 'write', { kind: 'document' });
    const { orderBy: _ignored, cursor, ...page } = pageArgs(query);
    const rows = await kb.db.kbView.findMany({
      where: { nodeId: node.id },
      select: { memberId: true, count: true, firstViewedAt: true, lastViewedAt: true },
      orderBy: { memberId: 'asc' },
      ...page,
      ...(cursor && { cursor: { tenantId_nodeId_memberId: { tenantId: kb.actor.tenantId, nodeId: node.id, memberId: cursor.id } } }),
    });
    const total = await kb.db.kbView.count({ where: { nodeId: node.id } });
    ctx.body = {
      total,
      ...toPage(rows.map((r) => ({ id: r.memberId, ...r })), query, (r) => ({
        memberId: r.memberId, count: r.count, firstViewedAt: r.firstViewedAt.toISOString(), lastViewedAt: r.lastViewedAt.toISOString(),
      })),
    };
  });

  return router;
}
