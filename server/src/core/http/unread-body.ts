import type { Middleware } from 'koa';

/**
 * An answer given before the request body has arrived (413 by Content-Length, a refused upload, a
 * 401 before the upload is read) closes the connection. Kept alive, the socket would wait for the
 * rest of a body nobody reads before the next request on it could be parsed — for a client's
 * connection pool, a request that hangs.
 */
export function closeWhenBodyUnread(): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } finally {
      if (!ctx.req.complete && !ctx.headerSent) ctx.set('Connection', 'close');
    }
  };
}
