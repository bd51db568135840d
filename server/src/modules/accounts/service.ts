/** Invitations of people outside WeCom (002 §2.2.3): an admin invites by phone; the person signs in to accept. */
import type { z } from 'zod';
import type { Actor, AppDeps } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { audit } from '../../core/audit';
import { assertQuota } from '../editions/gate';
import { errors } from '../../core/errors';
import { revokeMemberSessions } from '../../core/auth/sessions';
import type { createInvitationBody } from './schema';
import { invitationSelect, presentInvitation, type InvitationRow } from './presenter';

export async function createInvitation(deps: AppDeps, db: TenantDb, actor: Actor, input: z.infer<typeof createInvitationBody>, ip?: string) {
  const phoneHash = deps.cipher.lookupHash(input.phone);
  const existing = await db.member.findFirst({ where: { phoneHash }, select: { id: true, status: true } });
  if (existing && existing.status !== 'left' && existing.status !== 'cancelled') {
    throw errors.conflict('already_member', '该手机号已是本企业成员 / This phone number already belongs to a member');
  }
  if (!existing || existing.status === 'left' || existing.status === 'cancelled') await assertQuota({ db, tenantId: actor.tenantId }, 'members');
  const data = { name: input.name, phoneCipher: deps.cipher.encrypt(input.phone), phoneHash, role: input.role, status: 'active' as const };
  const member = existing
    ? await db.member.update({ where: { id: existing.id }, data, select: { id: true } })
    : await db.member.create({ data: data as typeof data & { tenantId: string }, select: { id: true } });
  const invitation = await db.invitation.create({
    data: {
      memberId: member.id,
      phoneHash,
      invitedById: actor.memberId,
      expiresAt: new Date(Date.now() + input.validDays * 86_400_000),
    } as { memberId: string; phoneHash: string; invitedById: string; expiresAt: Date; tenantId: string },
    select: invitationSelect,
  });
  await audit(db, {
    tenantId: actor.tenantId, actorType: 'member', actorId: actor.memberId, action: 'invitation.create',
    targetType: 'member', targetId: member.id, ip, details: { invitationId: invitation.id, role: input.role },
  });
  return presentInvitation(invitation, { name: input.name, phone: input.phone });
}

/** Presents invitations with the invitee's name and masked phone. */
export async function presentInvitations(deps: AppDeps, db: TenantDb, rows: InvitationRow[]) {
  const members = rows.length
    ? await db.member.findMany({ where: { id: { in: rows.map((r) => r.memberId) } }, select: { id: true, name: true, phoneCipher: true } })
    : [];
  const byId = new Map(members.map((m) => [m.id, { name: m.name, phone: m.phoneCipher ? deps.cipher.decrypt(m.phoneCipher) : null }]));
  return rows.map((r) => presentInvitation(r, byId.get(r.memberId)));
}

/** Revoking a pending invitation ends the invitee's membership; an accepted one is managed as a member. */
export async function revokeInvitation(deps: AppDeps, db: TenantDb, actor: Actor, id: string, ip?: string) {
  const invitation = await db.invitation.findUnique({ where: { id }, select: invitationSelect });
  if (!invitation) throw errors.notFound('invitation');
  if (invitation.status === 'accepted') {
    throw errors.conflict('invitation_accepted', '邀请已被接受，请在成员管理中处理 / Already accepted: manage the member instead');
  }
  if (invitation.status === 'pending') {
    await db.invitation.update({ where: { id }, data: { status: 'revoked' } });
    await db.member.update({ where: { id: invitation.memberId }, data: { status: 'left' } });
    await revokeMemberSessions(deps.db.prisma, actor.tenantId, invitation.memberId);
    await audit(db, {
      tenantId: actor.tenantId, actorType: 'member', actorId: actor.memberId, action: 'invitation.revoke',
      targetType: 'member', targetId: invitation.memberId, ip, details: { invitationId: id },
    });
  }
  const updated = await db.invitation.findUnique({ where: { id }, select: invitationSelect });
  return (await presentInvitations(deps, db, [updated!]))[0];
}
