/** What every community operation works with: the tenant-scoped database, the verified actor, the deps. */
import type { Actor, AppDeps, AppState } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';

export interface Community {
  deps: AppDeps;
  db: TenantDb;
  actor: Actor;
  ip?: string;
}

export function communityOf(ctx: { state: AppState; ip: string }, deps: AppDeps): Community {
  return { deps, db: ctx.state.db!, actor: ctx.state.actor!, ip: ctx.ip };
}
