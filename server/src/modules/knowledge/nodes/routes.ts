/** /api/v1/nodes/:id — folders and documents in the tree: show, rename, inheritance, move, copy, archive, restore, delete. */
import Router from '@koa/router';
import type { AppDeps, AppState } from '../../../core/context';
import { authenticate } from '../../../core/auth/authenticate';
import { authorize } from '../../../core/auth/policy';
import { errors } from '../../../core/errors';
import { inputOf, validate } from '../../../core/validate';
import { kbAudit } from '../audit';
import { kbOf } from '../context';
import { cleanTitle, saveDocument } from '../documents/service';
import { authorizeKb } from '../policy';
import { nodeSelect, presentNode } from '../presenter';
import { deleteQuery, idParams, placeBody, updateNodeBody } from '../schema';
import { loadDestination, loadNode } from './load';
import { purgeNode } from './purge';
import { archiveNode, copyNode, deleteNode, moveNode, restoreNode, setInheritance } from './service';

export function nodeRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = authenticate(deps);
  const one = { params: idParams };

  router.get('/nodes/:id', auth, validate(one), async (ctx) => {
    const kb = await kbOf(ctx, deps);
    const { node, role } = await loadNode(kb, inputOf(ctx, one).params.id, 'read', { allowInactive: true });
    // Archived and deleted nodes are visible to those who can bring them back.
    if (node.status !== 'active') authorizeKb(kb.access, 'write', role);
    ctx.body = { node: presentNode(node, role, kb.access) };
  });

  const update = { params: idParams, body: updateNodeBody };
  router.patch('/nodes/:id', auth, validate(update), async (ctx) => {
    const { params, body } = inputOf(ctx, update);
    const kb = await kbOf(ctx, deps);
    let { node } = await loadNode(kb, params.id, body.inheritPermissions !== undefined ? 'manage' : 'write');
    if (body.inheritPermissions !== undefined) await setInheritance(kb, node, body.inheritPermissions);
    if (body.title !== undefined) {
      // A document's title is part of its content: renaming it is a save (a new revision).
      if (node.kind === 'document') node = await saveDocument(kb, node, { title: body.title });
      else await kb.db.kbNode.update({ where: { id: node.id }, data: { title: cleanTitle(body.title), updatedById: kb.actor.memberId } });
    }
    if (body.sortOrder !== undefined) await kb.db.kbNode.update({ where: { id: node.id }, data: { sortOrder: body.sortOrder } });
    if (body.title !== undefined || body.sortOrder !== undefined) await kbAudit(kb, 'kb.node.update', node.id, { fields: Object.keys(body) });
    const fresh = (await kb.db.kbNode.findUnique({ where: { id: node.id }, select: nodeSelect }))!;
    ctx.body = { node: presentNode(fresh, kb.access.roleOn(fresh), kb.access) };
  });

  const place = { params: idParams, body: placeBody };
  router.post('/nodes/:id/move', auth, validate(place), async (ctx) => {
    const { params, body } = inputOf(ctx, place);
    const kb = await kbOf(ctx, deps);
    const { node } = await loadNode(kb, params.id, 'write');
    const dest = await loadDestination(kb, body.spaceId, body.parentId);
    await moveNode(kb, node, dest, body.sortOrder);
    await kbAudit(kb, 'kb.node.move', node.id, { spaceId: body.spaceId, parentId: body.parentId ?? null });
    const fresh = (await kb.db.kbNode.findUnique({ where: { id: node.id }, select: nodeSelect }))!;
    ctx.body = { node: presentNode(fresh, kb.access.roleOn(fresh), kb.access) };
  });

  router.post('/nodes/:id/copy', auth, validate(place), async (ctx) => {
    const { params, body } = inputOf(ctx, place);
    const kb = await kbOf(ctx, deps);
    const { node } = await loadNode(kb, params.id, 'read');
    const dest = await loadDestination(kb, body.spaceId, body.parentId);
    const copy = await copyNode(kb, node, dest);
    await kbAudit(kb, 'kb.node.copy', copy.id, { from: node.id });
    ctx.status = 201;
    ctx.body = { node: presentNode(copy, kb.access.roleOn(copy), kb.access) };
  });

  router.post('/nodes/:id/archive', auth, validate(one), async (ctx) => {
    const kb = await kbOf(ctx, deps);
    const { node } = await loadNode(kb, inputOf(ctx, one).params.id, 'write');
    await archiveNode(kb, node);
    await kbAudit(kb, 'kb.node.archive', node.id);
    ctx.status = 204;
  });

  router.post('/nodes/:id/restore', auth, validate(one), async (ctx) => {
    const kb = await kbOf(ctx, deps);
    const { node, role } = await loadNode(kb, inputOf(ctx, one).params.id, 'write', { allowInactive: true });
    if (node.status === 'deleted') authorizeKb(kb.access, 'manage', role);
    if (node.status !== 'active') {
      await restoreNode(kb, node);
      await kbAudit(kb, 'kb.node.restore', node.id);
    }
    const fresh = (await kb.db.kbNode.findUnique({ where: { id: node.id }, select: nodeSelect }))!;
    ctx.body = { node: presentNode(fresh, kb.access.roleOn(fresh), kb.access) };
  });

  const remove = { params: idParams, query: deleteQuery };
  router.delete('/nodes/:id', auth, validate(remove), async (ctx) => {
    const { params, query } = inputOf(ctx, remove);
    const kb = await kbOf(ctx, deps);
    const { node } = await loadNode(kb, params.id, 'manage', { allowInactive: true });
    if (query.permanent === 'true') {
      authorize(node.status !== 'active', '请先删除到回收站 / Move it to the trash first');
      await purgeNode(kb, node);
    } else {
      if (node.status === 'deleted') throw errors.notFound('node');
      await deleteNode(kb, node);
    }
    ctx.status = 204;
  });

  return router;
}
