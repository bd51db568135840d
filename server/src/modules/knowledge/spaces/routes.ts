/** /api/v1/spaces — knowledge bases: list, create, show, change, archive, restore, delete; tree; new nodes. */
import Router from '@koa/router';
import type { AppDeps, AppState } from '../../../core/context';
import { audit } from '../../../core/audit';
import { authenticate } from '../../../core/auth/authenticate';
import { authorize } from '../../../core/auth/policy';
import { inputOf, validate } from '../../../core/validate';
import { assertQuota } from '../../editions/gate';
import { kbAudit } from '../audit';
import { kbOf, type Kb } from '../context';
import { htmlToText, neutraliseTitle } from '../content/sanitize';
import { indexDocument } from '../documents/service';
import { loadDestination, loadSpace } from '../nodes/load';
import { createNode } from '../nodes/service';
import { spaceTree } from '../nodes/tree';
import { presentNode, presentSpace, spaceSelect } from '../presenter';
import { createNodeBody, createSpaceBody, idParams, statusQuery, updateSpaceBody } from '../schema';

async function reindexSpace(kb: Kb, spaceId: string, on: boolean) {
  const docs = await kb.db.kbNode.findMany({ where: { spaceId, kind: 'document', status: 'active' }, select: { id: true, spaceId: true, aclPath: true, title: true, body: true } });
  if (!on) return kb.search.remove(kb.actor.tenantId, docs.map((d) => d.id));
  for (const d of docs) await indexDocument(kb, d, d.title, htmlToText(d.body ?? ''));
}

export function spaceRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = authenticate(deps);

  const list = { query: statusQuery };
  router.get('/spaces', auth, validate(list), async (ctx) => {
    const { query } = inputOf(ctx, list);
    const kb = await kbOf(ctx, deps);
    if (query.status === 'deleted') authorize(kb.access.isAdmin, '仅企业管理员可查看已删除的知识库 / Enterprise admins only');
    const rows = await kb.db.kbSpace.findMany({ where: { status: query.status }, select: spaceSelect, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    ctx.body = { items: rows.filter((s) => kb.access.seesSpace(s.id)).map((s) => presentSpace(s, kb.access)) };
  });

  const create = { body: createSpaceBody };
  router.post('/spaces', auth, validate(create), async (ctx) => {
    const { body } = inputOf(ctx, create);
    const kb = await kbOf(ctx, deps);
    authorize(kb.access.isAdmin, '仅企业管理员可创建知识库 / Only enterprise admins create spaces');
    await assertQuota({ db: kb.db, tenantId: kb.actor.tenantId }, 'spaces');
    const space = await kb.db.kbSpace.create({
      data: { name: neutraliseTitle(body.name) || '未命名', description: body.description ? neutraliseTitle(body.description) : null, createdById: kb.actor.memberId } as never,
      select: spaceSelect,
    });
    await audit(kb.db, { tenantId: kb.actor.tenantId, actorType: 'member', actorId: kb.actor.memberId, action: 'kb.space.create', targetType: 'kb_space', targetId: space.id, ip: ctx.ip });
    ctx.status = 201;
    ctx.body = { space: presentSpace(space, kb.access) };
  });

  const one = { params: idParams };
  router.get('/spaces/:id', auth, validate(one), async (ctx) => {
    const kb = await kbOf(ctx, deps);
    const { space } = await loadSpace(kb, inputOf(ctx, one).params.id, 'read', { allowInactive: kb.access.isAdmin });
    ctx.body = { space: presentSpace(space, kb.access) };
  });

  const update = { params: idParams, body: updateSpaceBody };
  router.patch('/spaces/:id', auth, validate(update), async (ctx) => {
    const { params, body } = inputOf(ctx, update);
    const kb = await kbOf(ctx, deps);
    await loadSpace(kb, params.id, 'manage');
    const space = await kb.db.kbSpace.update({
      where: { id: params.id },
      data: {
        ...(body.name !== undefined && { name: neutraliseTitle(body.name) || '未命名' }),
        ...(body.description !== undefined && { description: body.description ? neutraliseTitle(body.description) : null }),
      },
      select: spaceSelect,
    });
    await audit(kb.db, { tenantId: kb.actor.tenantId, actorType: 'member', actorId: kb.actor.memberId, action: 'kb.space.update', targetType: 'kb_space', targetId: space.id, ip: ctx.ip, details: { fields: Object.keys(body) } });
    ctx.body = { space: presentSpace(space, kb.access) };
  });

  const transition = (path: string, from: 'active' | 'inactive', to: 'active' | 'archived' | 'deleted', action: string) =>
    router[to === 'deleted' ? 'delete' : 'post'](path, auth, validate(one), async (ctx) => {
      const kb = await kbOf(ctx, deps);
      const { space } = await loadSpace(kb, inputOf(ctx, one).params.id, 'manage', { allowInactive: from === 'inactive' || to === 'deleted' });
      if (to === 'deleted') authorize(kb.access.isAdmin, '仅企业管理员可删除知识库 / Only enterprise admins delete spaces');
      if (from === 'inactive' && space.status === 'active') {
        ctx.body = { space: presentSpace(space, kb.access) };
        return;
      }
      const now = new Date();
      const updated = await kb.db.kbSpace.update({
        where: { id: space.id },
        data: { status: to, ...(to === 'archived' && { archivedAt: now }), ...(to === 'deleted' && { deletedAt: now }), ...(to === 'active' && { archivedAt: null, deletedAt: null }) },
        select: spaceSelect,
      });
      await reindexSpace(kb, space.id, to === 'active');
      await audit(kb.db, { tenantId: kb.actor.tenantId, actorType: 'member', actorId: kb.actor.memberId, action, targetType: 'kb_space', targetId: space.id, ip: ctx.ip });
      ctx.body = { space: presentSpace(updated, kb.access) };
    });
  transition('/spaces/:id/archive', 'active', 'archived', 'kb.space.archive');
  transition('/spaces/:id/restore', 'inactive', 'active', 'kb.space.restore');
  transition('/spaces/:id', 'active', 'deleted', 'kb.space.delete');

  const tree = { params: idParams, query: statusQuery };
  router.get('/spaces/:id/tree', auth, validate(tree), async (ctx) => {
    const { params, query } = inputOf(ctx, tree);
    const kb = await kbOf(ctx, deps);
    const { space } = await loadSpace(kb, params.id, 'read');
    ctx.body = { space: presentSpace(space, kb.access), items: await spaceTree(kb, space.id, query.status) };
  });

  const createNodeSchemas = { params: idParams, body: createNodeBody };
  router.post('/spaces/:id/nodes', auth, validate(createNodeSchemas), async (ctx) => {
    const { params, body } = inputOf(ctx, createNodeSchemas);
    const kb = await kbOf(ctx, deps);
    const dest = await loadDestination(kb, params.id, body.parentId);
    const node = await createNode(kb, dest, body);
    await kbAudit(kb, `kb.${node.kind}.create`, node.id);
    ctx.status = 201;
    ctx.body = { node: presentNode(node, kb.access.roleOn(node), kb.access) };
  });

  return router;
}
