/**
 * GET /metrics — Prometheus text format. Answered to requests from this machine that no proxy
 * forwarded, or to `Authorization: Bearer <METRICS_TOKEN>`; anyone else gets 404, as if there
 * were nothing here. Each process reports its own figures (one scrape target per worker).
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import type { AppDeps, AppState } from '../../core/context';
import { errors } from '../../core/errors';
import { registerScrapeGauges, registry } from '../../core/metrics';
import { safeEqual } from '../../core/tokens';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function allowed(ctx: Context, token: string | undefined): boolean {
  const bearer = /^Bearer\s+(\S+)$/.exec(ctx.get('authorization'))?.[1];
  if (token && bearer) return safeEqual(bearer, token);
  // The socket's address, not ctx.ip: with proxy trust on, ctx.ip comes from X-Forwarded-For.
  return LOOPBACK.has(ctx.socket.remoteAddress ?? '') && !ctx.get('x-forwarded-for');
}

export function metricsRoutes(deps: AppDeps): Router<AppState> {
  registerScrapeGauges({
    jobQueue: async () => {
      const now = new Date();
      const where = { status: 'queued' as const, runAfter: { lte: now } };
      const [depth, oldest] = await Promise.all([
        deps.db.prisma.job.count({ where }),
        deps.db.prisma.job.findFirst({ where, orderBy: { runAfter: 'asc' }, select: { runAfter: true } }),
      ]);
      return { depth, oldestAgeSeconds: oldest ? (now.getTime() - oldest.runAfter.getTime()) / 1000 : 0 };
    },
    dbPool: () => deps.db.poolStats(),
  });
  const router = new Router<AppState>();
  router.get('/metrics', async (ctx) => {
    if (!allowed(ctx, deps.config.METRICS_TOKEN)) throw errors.notFound('route');
    ctx.type = registry.contentType;
    ctx.body = await registry.metrics();
  });
  return router;
}
