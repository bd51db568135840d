/**
 * Two things authenticate() does for every member request besides verifying the session:
 *  - the agreement gate (004 §2.3): a member who has not accepted the current user agreement and
 *    privacy policy gets 403 agreement_required, except on the routes needed to read and accept
 *    them, to see or leave the account (/me…) and to sign in or out;
 *  - the activity mark (003 §17): Member.lastActiveAt, written at most once an hour per member.
 * Whether agreements are pending comes with the session check's one query (sessions.ts), with
 * nothing cached per process, so a version published through any process is enforced at once.
 */
import type { PrismaClient } from '../../db/client';
import { AppError } from '../errors';

/** Routes a member may use before accepting: /me and everything under it, /session, /agreements…, /auth…. */
const EXEMPT = /^\/api\/v1\/(me|session|agreements|auth)(\/|$)/;

export const isAgreementExempt = (path: string) => EXEMPT.test(path);

export const agreementRequired = (pending: { id: string; kind: string; version: string }[]) =>
  new AppError(403, 'agreement_required', '请先阅读并同意最新的用户协议和隐私政策 / Please accept the current user agreement and privacy policy', {
    pending,
  });

/** The current versions the member has not accepted yet (none published → nothing is required). */
export async function unacceptedAgreements(prisma: PrismaClient, tenantId: string, memberId: string) {
  const current = await prisma.agreementVersion.findMany({ where: { isCurrent: true }, select: { id: true, kind: true, version: true } });
  if (current.length === 0) return [];
  const accepted = await prisma.agreementAcceptance.findMany({
    where: { tenantId, memberId, versionId: { in: current.map((v) => v.id) } },
    select: { versionId: true },
  });
  const done = new Set(accepted.map((a) => a.versionId));
  return current.filter((v) => !done.has(v.id));
}

const ACTIVITY_RESOLUTION_MS = 3600_000;

/**
 * Marks the member active unless already marked within the hour. Member.updatedAt is left as it was
 * (and the write skipped if the row changed since it was read): the WeCom full sync reads
 * updatedAt as "seen in this sync", which a request must not fake for someone who left.
 */
export async function markActive(
  prisma: PrismaClient, tenantId: string, memberId: string, seen: { lastActiveAt: Date | null; updatedAt: Date },
): Promise<void> {
  const now = Date.now();
  if (seen.lastActiveAt && now - seen.lastActiveAt.getTime() < ACTIVITY_RESOLUTION_MS) return;
  await prisma.member.updateMany({
    where: { id: memberId, tenantId, status: 'active', updatedAt: seen.updatedAt, lastActiveAt: seen.lastActiveAt },
    data: { lastActiveAt: new Date(now), updatedAt: seen.updatedAt },
  });
}
