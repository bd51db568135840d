/** /api/v1/me, /api/v1/session, /api/v1/members */
import Router from '@koa/router';
import type { AppDeps, AppState } from '../../core/context';
import { authenticate } from '../../core/auth/authenticate';
import { requireAdmin } from '../../core/auth/policy';
import { revokeSession } from '../../core/auth/sessions';
import { errors } from '../../core/errors';
import { pageArgs, toPage } from '../../core/pagination';
import { inputOf, validate } from '../../core/validate';
import { changeRoleBody, listMembersQuery, memberParams } from './schema';
import { memberSelect, presentMember } from './presenter';
import { changeRole, nameFilter } from './service';

export function memberRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = authenticate(deps);

  router.get('/me', auth, async (ctx) => {
    const { db, actor } = ctx.state;
    const [member, tenant] = await Promise.all([
      db!.member.findUnique({ where: { id: actor!.memberId }, select: memberSelect }),
      db!.tenant.findUnique({ where: { id: actor!.tenantId }, select: { id: true, name: true, edition: true, timeZone: true } }),
    ]);
    if (!member || !tenant) throw errors.unauthenticated();
    ctx.body = { member: presentMember(member), tenant };
  });

  router.delete('/session', auth, async (ctx) => {
    await revokeSession(deps.db.prisma, ctx.state.actor!.sessionId);
    ctx.status = 204;
  });

  const list = { query: listMembersQuery };
  router.get('/members', auth, requireAdmin(), validate(list), async (ctx) => {
    const { query } = inputOf(ctx, list);
    const db = ctx.state.db!;
    const inDepartment = query.departmentId
      ? (await db.departmentMember.findMany({ where: { departmentId: query.departmentId }, select: { memberId: true } })).map((m) => m.memberId)
      : undefined;
    const named = query.q ? await nameFilter(deps, ctx.state.actor!.tenantId, query.q) : undefined;
    const rows = await db.member.findMany({
      where: {
        ...named,
        ...(query.status && { status: query.status }),
        ...(query.role && { role: query.role }),
        ...(inDepartment && { id: { in: inDepartment } }),
      },
      select: memberSelect,
      ...pageArgs(query),
    });
    ctx.body = toPage(rows, query, presentMember);
  });

  const one = { params: memberParams };
  router.get('/members/:id', auth, requireAdmin(), validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const member = await ctx.state.db!.member.findUnique({ where: { id: params.id }, select: memberSelect });
    if (!member) throw errors.notFound('member');
    ctx.body = { member: presentMember(member) };
  });

  const role = { params: memberParams, body: changeRoleBody };
  router.put('/members/:id/role', auth, requireAdmin(), validate(role), async (ctx) => {
    const { params, body } = inputOf(ctx, role);
    ctx.body = { member: presentMember(await changeRole(ctx.state.db!, ctx.state.actor!, params.id, body.role, ctx.ip)) };
  });

  return router;
}
