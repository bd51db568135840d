import type { Actor, AppDeps } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { audit } from '../../core/audit';
import { errors } from '../../core/errors';
import { searchHostMembers } from '../../hosts/wecom/contact-search';
import { memberSelect } from './presenter';

/** Makes a member admin or member. An enterprise always keeps at least one active admin. */
export async function changeRole(db: TenantDb, actor: Actor, memberId: string, role: 'member' | 'admin', ip?: string) {
  const member = await db.member.findUnique({ where: { id: memberId }, select: memberSelect });
  if (!member) throw errors.notFound('member');
  if (member.role === role) return member;
  if (role === 'member') {
    const admins = await db.member.count({ where: { role: 'admin', status: 'active' } });
    if (admins <= 1) throw errors.conflict('last_admin', '企业至少需要一名管理员 / An enterprise needs at least one admin');
  }
  const updated = await db.member.update({ where: { id: memberId }, data: { role }, select: memberSelect });
  await audit(db, {
    tenantId: actor.tenantId, actorType: 'member', actorId: actor.memberId, action: 'member.role.change',
    targetType: 'member', targetId: memberId, ip, details: { from: member.role, to: role },
  });
  return updated;
}

/**
 * The filter for "members named like q": Qixue stores names only of people who registered
 * directly; WeCom people are found by the host, which knows their names.
 */
export async function nameFilter(deps: AppDeps, tenantId: string, q: string) {
  const hostIds = (await searchHostMembers(deps, tenantId, q)) ?? [];
  // Prisma passes LIKE wildcards through unescaped (and SQLite has no default escape character):
  // a word with % or _ would match everyone, so such words search the host only.
  const literal = !/[%_\\]/.test(q);
  return { OR: [...(literal ? [{ name: { contains: q } }] : []), { hostUserId: { in: hostIds } }] };
}
