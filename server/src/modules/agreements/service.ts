/**
 * The user agreement and privacy policy (004 §2.3): platform staff publish versions; the newest of
 * each kind is current; a member accepts the current versions (again after every new one, shown
 * with what changed). The gate that enforces acceptance is core/auth/agreement-gate.ts; publishing
 * is staff work (platform-routes.ts). Versions are a global table, read through db/global-tables.
 */
import type { RequestScope } from '../../core/scope';
import type { GlobalTables } from '../../db/global-tables';
import { errors } from '../../core/errors';
import { presentAcceptance, presentVersion } from './presenter';

/** The current versions this member has not accepted, each with the change summary and the version accepted before. */
export async function pendingFor(global: GlobalTables, { db, memberId }: RequestScope) {
  const [current, accepted] = await Promise.all([
    global.currentAgreementVersions(),
    db.agreementAcceptance.findMany({ where: { memberId }, select: { versionId: true, acceptedAt: true }, orderBy: { acceptedAt: 'desc' } }),
  ]);
  const acceptedIds = new Set(accepted.map((a) => a.versionId));
  const pending = current.filter((v) => !acceptedIds.has(v.id));
  if (pending.length === 0) return [];
  const earlier = await global.agreementVersions([...acceptedIds]);
  const latestAcceptedOf = (kind: string) => {
    const byId = new Map(earlier.map((e) => [e.id, e]));
    const hit = accepted.find((a) => byId.get(a.versionId)?.kind === kind);
    return hit ? byId.get(hit.versionId)!.version : null;
  };
  return pending.map((v) => ({ ...presentVersion(v), previouslyAcceptedVersion: latestAcceptedOf(v.kind) }));
}

export async function acceptVersion(global: GlobalTables, { db, tenantId, memberId }: RequestScope, versionId: string, meta: { ip?: string; userAgent?: string }) {
  const version = await global.agreementVersion(versionId);
  if (!version) throw errors.notFound('agreement');
  if (!version.isCurrent) {
    throw errors.conflict('agreement_superseded', '该版本已被新版本取代，请阅读并同意最新版本 / A newer version replaced this one: accept the current version');
  }
  const select = { id: true, versionId: true, acceptedAt: true, ip: true } as const;
  const where = { tenantId_memberId_versionId: { tenantId, memberId, versionId } };
  const existing = await db.agreementAcceptance.findUnique({ where, select });
  if (existing) return { acceptance: presentAcceptance(existing, version), created: false };
  try {
    const row = await db.agreementAcceptance.create({
      data: { tenantId, memberId, versionId, ip: meta.ip?.slice(0, 64), userAgent: meta.userAgent?.slice(0, 255) },
      select,
    });
    return { acceptance: presentAcceptance(row, version), created: true };
  } catch (err) {
    // Two taps on "agree" at once: the other request recorded it.
    if ((err as { code?: string })?.code !== 'P2002') throw err;
    const row = await db.agreementAcceptance.findUnique({ where, select });
    return { acceptance: presentAcceptance(row!, version), created: false };
  }
}

export async function myAcceptances(global: GlobalTables, { db, memberId }: Pick<RequestScope, 'db' | 'memberId'>) {
  const rows = await db.agreementAcceptance.findMany({
    where: { memberId }, select: { id: true, versionId: true, acceptedAt: true, ip: true }, orderBy: { acceptedAt: 'desc' }, take: 500,
  });
  const versions = await global.agreementVersions([...new Set(rows.map((r) => r.versionId))]);
  const byId = new Map(versions.map((v) => [v.id, v]));
  return rows.map((r) => presentAcceptance(r, byId.get(r.versionId) ?? { kind: 'unknown', version: 'unknown' }));
}
