import Router from '@koa/router';
import type { AppDeps, AppState } from '../../core/context';
import { version } from '../../../package.json';

export function healthRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok', db: deps.db.dialect.name, version };
  });
  router.get('/readyz', async (ctx) => {
    try {
      await deps.db.raw.query('SELECT 1 AS ok');
      ctx.body = { status: 'ready', db: deps.db.dialect.name };
    } catch (err) {
      deps.logger.warn({ err }, 'readiness check failed');
      ctx.status = 503;
      ctx.body = { error: { code: 'not_ready', message: '数据库不可用 / Database unavailable' } };
    }
  });
  return router;
}
