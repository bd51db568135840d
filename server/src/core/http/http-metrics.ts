import type { Middleware } from 'koa';
import { metrics } from '../metrics';

/** Request count and latency by route pattern (`/api/v1/courses/:id`, never the raw path: ids would explode the label set). */
export function httpMetrics(): Middleware {
  return async (ctx, next) => {
    const start = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const route = (ctx as unknown as { _matchedRoute?: string })._matchedRoute ?? (ctx.status === 404 ? 'unmatched' : 'other');
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      metrics.httpRequests.inc({ method: ctx.method, route, status: String(ctx.status) });
      metrics.httpDuration.observe({ method: ctx.method, route }, seconds);
    }
  };
}
