/** GET /api/v1/admin/edition — the enterprise's edition, its quotas and features, and what is used. */
import Router from '@koa/router';
import type { AppDeps, AppState } from '../../core/context';
import { authenticate } from '../../core/auth/authenticate';
import { requireAdmin } from '../../core/auth/policy';
import { editionReport } from './gate';

export function editionRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  router.get('/admin/edition', authenticate(deps), requireAdmin(), async (ctx) => {
    ctx.body = await editionReport(deps.db.prisma, ctx.state.actor!.tenantId);
  });
  return router;
}
