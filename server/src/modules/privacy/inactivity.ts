/**
 * Inactivity (003 §17, 000 §4.5), per the enterprise's account policy:
 *  - a member inactive longer than freezeAfterDays is frozen and their sessions revoked;
 *  - a frozen member inactive longer than retentionDays has their personal data erased (or the
 *    account locked where records must be kept, retention.ts);
 *  - identities kept for records are deleted once their retention has ended.
 * "Inactive" counts from Member.lastActiveAt (logins and authenticated requests, at most hourly),
 * or from when the member was created if they never came. Enterprise admins are not frozen: the
 * admins are who unfreeze members that cannot do it themselves (WeCom people have no password), and
 * a frozen last admin would lock the enterprise out. The sweep is a durable job: the daily
 * scheduler (jobs/scheduler.ts) enqueues one for every enterprise; a job naming a tenant sweeps
 * only that one. It checkpoints the last tenant done, so a crashed sweep resumes.
 */
import type { AppDeps } from '../../core/context';
import type { JobIO, JobRecord } from '../../jobs/queue';
import { scopeToTenant } from '../../core/tenancy';
import { POLICY_DEFAULTS, policySelect, type AccountPolicyView } from './account-policy';
import { closeAccount, eraseRetained } from './retention';

export const SWEEP_JOB = 'privacy.inactivity-sweep';
const DAY_MS = 86_400_000;
const BATCH = 500;

const inactiveSince = (cutoff: Date) => ({ OR: [{ lastActiveAt: { lt: cutoff } }, { lastActiveAt: null, createdAt: { lt: cutoff } }] });

export async function freezeInactive(deps: AppDeps, tenantId: string, policy: AccountPolicyView, now: Date): Promise<number> {
  const { prisma } = deps.db;
  const cutoff = new Date(now.getTime() - policy.freezeAfterDays * DAY_MS);
  let frozen = 0;
  for (;;) {
    const batch = await prisma.member.findMany({ where: { tenantId, status: 'active', role: 'member', ...inactiveSince(cutoff) }, select: { id: true }, take: BATCH });
    if (batch.length === 0) return frozen;
    const ids = batch.map((m) => m.id);
    // Re-checked in the update: someone who came back a moment ago stays active.
    await prisma.member.updateMany({ where: { tenantId, id: { in: ids }, status: 'active', ...inactiveSince(cutoff) }, data: { status: 'frozen' } });
    const done = (await prisma.member.findMany({ where: { tenantId, id: { in: ids }, status: 'frozen' }, select: { id: true } })).map((m) => m.id);
    if (done.length === 0) return frozen;
    await prisma.session.updateMany({ where: { tenantId, memberId: { in: done }, revokedAt: null }, data: { revokedAt: now } });
    await prisma.auditLog.createMany({
      data: done.map((id) => ({
        tenantId, actorType: 'system' as const, action: 'member.freeze', targetType: 'member', targetId: id,
        details: { reason: 'inactivity', freezeAfterDays: policy.freezeAfterDays },
      })),
    });
    frozen += done.length;
  }
}

export async function eraseExpired(deps: AppDeps, tenantId: string, policy: AccountPolicyView, now: Date): Promise<number> {
  const db = scopeToTenant(deps.db.prisma, tenantId);
  const cutoff = new Date(now.getTime() - policy.retentionDays * DAY_MS);
  let erased = 0;
  for (;;) {
    const batch = await db.member.findMany({ where: { status: 'frozen', ...inactiveSince(cutoff) }, select: { id: true }, take: 100 });
    if (batch.length === 0) return erased;
    for (const { id } of batch) {
      const closed = await closeAccount(deps, db, tenantId, id, policy, 'retention_expired');
      await deps.db.prisma.auditLog.create({
        data: {
          tenantId, actorType: 'system', action: closed.outcome === 'locked' ? 'member.lock' : 'member.erase', targetType: 'member', targetId: id,
          details: { reason: 'retention_expired', retentionDays: policy.retentionDays, ...(closed.outcome === 'locked' && { keptFor: closed.reasons, retainUntil: closed.retainUntil.toISOString() }) },
        },
      });
      erased++;
    }
  }
}

interface SweepState {
  afterTenantId?: string;
  frozen: number;
  erased: number;
}

export async function runSweep(deps: AppDeps, job: JobRecord, io: JobIO) {
  const { prisma } = deps.db;
  const now = new Date();
  const state: SweepState = { frozen: 0, erased: 0, ...(job.state as SweepState | null) };
  for (;;) {
    const tenants = job.tenantId
      ? state.afterTenantId ? [] : [{ id: job.tenantId }]
      : await prisma.tenant.findMany({
        where: state.afterTenantId ? { id: { gt: state.afterTenantId } } : {},
        select: { id: true }, orderBy: { id: 'asc' }, take: 100,
      });
    if (tenants.length === 0) return { frozen: state.frozen, erased: state.erased };
    const policies = await prisma.accountPolicy.findMany({
      where: { tenantId: { in: tenants.map((t) => t.id) } }, select: { tenantId: true, ...policySelect },
    });
    for (const tenant of tenants) {
      const policy = policies.find((p) => p.tenantId === tenant.id) ?? POLICY_DEFAULTS;
      state.frozen += await freezeInactive(deps, tenant.id, policy, now);
      state.erased += await eraseExpired(deps, tenant.id, policy, now);
      state.erased += await eraseRetained(deps, tenant.id, now);
      state.afterTenantId = tenant.id;
      await io.progress(state.frozen + state.erased, 0, state);
    }
  }
}

export function registerPrivacyJobs(deps: AppDeps): void {
  deps.jobs.register(SWEEP_JOB, (job, io) => runSweep(deps, job, io));
}
