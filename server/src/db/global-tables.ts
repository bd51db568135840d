/**
 * The tables no enterprise owns — agreement versions, certificates looked up by their public code,
 * sessions — each read or written by a named function here. Route handlers reach them only through
 * `deps.global` (core/context RouteDeps): never through the unscoped client, which they do not get.
 */
import type { Database } from './client';

/** What members and staff may be shown of an agreement version. */
export const agreementVersionSelect = {
  id: true, kind: true, version: true, content: true, changeSummary: true, isCurrent: true, publishedById: true, publishedAt: true,
} as const;

export interface AgreementVersionRow {
  id: string;
  kind: string;
  version: string;
  content: string;
  changeSummary: string;
  isCurrent: boolean;
  publishedById: string | null;
  publishedAt: Date;
}

export interface PublicCertificate {
  memberId: string;
  holderName: string;
  /** The holder's host id (never shown: it tells a stored host id from a name). */
  holderHostUserId: string | null;
  courseTitle: string;
  issuedAt: Date;
  revokedAt: Date | null;
}

export interface GlobalTables {
  /** The current version of each agreement kind, by kind. */
  currentAgreementVersions(): Promise<AgreementVersionRow[]>;
  agreementVersions(ids: string[]): Promise<AgreementVersionRow[]>;
  agreementVersion(id: string): Promise<AgreementVersionRow | null>;
  /** A certificate by its public verification code: what the public page shows, nothing else. */
  certificateByCode(code: string): Promise<PublicCertificate | null>;
  /** Ends one session (signing out). */
  revokeSession(sessionId: string): Promise<void>;
}

export function globalTables(db: Database): GlobalTables {
  const { prisma } = db;
  return {
    currentAgreementVersions: () => prisma.agreementVersion.findMany({ where: { isCurrent: true }, select: agreementVersionSelect, orderBy: { kind: 'asc' } }),
    agreementVersions: async (ids) => (ids.length ? prisma.agreementVersion.findMany({ where: { id: { in: ids } }, select: agreementVersionSelect }) : []),
    agreementVersion: (id) => prisma.agreementVersion.findUnique({ where: { id }, select: agreementVersionSelect }),
    certificateByCode: async (code) => {
      const cert = await prisma.certificate.findUnique({ where: { code }, select: { tenantId: true, memberId: true, holderName: true, courseTitle: true, issuedAt: true, revokedAt: true } });
      if (!cert) return null;
      const member = await prisma.member.findFirst({ where: { id: cert.memberId, tenantId: cert.tenantId }, select: { hostUserId: true } });
      const { tenantId: _tenant, ...shown } = cert;
      return { ...shown, holderHostUserId: member?.hostUserId ?? null };
    },
    revokeSession: async (sessionId) => {
      await prisma.session.update({ where: { id: sessionId }, data: { revokedAt: new Date() } });
    },
  };
}
