/**
 * The user agreement and privacy policy (004 §2.3): platform staff publish versions; the newest of
 * each kind is current; a member accepts the current versions (again after every new one, shown
 * with what changed). The gate that enforces acceptance is core/auth/agreement-gate.ts.
 */
import type { z } from 'zod';
import type { Actor, AppDeps } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { audit } from '../../core/audit';
import { errors } from '../../core/errors';
import { unacceptedAgreements } from '../../core/auth/agreement-gate';
import type { publishBody } from './schema';
import { presentAcceptance, presentVersion, versionSelect } from './presenter';

export async function publishVersion(deps: AppDeps, staff: { staffKeyId: string; ip: string }, input: z.infer<typeof publishBody>) {
  const { prisma } = deps.db;
  const exists = await prisma.agreementVersion.findUnique({ where: { kind_version: { kind: input.kind, version: input.version } }, select: { id: true } });
  if (exists) throw errors.conflict('version_exists', '该版本号已发布 / This version was already published', { id: exists.id });
  // The previous version stops being current in the same breath as the new one becomes current.
  const [, created] = await prisma.$transaction([
    prisma.agreementVersion.updateMany({ where: { kind: input.kind, isCurrent: true }, data: { isCurrent: false } }),
    prisma.agreementVersion.create({ data: { ...input, isCurrent: true, publishedById: staff.staffKeyId }, select: versionSelect }),
  ]);
  await audit(prisma, {
    tenantId: null, actorType: 'staff', actorId: staff.staffKeyId, action: 'agreement.publish',
    targetType: 'agreement_version', targetId: created.id, ip: staff.ip, details: { kind: input.kind, version: input.version },
  });
  return created;
}

/** The current versions this member has not accepted, each with the change summary and the version accepted before. */
export async function pendingFor(deps: AppDeps, db: TenantDb, actor: Actor) {
  const pending = await unacceptedAgreements(deps.db.prisma, actor.tenantId, actor.memberId);
  if (pending.length === 0) return [];
  const [versions, accepted] = await Promise.all([
    deps.db.prisma.agreementVersion.findMany({ where: { id: { in: pending.map((p) => p.id) } }, select: versionSelect }),
    db.agreementAcceptance.findMany({ where: { memberId: actor.memberId }, select: { versionId: true, acceptedAt: true }, orderBy: { acceptedAt: 'desc' } }),
  ]);
  const earlier = accepted.length
    ? await deps.db.prisma.agreementVersion.findMany({ where: { id: { in: accepted.map((a) => a.versionId) } }, select: { id: true, kind: true, version: true } })
    : [];
  const latestAcceptedOf = (kind: string) => {
    const byId = new Map(earlier.map((e) => [e.id, e]));
    const hit = accepted.find((a) => byId.get(a.versionId)?.kind === kind);
    return hit ? byId.get(hit.versionId)!.version : null;
  };
  return versions.map((v) => ({ ...presentVersion(v), previouslyAcceptedVersion: latestAcceptedOf(v.kind) }));
}

export async function acceptVersion(deps: AppDeps, db: TenantDb, actor: Actor, versionId: string, meta: { ip?: string; userAgent?: string }) {
  const version = await deps.db.prisma.agreementVersion.findUnique({ where: { id: versionId }, select: { id: true, kind: true, version: true, isCurrent: true } });
  if (!version) throw errors.notFound('agreement');
  if (!version.isCurrent) {
    throw errors.conflict('agreement_superseded', '该版本已被新版本取代，请阅读并同意最新版本 / A newer version replaced this one: accept the current version');
  }
  const select = { id: true, versionId: true, acceptedAt: true, ip: true } as const;
  const where = { tenantId_memberId_versionId: { tenantId: actor.tenantId, memberId: actor.memberId, versionId } };
  const existing = await db.agreementAcceptance.findUnique({ where, select });
  if (existing) return { acceptance: presentAcceptance(existing, version), created: false };
  try {
    const row = await db.agreementAcceptance.create({
      // The scoped db adds the tenant.
      data: { memberId: actor.memberId, versionId, ip: meta.ip?.slice(0, 64), userAgent: meta.userAgent?.slice(0, 255) } as {
        memberId: string; versionId: string; ip?: string; userAgent?: string; tenantId: string;
      },
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

export async function myAcceptances(deps: AppDeps, db: TenantDb, actor: Actor) {
  const rows = await db.agreementAcceptance.findMany({
    where: { memberId: actor.memberId }, select: { id: true, versionId: true, acceptedAt: true, ip: true }, orderBy: { acceptedAt: 'desc' }, take: 500,
  });
  const versions = rows.length
    ? await deps.db.prisma.agreementVersion.findMany({ where: { id: { in: rows.map((r) => r.versionId) } }, select: { id: true, kind: true, version: true } })
    : [];
  const byId = new Map(versions.map((v) => [v.id, v]));
  return rows.map((r) => presentAcceptance(r, byId.get(r.versionId) ?? { kind: 'unknown', version: 'unknown' }));
}
