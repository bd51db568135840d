/** GET /api/v1/admin/edition — the enterprise's edition, its quotas and features, and what is used. */
import Router from '@koa/router';
import type { AppState, RouteDeps } from '../../core/context';
import { requireAdmin } from '../../core/auth/policy';
import { scopeOf } from '../../core/scope';
import { editionReport } from './gate';

export function editionRoutes(deps: RouteDeps): Router<AppState> {
  const router = new Router<AppState>();
  router.get('/admin/edition', deps.authenticate, requireAdmin(), async (ctx) => {
    ctx.body = await editionReport(scopeOf(ctx));
  });
  return router;
}
