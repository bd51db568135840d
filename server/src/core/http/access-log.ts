import type { Middleware } from 'koa';
import type { Logger } from 'pino';

/** One JSON line per request. Never logs bodies, query strings or headers: they may carry secrets. */
export function accessLog(logger: Logger): Middleware {
  return async (ctx, next) => {
    const start = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      logger.info(
        { reqId: ctx.state.requestId, method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(ms * 10) / 10, tenantId: ctx.state.actor?.tenantId },
        'request',
      );
    }
  };
}
