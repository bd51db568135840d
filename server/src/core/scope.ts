/**
 * The one thing a signed-in handler works with: `scopeOf(ctx)` → `{ db, actor, tenantId, memberId, ip }`,
 * nothing optional. `db` is the tenant-scoped client (core/tenancy) of the session's enterprise;
 * the enterprise and the member come from the verified session only. authenticate() builds it; a
 * handler mounted without authenticate() gets 401 from scopeOf instead of an undefined client.
 */
import type { Actor, AppState } from './context';
import { errors } from './errors';
import type { TenantDb } from './tenancy';

export interface RequestScope {
  readonly db: TenantDb;
  readonly actor: Actor;
  readonly tenantId: string;
  readonly memberId: string;
  /** The client's address (trusted proxies only: core/http). */
  readonly ip: string;
}

export function makeScope(db: TenantDb, actor: Actor, ip: string): RequestScope {
  return Object.freeze({ db, actor, tenantId: actor.tenantId, memberId: actor.memberId, ip });
}

export function scopeOf(ctx: { state: AppState }): RequestScope {
  const { scope } = ctx.state;
  if (!scope) throw errors.unauthenticated();
  return scope;
}
