/**
 * Sessions: opaque random bearer tokens, stored only as sha256, with expiry and revocation.
 * Every login path ends in createSession; authenticate() is the only reader.
 */
import type { PrismaClient } from '../../db/client';
import { hashToken, newToken } from '../tokens';
import type { Actor } from '../context';

export interface NewSession {
  tenantId: string;
  memberId: string;
  method: string;
  ip?: string;
  userAgent?: string;
  ttlHours: number;
}

export async function createSession(prisma: PrismaClient, input: NewSession): Promise<{ token: string; expiresAt: Date; sessionId: string }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + input.ttlHours * 3600_000);
  const session = await prisma.session.create({
    data: {
      tenantId: input.tenantId,
      memberId: input.memberId,
      method: input.method,
      tokenHash: hashToken(token),
      ip: input.ip?.slice(0, 64),
      userAgent: input.userAgent?.slice(0, 255),
      expiresAt,
    },
    select: { id: true },
  });
  return { token, expiresAt, sessionId: session.id };
}

export type SessionCheck =
  | { ok: true; actor: Actor; activity: { lastActiveAt: Date | null; updatedAt: Date } }
  | { ok: false; reason: 'unauthenticated' | 'tenant_suspended' | 'tenant_inactive' | 'account_frozen' };

/** Resolves a bearer token to its actor, checking expiry, revocation, member and tenant status. */
export async function verifySession(prisma: PrismaClient, token: string): Promise<SessionCheck> {
  const session = await prisma.session.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, tenantId: true, memberId: true, expiresAt: true, revokedAt: true },
  });
  if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'unauthenticated' };
  const [member, tenant] = await Promise.all([
    prisma.member.findFirst({ where: { id: session.memberId, tenantId: session.tenantId }, select: { status: true, role: true, lastActiveAt: true, updatedAt: true } }),
    prisma.tenant.findUnique({ where: { id: session.tenantId }, select: { status: true } }),
  ]);
  if (!member || !tenant) return { ok: false, reason: 'unauthenticated' };
  if (tenant.status === 'suspended') return { ok: false, reason: 'tenant_suspended' };
  if (tenant.status !== 'active') return { ok: false, reason: 'tenant_inactive' };
  if (member.status === 'frozen') return { ok: false, reason: 'account_frozen' };
  if (member.status !== 'active') return { ok: false, reason: 'unauthenticated' };
  return {
    ok: true,
    actor: { sessionId: session.id, tenantId: session.tenantId, memberId: session.memberId, role: member.role },
    activity: { lastActiveAt: member.lastActiveAt, updatedAt: member.updatedAt },
  };
}

export async function revokeSession(prisma: PrismaClient, sessionId: string): Promise<void> {
  await prisma.session.update({ where: { id: sessionId }, data: { revokedAt: new Date() } });
}

/** Ends every session of a member (sign out everywhere, account frozen, left or cancelled). */
export async function revokeMemberSessions(prisma: PrismaClient, tenantId: string, memberId: string): Promise<void> {
  await prisma.session.updateMany({ where: { tenantId, memberId, revokedAt: null }, data: { revokedAt: new Date() } });
}
