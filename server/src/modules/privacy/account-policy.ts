/** The enterprise's account policy (003 §17, 000 §4.5): inactivity freeze, retention, real-name fields. */
import type { z } from 'zod';
import type { Actor } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { audit } from '../../core/audit';
import { errors } from '../../core/errors';
import type { accountPolicyBody } from './schema';

export interface AccountPolicyView {
  freezeAfterDays: number;
  retentionDays: number;
  requireRealName: boolean;
  /** The enterprise's cancellation conditions (002 §3.1.4). */
  selfCancellation: boolean;
  blockOnOpenTasks: boolean;
  /** How long kept records outlive the event that made them (001 §1.4: at least 3 years). */
  recordRetentionDays: number;
}

/** What applies until an admin sets a policy: 003 §17's 180 days to freeze and 540 days of retention. */
export const POLICY_DEFAULTS: AccountPolicyView = {
  freezeAfterDays: 180, retentionDays: 540, requireRealName: false, selfCancellation: true, blockOnOpenTasks: false, recordRetentionDays: 1095,
};

export const policySelect = { freezeAfterDays: true, retentionDays: true, requireRealName: true, selfCancellation: true, blockOnOpenTasks: true, recordRetentionDays: true } as const;
const select = policySelect;

export async function readPolicy(db: TenantDb, tenantId: string): Promise<AccountPolicyView> {
  return (await db.accountPolicy.findUnique({ where: { tenantId }, select })) ?? POLICY_DEFAULTS;
}

export async function updatePolicy(db: TenantDb, actor: Actor, input: z.infer<typeof accountPolicyBody>, ip?: string): Promise<AccountPolicyView> {
  const before = await readPolicy(db, actor.tenantId);
  const after = { ...before, ...input };
  // Retention counts from the last activity too (003 §17), so it must outlast the freeze.
  if (after.retentionDays <= after.freezeAfterDays) {
    throw errors.validation([{ path: 'body.retentionDays', message: 'must be longer than freezeAfterDays' }]);
  }
  const saved = await db.accountPolicy.upsert({
    where: { tenantId: actor.tenantId },
    create: after as typeof after & { tenantId: string },
    update: after,
    select,
  });
  await audit(db, {
    tenantId: actor.tenantId, actorType: 'member', actorId: actor.memberId, action: 'account_policy.update',
    targetType: 'tenant', targetId: actor.tenantId, ip, details: { before: { ...before }, after: { ...saved } },
  });
  return saved;
}
