/**
 * Sessions: opaque random bearer tokens, stored only as sha256, with expiry and revocation.
 * Every login path ends in createSession; authenticate() is the only reader.
 */
import type { Database, PrismaClient } from '../../db/client';
import { GroupCommit } from '../group-commit';
import { onePer } from '../one-per';
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
  | { ok: true; actor: Actor; activity: { lastActiveAt: Date | null; updatedAt: Date }; agreementsPending: boolean; suspendedUntil: Date | null }
  | { ok: false; reason: 'unauthenticated' | 'tenant_suspended' | 'tenant_inactive' | 'account_frozen' };

interface SessionRow {
  tokenHash: string;
  id: string;
  tenantId: string;
  memberId: string;
  expiresAt: Date | string;
  revokedAt: Date | string | null;
  memberStatus: string;
  role: 'member' | 'admin';
  lastActiveAt: Date | string | null;
  suspendedUntil: Date | string | null;
  updatedAt: Date | string;
  tenantStatus: string;
  pendingAgreements: number | bigint;
}

const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/** Sessions, members, tenants and the count of unaccepted current agreements, in one round trip. */
function sessionSql(q: (id: string) => string, count: number): string {
  return `SELECT s.${q('tokenHash')} AS ${q('tokenHash')}, s.${q('id')} AS ${q('id')}, s.${q('tenantId')} AS ${q('tenantId')}, s.${q('memberId')} AS ${q('memberId')},
      s.${q('expiresAt')} AS ${q('expiresAt')}, s.${q('revokedAt')} AS ${q('revokedAt')},
      m.${q('status')} AS ${q('memberStatus')}, m.${q('role')} AS ${q('role')}, m.${q('lastActiveAt')} AS ${q('lastActiveAt')}, m.${q('suspendedUntil')} AS ${q('suspendedUntil')},
      m.${q('updatedAt')} AS ${q('updatedAt')}, t.${q('status')} AS ${q('tenantStatus')},
      (SELECT COUNT(*) FROM ${q('AgreementVersion')} v WHERE v.${q('isCurrent')} = 1 AND NOT EXISTS (
         SELECT 1 FROM ${q('AgreementAcceptance')} a
         WHERE a.${q('tenantId')} = s.${q('tenantId')} AND a.${q('memberId')} = s.${q('memberId')} AND a.${q('versionId')} = v.${q('id')})) AS ${q('pendingAgreements')}
    FROM ${q('Session')} s
    JOIN ${q('Member')} m ON m.${q('id')} = s.${q('memberId')} AND m.${q('tenantId')} = s.${q('tenantId')}
    JOIN ${q('Tenant')} t ON t.${q('id')} = s.${q('tenantId')}
    WHERE s.${q('tokenHash')} IN (${Array(count).fill('?').join(', ')})`;
}

const SESSION_BATCH = 200;

/**
 * The requests of a crowd (2,000 people starting an exam at once) are checked together: one query
 * per batch of tokens instead of one per request. A lone request still costs one query, at once.
 */
class SessionLookup {
  private readonly batches = new GroupCommit<string, SessionRow | null>((hashes) => this.lookup(hashes), SESSION_BATCH, 2);

  constructor(private readonly db: Database) {}

  find(tokenHash: string): Promise<SessionRow | null> {
    return this.batches.submit(tokenHash);
  }

  private async lookup(hashes: string[]): Promise<(SessionRow | null)[]> {
    const unique = [...new Set(hashes)];
    const rows = await this.db.raw.query<SessionRow>(sessionSql(this.db.dialect.quote, unique.length), unique);
    const byHash = new Map(rows.map((r) => [r.tokenHash, r]));
    return hashes.map((h) => byHash.get(h) ?? null);
  }
}

const sessionLookup = onePer((db: Database) => new SessionLookup(db));

/**
 * Resolves a bearer token to its actor, checking expiry, revocation, member and tenant status.
 * Runs on every authenticated request, so it is one indexed query rather than one per table, and
 * concurrent requests share it (SessionLookup).
 */
export async function verifySession(db: Database, token: string): Promise<SessionCheck> {
  const row = await sessionLookup(db).find(hashToken(token));
  if (!row || row.revokedAt || asDate(row.expiresAt).getTime() <= Date.now()) return { ok: false, reason: 'unauthenticated' };
  if (row.tenantStatus === 'suspended') return { ok: false, reason: 'tenant_suspended' };
  if (row.tenantStatus !== 'active') return { ok: false, reason: 'tenant_inactive' };
  if (row.memberStatus === 'frozen') return { ok: false, reason: 'account_frozen' };
  if (row.memberStatus !== 'active') return { ok: false, reason: 'unauthenticated' };
  return {
    ok: true,
    actor: { sessionId: row.id, tenantId: row.tenantId, memberId: row.memberId, role: row.role },
    activity: { lastActiveAt: row.lastActiveAt === null ? null : asDate(row.lastActiveAt), updatedAt: asDate(row.updatedAt) },
    agreementsPending: Number(row.pendingAgreements) > 0,
    suspendedUntil: row.suspendedUntil === null ? null : asDate(row.suspendedUntil),
  };
}

export async function revokeSession(prisma: PrismaClient, sessionId: string): Promise<void> {
  await prisma.session.update({ where: { id: sessionId }, data: { revokedAt: new Date() } });
}

/** Ends every session of a member (sign out everywhere, account frozen, left or cancelled). */
export async function revokeMemberSessions(prisma: PrismaClient, tenantId: string, memberId: string): Promise<void> {
  await prisma.session.updateMany({ where: { tenantId, memberId, revokedAt: null }, data: { revokedAt: new Date() } });
}
