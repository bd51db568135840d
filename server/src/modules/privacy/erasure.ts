/**
 * Irreversible erasure of a member's personal data (001 §1.4, 002 §3.3, 003 §17, 004 §3.5), for a
 * cancelled account and for a frozen account past its retention period. Deleted: phone, name,
 * host ids, password, devices, WeChat binding, sessions, login logs, invitations, real-name fields,
 * department memberships; IPs and user agents elsewhere are cleared and certificates lose the
 * holder's name and are revoked. Kept, naming only the member id: learning records and what the enterprise reported
 * (enrolments, progress, exam attempts, credit hours, task completions), agreement acceptances,
 * privacy requests, and the append-only audit log. Community questions, posts and replies are
 * soft-deleted (nothing public remains; their text stays for moderation evidence, 003 §10) and lose
 * their author IPs. Where records must legally be kept, retention.ts seals the identity they need
 * before this runs. Every step is idempotent, so a crashed run is simply run again.
 */
import type { TenantDb } from '../../core/tenancy';

export type ErasureReason = 'cancelled' | 'retention_expired';

export const ERASED_HOLDER = '已注销用户';

export async function eraseMember(db: TenantDb, tenantId: string, memberId: string, reason: ErasureReason): Promise<void> {
  const mine = { memberId };
  await Promise.all([
    db.memberPassword.deleteMany({ where: mine }),
    db.memberDevice.deleteMany({ where: mine }),
    db.wechatIdentity.deleteMany({ where: mine }),
    db.loginLog.deleteMany({ where: mine }),
    db.invitation.deleteMany({ where: mine }),
    db.realNameProfile.deleteMany({ where: mine }),
    db.departmentMember.deleteMany({ where: mine }),
    db.studySession.updateMany({ where: mine, data: { ip: null, userAgent: null } }),
    db.agreementAcceptance.updateMany({ where: mine, data: { ip: null, userAgent: null } }),
    // Nothing public remains: the public lookup answers revoked (credits/routes.ts).
    db.certificate.updateMany({ where: mine, data: { holderName: ERASED_HOLDER, revokedAt: new Date() } }),
    db.communityPost.updateMany({ where: { authorId: memberId, status: { not: 'deleted' } }, data: { status: 'deleted', deletedAt: new Date() } }),
    db.communityReply.updateMany({ where: { authorId: memberId, status: { not: 'deleted' } }, data: { status: 'deleted', deletedAt: new Date() } }),
  ]);
  await Promise.all([
    db.communityPost.updateMany({ where: { authorId: memberId }, data: { authorIp: null } }),
    db.communityReply.updateMany({ where: { authorId: memberId }, data: { authorIp: null } }),
  ]);
  await db.member.update({
    where: { id: memberId },
    data: { name: null, phoneCipher: null, phoneHash: null, hostUserId: null, status: 'cancelled', lastActiveAt: null },
    select: { id: true },
  });
  // Last: the sessions. Until here the person could retry a cancellation that failed half-way.
  await db.session.deleteMany({ where: mine });
  await db.accountErasure.upsert({
    where: { tenantId_memberId: { tenantId, memberId } },
    create: { memberId, reason } as { memberId: string; reason: string; tenantId: string },
    update: {},
  });
}
