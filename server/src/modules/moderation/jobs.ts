/**
 * The daily moderation job: penalties past their end expire (suspensions lifted, members told) in
 * every enterprise, and evidence past its retention is deleted unless its case is still open.
 * (Enforcement does not wait for it: restrictions and suspensions compare their end with the clock.)
 */
import type { AppDeps } from '../../core/context';
import { scopeToTenant } from '../../core/tenancy';
import { purgeExpiredEvidence } from './evidence';
import { expirePenalties } from './penalties';

export const MODERATION_JOB = 'moderation.daily';

export async function runModerationDaily(deps: AppDeps, tenantId: string | null, now = new Date()) {
  const tenants = tenantId
    ? [tenantId]
    : [...new Set((await deps.db.prisma.memberPenalty.findMany({ where: { status: 'active', endsAt: { lte: now } }, select: { tenantId: true }, take: 10_000 })).map((p) => p.tenantId))];
  let expired = 0;
  for (const id of tenants) expired += await expirePenalties(scopeToTenant(deps.db.prisma, id), id, now);
  const purged = tenantId ? 0 : await purgeExpiredEvidence(deps, now);
  return { expired, purged };
}

export function registerModerationJobs(deps: AppDeps): void {
  deps.jobs.register(MODERATION_JOB, (job) => runModerationDaily(deps, job.tenantId ?? null));
}
