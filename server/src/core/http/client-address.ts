import proxyAddr from 'proxy-addr';
import type { Middleware } from 'koa';

/**
 * ctx.ip is the connection's peer, unless that peer is one of the configured reverse proxies
 * (TRUSTED_PROXIES): then X-Forwarded-For is read from the right, through trusted hops only, to the
 * first address that is not one. Anyone else's X-Forwarded-For is ignored, so per-IP limits, login
 * logs and audit rows cannot be given a made-up address.
 */
export function clientAddress(trustedProxies: string[]): Middleware {
  const trust = proxyAddr.compile(trustedProxies);
  return async (ctx, next) => {
    ctx.request.ip = proxyAddr(ctx.req, trust);
    await next();
  };
}
