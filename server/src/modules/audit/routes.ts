/** GET /api/v1/audit-logs — the enterprise's audit log for its admins, newest first, in words. */
import Router from '@koa/router';
import type { AppState, RouteDeps } from '../../core/context';
import { auditLogSelect } from '../../core/audit';
import { errors } from '../../core/errors';
import { requireAdmin } from '../../core/auth/policy';
import { pageArgs, toPage } from '../../core/pagination';
import { scopeOf } from '../../core/scope';
import { inputOf, validate } from '../../core/validate';
import { presentAuditPage } from './presenter';
import { listAuditQuery } from './schema';

export function auditRoutes(deps: RouteDeps): Router<AppState> {
  const router = new Router<AppState>();

  const list = { query: listAuditQuery };
  router.get('/audit-logs', deps.authenticate, requireAdmin(), validate(list), async (ctx) => {
    const { query } = inputOf(ctx, list);
    const { db } = scopeOf(ctx);
    if (query.actorId && !(await db.member.findUnique({ where: { id: query.actorId }, select: { id: true } }))) throw errors.notFound('member');
    const rows = await db.auditLog.findMany({
      where: query.actorId ? { actorType: 'member', actorId: query.actorId } : {},
      select: auditLogSelect,
      ...pageArgs(query, 'desc'),
    });
    const page = toPage(rows, query, (r) => r);
    ctx.body = { items: await presentAuditPage(db, page.items), nextCursor: page.nextCursor };
  });

  return router;
}
