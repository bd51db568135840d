/**
 * Colleagues as the client shows them: { hostUserId, name } by member id, for the open-data name
 * component (Qixue never stores WeCom people's names). One query for a whole response.
 */
import type { AppDeps } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { nameFilter } from '../members/service';

export interface Person {
  hostUserId: string | null;
  name: string | null;
}

const personSelect = { id: true, hostUserId: true, name: true } as const;

export async function peopleOf(db: TenantDb, ids: Iterable<string | null | undefined>): Promise<Record<string, Person>> {
  const wanted = [...new Set([...ids].filter((id): id is string => !!id))];
  if (!wanted.length) return {};
  const rows = await db.member.findMany({ where: { id: { in: wanted } }, select: personSelect });
  return Object.fromEntries(rows.map((m) => [m.id, { hostUserId: m.hostUserId, name: m.name }]));
}

/** Active colleagues named like q (for @mentions): the host knows WeCom people's names. */
export async function findColleagues(deps: AppDeps, db: TenantDb, tenantId: string, selfId: string, q: string) {
  const rows = await db.member.findMany({
    where: { status: 'active', id: { not: selfId }, ...(await nameFilter(deps, tenantId, q)) },
    select: personSelect, orderBy: { id: 'asc' }, take: 20,
  });
  return rows.map((m) => ({ id: m.id, hostUserId: m.hostUserId, name: m.name }));
}
