import type { Context } from 'koa';

/** Client IP and user agent, for sessions, login logs and the audit trail. */
export function requestMeta(ctx: Context) {
  return { ip: ctx.ip, userAgent: ctx.get('user-agent') || undefined };
}
