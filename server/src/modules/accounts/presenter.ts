/** What login, login-log and invitation endpoints answer: explicit fields only. */
import type { LoginResult } from '../../core/auth/login';

export function presentLogin(r: LoginResult) {
  return {
    token: r.token,
    expiresAt: r.expiresAt.toISOString(),
    tenant: { id: r.tenant.id, name: r.tenant.name, edition: r.tenant.edition, timeZone: r.tenant.timeZone },
    member: { id: r.member.id, role: r.member.role, hostUserId: r.member.hostUserId, name: r.member.name },
  };
}

export const loginLogSelect = { id: true, method: true, outcome: true, ip: true, userAgent: true, deviceId: true, createdAt: true } as const;

export function presentLoginLog(l: { id: string; method: string; outcome: string; ip: string | null; userAgent: string | null; deviceId: string | null; createdAt: Date }) {
  return { id: l.id, method: l.method, outcome: l.outcome, ip: l.ip, userAgent: l.userAgent, deviceId: l.deviceId, createdAt: l.createdAt.toISOString() };
}

/** 138****8000: enough for an admin to recognise, not the number. */
export const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

export const invitationSelect = {
  id: true, memberId: true, status: true, invitedById: true, expiresAt: true, acceptedAt: true, createdAt: true,
} as const;

export interface InvitationRow {
  id: string;
  memberId: string;
  status: string;
  invitedById: string;
  expiresAt: Date;
  acceptedAt: Date | null;
  createdAt: Date;
}

export function presentInvitation(i: InvitationRow, member: { name: string | null; phone: string | null } | undefined) {
  const expired = i.status === 'pending' && i.expiresAt.getTime() < Date.now();
  return {
    id: i.id,
    memberId: i.memberId,
    name: member?.name ?? null,
    phone: member?.phone ? maskPhone(member.phone) : null,
    status: expired ? 'expired' : i.status,
    invitedById: i.invitedById,
    expiresAt: i.expiresAt.toISOString(),
    acceptedAt: i.acceptedAt?.toISOString() ?? null,
    createdAt: i.createdAt.toISOString(),
  };
}
