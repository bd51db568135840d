/**
 * What every knowledge-base operation works with: the tenant-scoped database, the verified actor,
 * their access (grants loaded once per request), the search engine and the deps.
 */
import { randomBytes } from 'node:crypto';
import type { Actor, AppDeps, AppState } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { loadAccess, type KbAccess } from './policy';
import { searchEngine } from './search';
import type { SearchEngine } from './search/engine';

export interface Kb {
  deps: AppDeps;
  db: TenantDb;
  actor: Actor;
  access: KbAccess;
  search: SearchEngine;
  ip?: string;
}

export async function kbOf(ctx: { state: AppState; ip: string }, deps: AppDeps): Promise<Kb> {
  const db = ctx.state.db!;
  const actor = ctx.state.actor!;
  return { deps, db, actor, access: await loadAccess(db, actor), search: searchEngine(deps), ip: ctx.ip };
}

/**
 * Ids for rows whose id is also part of a materialised path: made before the insert. Random and
 * time-ordered like cuid (lower-case letters and digits only, so they are safe inside LIKE patterns).
 */
export function newId(): string {
  return `c${Date.now().toString(36)}${randomBytes(9).toString('hex').slice(0, 16)}`;
}
