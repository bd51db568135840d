/**
 * Authorization helpers. A failed check on the actor's own tenant is 403; rows of another tenant
 * never reach here (the scoped db does not find them → 404).
 */
import type { Middleware } from 'koa';
import type { Actor } from '../context';
import { errors } from '../errors';

export const isAdmin = (actor: Actor) => actor.role === 'admin';

export function authorize(allowed: boolean, message?: string): asserts allowed {
  if (!allowed) throw errors.forbidden(message);
}

/** Route guard: enterprise admins only. */
export function requireAdmin(): Middleware {
  return async (ctx, next) => {
    authorize(!!ctx.state.actor && isAdmin(ctx.state.actor), '仅企业管理员可操作 / Enterprise admins only');
    await next();
  };
}
