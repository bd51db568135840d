import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';

/** Accepts a sane incoming X-Request-Id (from a proxy) or makes one; echoes it on the response. */
export function requestId(): Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    ctx.state.requestId = /^[\w.-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    ctx.set('X-Request-Id', ctx.state.requestId);
    await next();
  };
}
