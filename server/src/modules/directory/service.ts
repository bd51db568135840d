import type { AppDeps, Actor } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { audit } from '../../core/audit';
import { errors } from '../../core/errors';
import { DIRECTORY_SYNC_JOB } from '../../hosts/wecom/directory-sync';
import { jobSelect } from '../jobs/presenter';

const notFromWecom = () => errors.conflict('not_installed_from_wecom', '企业未从企业微信安装本应用 / This enterprise did not install Qixue from WeCom');

/** The latest full sync of the enterprise's directory, if any. */
export async function latestSync(db: TenantDb) {
  const [auth, job] = await Promise.all([
    db.wecomCorpAuth.findFirst({ select: { status: true, lastFullSyncAt: true } }),
    db.job.findFirst({ where: { kind: DIRECTORY_SYNC_JOB }, orderBy: { createdAt: 'desc' }, select: jobSelect }),
  ]);
  return { auth, job };
}

/** Starts a full resync from WeCom — or returns the one already queued or running. */
export async function startSync(deps: AppDeps, db: TenantDb, actor: Actor, ip?: string): Promise<{ jobId: string; started: boolean }> {
  const auth = await db.wecomCorpAuth.findFirst({ select: { status: true } });
  if (!auth || auth.status !== 'active') throw notFromWecom();
  const pending = await db.job.findFirst({ where: { kind: DIRECTORY_SYNC_JOB, status: { in: ['queued', 'running'] } }, select: { id: true } });
  if (pending) return { jobId: pending.id, started: false };
  const jobId = await deps.jobs.enqueue({ tenantId: actor.tenantId, kind: DIRECTORY_SYNC_JOB, payload: { reason: 'admin' }, createdById: actor.memberId });
  await audit(db, { tenantId: actor.tenantId, actorType: 'member', actorId: actor.memberId, action: 'directory.sync.start', targetType: 'job', targetId: jobId, ip });
  return { jobId, started: true };
}
