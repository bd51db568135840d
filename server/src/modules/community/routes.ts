/**
 * /api/v1/community/… — questions and answers, posts in boards with comments, likes, follows —
 * and /api/v1/admin/community/boards. Every text goes through publishing.ts (restrictions, bans,
 * screening). Reports, penalties and appeals are the moderation module's.
 */
import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { AppDeps, AppState } from '../../core/context';
import { authenticate } from '../../core/auth/authenticate';
import { requireFeature } from '../editions/gate';
import { requireAdmin } from '../../core/auth/policy';
import { audit } from '../../core/audit';
import { errors } from '../../core/errors';
import { toPage } from '../../core/pagination';
import { inputOf, validate } from '../../core/validate';
import { neutraliseTitle } from '../knowledge';
import { communityOf } from './context';
import { acceptAnswer, createPost, deletePost, listPosts, loadPost } from './posts';
import { findColleagues, peopleOf } from './people';
import { presentPost, presentReply } from './presenter';
import { reactionsOf, setFollow, setLike } from './reactions';
import { createReply, deleteReply, listReplies } from './replies';
import * as s from './schema';

export function communityRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  // The community is a feature of the edition (002 §2.2.6): every route of it checks the edition.
  const signedIn = authenticate(deps);
  const included = requireFeature('community');
  const auth: Middleware = (ctx, next) => signedIn(ctx, () => included(ctx, next));
  const one = { params: s.idParams };

  router.get('/community/boards', auth, async (ctx) => {
    const rows = await ctx.state.db!.communityBoard.findMany({ where: { archivedAt: null }, select: { id: true, name: true, description: true }, orderBy: { name: 'asc' }, take: 200 });
    ctx.body = { items: rows };
  });

  const newBoard = { body: s.createBoardBody };
  router.post('/admin/community/boards', auth, requireAdmin(), validate(newBoard), async (ctx) => {
    const { body } = inputOf(ctx, newBoard);
    const c = communityOf(ctx, deps);
    const name = neutraliseTitle(body.name).slice(0, 100);
    if (!name) throw errors.validation([{ path: 'body.name', message: '名称不能为空 / The name is empty' }]);
    if (await c.db.communityBoard.findFirst({ where: { name }, select: { id: true } })) throw errors.conflict('board_exists', '已有同名版块 / A board with this name exists');
    const board = await c.db.communityBoard.create({
      data: { name, description: body.description ? neutraliseTitle(body.description).slice(0, 500) : null, createdById: c.actor.memberId } as never,
      select: { id: true, name: true, description: true },
    });
    await audit(c.db, { tenantId: c.actor.tenantId, actorType: 'member', actorId: c.actor.memberId, action: 'community.board.create', targetType: 'community_board', targetId: board.id, ip: ctx.ip, details: { name } });
    ctx.status = 201;
    ctx.body = { board };
  });

  const list = { query: s.listPostsQuery };
  router.get('/community/posts', auth, validate(list), async (ctx) => {
    const { query } = inputOf(ctx, list);
    const c = communityOf(ctx, deps);
    const page = toPage(await listPosts(c, query), query, (p) => presentPost(p, c.actor));
    ctx.body = { ...page, people: await peopleOf(c.db, page.items.map((p) => p.authorId)) };
  });

  const colleagues = { query: s.colleaguesQuery };
  router.get('/community/colleagues', auth, validate(colleagues), async (ctx) => {
    const c = communityOf(ctx, deps);
    ctx.body = { items: await findColleagues(deps, c.db, c.actor.tenantId, c.actor.memberId, inputOf(ctx, colleagues).query.q) };
  });

  const create = { body: s.createPostBody };
  router.post('/community/posts', auth, validate(create), async (ctx) => {
    const c = communityOf(ctx, deps);
    const post = await createPost(c, inputOf(ctx, create).body);
    ctx.status = 201;
    ctx.body = { post: presentPost(post, c.actor) };
  });

  router.get('/community/posts/:id', auth, validate(one), async (ctx) => {
    const c = communityOf(ctx, deps);
    const post = await loadPost(c, inputOf(ctx, one).params.id);
    const replies = await listReplies(c, post.id);
    const { liked, following } = await reactionsOf(c, post.id, replies.map((r) => r.id));
    const mentioned = (v: unknown) => (Array.isArray(v) ? (v as string[]) : []);
    const people = await peopleOf(c.db, [post.authorId, ...mentioned(post.mentionIds), ...replies.flatMap((r) => [r.authorId, ...mentioned(r.mentionIds)])]);
    ctx.body = {
      people,
      post: presentPost(post, c.actor, { liked: liked.has(`post:${post.id}`), following }),
      replies: replies.map((r) => presentReply(r, c.actor, { liked: liked.has(`reply:${r.id}`), accepted: r.id === post.acceptedAnswerId })),
    };
  });

  router.delete('/community/posts/:id', auth, validate(one), async (ctx) => {
    await deletePost(communityOf(ctx, deps), inputOf(ctx, one).params.id);
    ctx.status = 204;
  });

  const reply = { params: s.idParams, body: s.createReplyBody };
  router.post('/community/posts/:id/replies', auth, validate(reply), async (ctx) => {
    const { params, body } = inputOf(ctx, reply);
    const c = communityOf(ctx, deps);
    const row = await createReply(c, params.id, body);
    ctx.status = 201;
    ctx.body = { reply: presentReply(row, c.actor) };
  });

  router.delete('/community/replies/:id', auth, validate(one), async (ctx) => {
    await deleteReply(communityOf(ctx, deps), inputOf(ctx, one).params.id);
    ctx.status = 204;
  });

  const accept = { params: s.idParams, body: s.acceptBody };
  router.put('/community/posts/:id/accepted-answer', auth, validate(accept), async (ctx) => {
    const { params, body } = inputOf(ctx, accept);
    const c = communityOf(ctx, deps);
    ctx.body = { post: presentPost(await acceptAnswer(c, params.id, body.replyId), c.actor) };
  });

  for (const [path, type] of [['/community/posts/:id/like', 'post'], ['/community/replies/:id/like', 'reply']] as const) {
    router.put(path, auth, validate(one), async (ctx) => {
      ctx.body = await setLike(communityOf(ctx, deps), type, inputOf(ctx, one).params.id, true);
    });
    router.delete(path, auth, validate(one), async (ctx) => {
      ctx.body = await setLike(communityOf(ctx, deps), type, inputOf(ctx, one).params.id, false);
    });
  }

  router.put('/community/posts/:id/follow', auth, validate(one), async (ctx) => {
    ctx.body = await setFollow(communityOf(ctx, deps), inputOf(ctx, one).params.id, true);
  });
  router.delete('/community/posts/:id/follow', auth, validate(one), async (ctx) => {
    ctx.body = await setFollow(communityOf(ctx, deps), inputOf(ctx, one).params.id, false);
  });

  return router;
}
