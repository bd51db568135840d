/**
 * Cancellation that keeps what must be kept (001 §1.4, 002 §3.3, 004 §3.5). Where the law requires
 * the records of a person to be kept — they hold certificates, or the enterprise reported them to a
 * regulator — closing the account locks it instead of erasing it outright:
 *   - the identity those records need (registered name, real name, ID number, employer, region,
 *     phone) is sealed with its own key (RETAINED_DATA_KEY) into RetainedIdentity, apart from every
 *     live table, with the date the retention ends;
 *   - everything else is erased as for any cancellation (erasure.ts), so nothing public remains:
 *     certificates are revoked and the public lookup answers "revoked";
 *   - the privacy sweep deletes the sealed identity once the retention has ended (eraseRetained).
 * Retention counts from the latest event that made the records (a certificate issued, a regulator
 * report) plus the enterprise's recordRetentionDays (at least 3 years); if that has already passed
 * nothing is kept.
 */
import type { Config } from '@qixue/config';
import type { AppDeps } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { FieldCipher } from '../../core/field-cipher';
import type { AccountPolicyView } from './account-policy';
import { eraseMember, type ErasureReason } from './erasure';

const DAY_MS = 86_400_000;

export interface LegalHold {
  reasons: ('certificates' | 'regulator_report')[];
  retainUntil: Date;
}

const ciphers = new WeakMap<Config, FieldCipher>();
/** The cipher of retained identities: its own key, never the one of live fields. */
export function retainedCipher(config: Config): FieldCipher {
  let cipher = ciphers.get(config);
  if (!cipher) {
    cipher = new FieldCipher(config.RETAINED_DATA_KEY ?? config.SECRET_KEY, 'retained-identity');
    ciphers.set(config, cipher);
  }
  return cipher;
}

/** Must this member's records be kept, and until when? null: nothing to keep (or no longer). */
export async function legalHold(db: TenantDb, memberId: string, policy: AccountPolicyView, now = new Date()): Promise<LegalHold | null> {
  const [certificate, report] = await Promise.all([
    db.certificate.findFirst({ where: { memberId }, select: { issuedAt: true }, orderBy: { issuedAt: 'desc' } }),
    db.regulatorReport.findFirst({ where: { memberId }, select: { lastReportedAt: true } }),
  ]);
  const reasons: LegalHold['reasons'] = [];
  if (certificate) reasons.push('certificates');
  if (report) reasons.push('regulator_report');
  if (!reasons.length) return null;
  const latest = Math.max(certificate?.issuedAt.getTime() ?? 0, report?.lastReportedAt.getTime() ?? 0);
  const retainUntil = new Date(latest + policy.recordRetentionDays * DAY_MS);
  return retainUntil > now ? { reasons, retainUntil } : null;
}

/** Seals what the kept records need, then erases the live personal data. Idempotent. */
async function lockMember(deps: AppDeps, db: TenantDb, tenantId: string, memberId: string, hold: LegalHold, reason: ErasureReason) {
  const [member, profile] = await Promise.all([
    db.member.findUnique({ where: { id: memberId }, select: { name: true, phoneCipher: true, hostUserId: true } }),
    db.realNameProfile.findFirst({ where: { memberId }, select: { realName: true, idNumberCipher: true, employer: true, region: true } }),
  ]);
  const open = (sealed: string | null | undefined) => (sealed ? deps.cipher.decrypt(sealed) : null);
  const identity = {
    name: member?.name ?? null, phone: open(member?.phoneCipher), hostUserId: member?.hostUserId ?? null,
    realName: profile?.realName ?? null, idNumber: open(profile?.idNumberCipher), employer: profile?.employer ?? null, region: profile?.region ?? null,
  };
  const existing = await db.retainedIdentity.findFirst({ where: { memberId }, select: { memberId: true } });
  // A second run after a crash finds the live fields already erased: the first seal is the one kept.
  if (!existing) {
    await db.retainedIdentity.create({
      data: { memberId, sealed: retainedCipher(deps.config).encrypt(JSON.stringify(identity)), reasons: hold.reasons.join(','), retainUntil: hold.retainUntil } as never,
    });
  }
  await eraseMember(db, tenantId, memberId, reason);
}

export type ClosedOutcome = { outcome: 'erased' } | { outcome: 'locked'; reasons: LegalHold['reasons']; retainUntil: Date };

/** Closes an account for good: locked where records must be kept, erased otherwise. */
export async function closeAccount(deps: AppDeps, db: TenantDb, tenantId: string, memberId: string, policy: AccountPolicyView, reason: ErasureReason): Promise<ClosedOutcome> {
  const hold = await legalHold(db, memberId, policy);
  if (!hold) {
    await eraseMember(db, tenantId, memberId, reason);
    return { outcome: 'erased' };
  }
  await lockMember(deps, db, tenantId, memberId, hold, reason);
  return { outcome: 'locked', reasons: hold.reasons, retainUntil: hold.retainUntil };
}

/** The privacy sweep's step: sealed identities whose retention has ended are deleted, audited. */
export async function eraseRetained(deps: AppDeps, tenantId: string, now: Date): Promise<number> {
  const { prisma } = deps.db;
  let erased = 0;
  for (;;) {
    const due = await prisma.retainedIdentity.findMany({ where: { tenantId, retainUntil: { lte: now } }, select: { memberId: true, retainUntil: true }, take: 200 });
    if (!due.length) return erased;
    for (const row of due) {
      await prisma.$transaction([
        prisma.retainedIdentity.deleteMany({ where: { tenantId, memberId: row.memberId } }),
        prisma.regulatorReport.deleteMany({ where: { tenantId, memberId: row.memberId } }),
        prisma.auditLog.create({
          data: { tenantId, actorType: 'system', action: 'member.retained_identity.erase', targetType: 'member', targetId: row.memberId, details: { retainUntil: row.retainUntil.toISOString() } },
        }),
      ]);
      erased++;
    }
  }
}
