/**
 * /api/v1/spaces/:id/permissions and /api/v1/nodes/:id/permissions — who holds which role on a
 * space, folder or document. Managers only. Breaking inheritance is PATCH /nodes/:id.
 */
import Router from '@koa/router';
import type { AppDeps, AppState } from '../../../core/context';
import { audit } from '../../../core/audit';
import { authenticate } from '../../../core/auth/authenticate';
import { errors } from '../../../core/errors';
import { inputOf, validate } from '../../../core/validate';
import { kbOf, type Kb } from '../context';
import { loadNode, loadSpace } from '../nodes/load';
import { grantBody, idParams, permissionParams } from '../schema';

type Target = { targetId: string; spaceId: string };

const permissionSelect = { id: true, targetId: true, subjectKind: true, subjectId: true, role: true, createdById: true, createdAt: true } as const;
const present = (p: { id: string; targetId: string; subjectKind: string; subjectId: string; role: string; createdById: string; createdAt: Date }) => ({
  id: p.id, targetId: p.targetId, subjectKind: p.subjectKind, subjectId: p.subjectKind === 'enterprise' ? null : p.subjectId, role: p.role,
  createdById: p.createdById, createdAt: p.createdAt.toISOString(),
});

async function subjectExists(kb: Kb, kind: 'member' | 'department', id: string): Promise<boolean> {
  if (kind === 'member') return !!(await kb.db.member.findUnique({ where: { id }, select: { id: true } }));
  return !!(await kb.db.department.findUnique({ where: { id }, select: { id: true } }));
}

export function permissionRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = authenticate(deps);

  const targets: { prefix: string; load: (kb: Kb, id: string) => Promise<Target> }[] = [
    { prefix: '/spaces', load: async (kb, id) => ({ targetId: (await loadSpace(kb, id, 'manage')).space.id, spaceId: id }) },
    { prefix: '/nodes', load: async (kb, id) => { const { node } = await loadNode(kb, id, 'manage'); return { targetId: node.id, spaceId: node.spaceId }; } },
  ];

  for (const { prefix, load } of targets) {
    const one = { params: idParams };
    router.get(`${prefix}/:id/permissions`, auth, validate(one), async (ctx) => {
      const kb = await kbOf(ctx, deps);
      const target = await load(kb, inputOf(ctx, one).params.id);
      const rows = await kb.db.kbPermission.findMany({ where: { targetId: target.targetId }, select: permissionSelect, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
      ctx.body = { items: rows.map(present) };
    });

    const grant = { params: idParams, body: grantBody };
    router.post(`${prefix}/:id/permissions`, auth, validate(grant), async (ctx) => {
      const { params, body } = inputOf(ctx, grant);
      const kb = await kbOf(ctx, deps);
      const target = await load(kb, params.id);
      const subjectId = body.subjectKind === 'enterprise' ? kb.actor.tenantId : body.subjectId;
      if (body.subjectKind !== 'enterprise' && !(await subjectExists(kb, body.subjectKind, subjectId))) {
        throw errors.badRequest('unknown_subject', '成员或部门不存在 / No such member or department', { subjectId });
      }
      const key = { targetId: target.targetId, subjectKind: body.subjectKind, subjectId };
      const existing = await kb.db.kbPermission.findFirst({ where: key, select: { id: true } });
      const row = existing
        ? await kb.db.kbPermission.update({ where: { id: existing.id }, data: { role: body.role }, select: permissionSelect })
        : await kb.db.kbPermission.create({ data: { ...key, spaceId: target.spaceId, role: body.role, createdById: kb.actor.memberId } as never, select: permissionSelect });
      await audit(kb.db, {
        tenantId: kb.actor.tenantId, actorType: 'member', actorId: kb.actor.memberId, action: 'kb.permission.grant',
        targetType: prefix === '/spaces' ? 'kb_space' : 'kb_node', targetId: target.targetId, ip: ctx.ip, details: { ...key, role: body.role },
      });
      ctx.status = existing ? 200 : 201;
      ctx.body = { permission: present(row) };
    });

    const revoke = { params: permissionParams };
    router.delete(`${prefix}/:id/permissions/:permissionId`, auth, validate(revoke), async (ctx) => {
      const { params } = inputOf(ctx, revoke);
      const kb = await kbOf(ctx, deps);
      const target = await load(kb, params.id);
      const row = await kb.db.kbPermission.findFirst({ where: { id: params.permissionId, targetId: target.targetId }, select: { id: true, subjectKind: true, subjectId: true, role: true } });
      if (!row) throw errors.notFound('permission');
      await kb.db.kbPermission.delete({ where: { id: row.id } });
      await audit(kb.db, {
        tenantId: kb.actor.tenantId, actorType: 'member', actorId: kb.actor.memberId, action: 'kb.permission.revoke',
        targetType: prefix === '/spaces' ? 'kb_space' : 'kb_node', targetId: target.targetId, ip: ctx.ip, details: row,
      });
      ctx.status = 204;
    });
  }
  return router;
}
