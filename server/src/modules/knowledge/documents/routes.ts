/** /api/v1/docs/:id — a document's content (with the viewer watermark), saving, and its revisions. */
import Router from '@koa/router';
import type { AppDeps, AppState } from '../../../core/context';
import { authenticate } from '../../../core/auth/authenticate';
import { errors } from '../../../core/errors';
import { inputOf, validate } from '../../../core/validate';
import { kbAudit } from '../audit';
import { kbOf } from '../context';
import { loadNode } from '../nodes/load';
import { presentNode, presentRevision } from '../presenter';
import { idParams, revisionParams, revisionsQuery, saveDocumentBody } from '../schema';
import { recordView } from '../social/views';
import { saveDocument } from './service';

export function documentRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = authenticate(deps);
  const one = { params: idParams };

  router.get('/docs/:id', auth, validate(one), async (ctx) => {
    const kb = await kbOf(ctx, deps);
    const { node, role } = await loadNode(kb, inputOf(ctx, one).params.id, 'read', { kind: 'document' });
    const [content, member, likes, liked] = await Promise.all([
      kb.db.kbNode.findUnique({ where: { id: node.id }, select: { body: true } }),
      kb.db.member.findUnique({ where: { id: kb.actor.memberId }, select: { hostUserId: true, name: true } }),
      kb.db.kbLike.count({ where: { nodeId: node.id } }),
      kb.db.kbLike.count({ where: { nodeId: node.id, memberId: kb.actor.memberId } }),
    ]);
    await recordView(deps, kb.actor.tenantId, node.id, kb.actor.memberId);
    const now = new Date();
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = {
      document: { ...presentNode(node, role, kb.access), body: content?.body ?? '', likes, liked: liked > 0 },
      // For the client to draw over the page: who is reading (by name — a WeCom member's is drawn
      // by the host from hostUserId), and when (the client shows it in the enterprise's time zone).
      watermark: { memberId: kb.actor.memberId, name: member?.name ?? null, hostUserId: member?.hostUserId ?? null, time: now.toISOString() },
    };
  });

  const save = { params: idParams, body: saveDocumentBody };
  router.put('/docs/:id', auth, validate(save), async (ctx) => {
    const { params, body } = inputOf(ctx, save);
    const kb = await kbOf(ctx, deps);
    const { node } = await loadNode(kb, params.id, 'write', { kind: 'document' });
    const saved = await saveDocument(kb, node, body);
    await kbAudit(kb, 'kb.document.save', node.id, { revision: saved.revision });
    const content = await kb.db.kbNode.findUnique({ where: { id: node.id }, select: { body: true } });
    ctx.body = { document: { ...presentNode(saved, kb.access.roleOn(saved), kb.access), body: content?.body ?? '' } };
  });

  const list = { params: idParams, query: revisionsQuery };
  router.get('/docs/:id/revisions', auth, validate(list), async (ctx) => {
    const { params, query } = inputOf(ctx, list);
    const kb = await kbOf(ctx, deps);
    const { node } = await loadNode(kb, params.id, 'read', { kind: 'document' });
    const rows = await kb.db.kbRevision.findMany({
      where: { nodeId: node.id, ...(query.before && { number: { lt: query.before } }) },
      select: { number: true, title: true, authorId: true, createdAt: true },
      orderBy: { number: 'desc' },
      take: query.limit + 1,
    });
    const more = rows.length > query.limit;
    const items = rows.slice(0, query.limit);
    ctx.body = { items: items.map(presentRevision), nextCursor: more ? String(items[items.length - 1].number) : null };
  });

  const rev = { params: revisionParams };
  router.get('/docs/:id/revisions/:number', auth, validate(rev), async (ctx) => {
    const { params } = inputOf(ctx, rev);
    const kb = await kbOf(ctx, deps);
    const { node } = await loadNode(kb, params.id, 'read', { kind: 'document' });
    const revision = await kb.db.kbRevision.findFirst({ where: { nodeId: node.id, number: params.number }, select: { number: true, title: true, body: true, authorId: true, createdAt: true } });
    if (!revision) throw errors.notFound('revision');
    ctx.body = { revision: presentRevision(revision) };
  });

  router.post('/docs/:id/revisions/:number/restore', auth, validate(rev), async (ctx) => {
    const { params } = inputOf(ctx, rev);
    const kb = await kbOf(ctx, deps);
    const { node } = await loadNode(kb, params.id, 'write', { kind: 'document' });
    const revision = await kb.db.kbRevision.findFirst({ where: { nodeId: node.id, number: params.number }, select: { title: true, body: true } });
    if (!revision) throw errors.notFound('revision');
    const saved = await saveDocument(kb, node, { title: revision.title, body: revision.body });
    await kbAudit(kb, 'kb.document.restore_revision', node.id, { from: params.number, revision: saved.revision });
    ctx.body = { document: { ...presentNode(saved, kb.access.roleOn(saved), kb.access), body: revision.body } };
  });

  return router;
}
