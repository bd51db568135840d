import type { Actor } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { audit } from '../../core/audit';
import { errors } from '../../core/errors';
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
