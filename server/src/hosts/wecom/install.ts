/**
 * The suite's authorization life cycle for a corp:
 *   create_auth  → job `wecom.install`: auth code → permanent code (sealed) → tenant created or
 *                  reactivated (same tenant, same data) → installer and app admins become Qixue
 *                  admins → full directory sync queued.
 *   change_auth  → job `wecom.auth-change`: re-read the visible range → full resync.
 *   change_app_admin (data callback) → job `wecom.admins`: the app's admins become Qixue admins.
 *   cancel_auth  → at once (two updates, inside the callback's time limit): tenant `uninstalled`,
 *                  authorization cancelled, the corp token dropped. Nothing is deleted.
 */
import type { AppDeps } from '../../core/context';
import { audit } from '../../core/audit';
import type { JobIO, JobRecord } from '../../jobs/queue';
import { DirectoryStore } from './directory-store';
import { appAdmins, DIRECTORY_SYNC_JOB } from './directory-sync';

export const INSTALL_JOB = 'wecom.install';
export const AUTH_CHANGE_JOB = 'wecom.auth-change';
export const ADMINS_JOB = 'wecom.admins';

interface AgentPrivilege {
  allow_party?: number[];
  allow_user?: string[];
  allow_tag?: number[];
}

interface AuthInfo {
  auth_corp_info?: { corpid?: string; corp_name?: string; corp_full_name?: string; corp_scale?: string; corp_industry?: string };
  auth_info?: { agent?: { agentid?: number; privilege?: AgentPrivilege }[] };
}

function agentOf(info: AuthInfo) {
  const agent = info.auth_info?.agent?.[0];
  const p = agent?.privilege ?? {};
  return {
    agentId: agent?.agentid === undefined ? null : Number(agent.agentid),
    allowParty: (p.allow_party ?? []).map(Number),
    allowUser: (p.allow_user ?? []).map(String),
    allowTag: (p.allow_tag ?? []).map(Number),
  };
}

type PermanentCodeAnswer = AuthInfo & { permanent_code: string; access_token?: string; expires_in?: number; auth_user_info?: { userid?: string } };

/**
 * The auth code works once: the host's answer is checkpointed (sealed) before anything else, so a
 * retry after a failure further on continues from it instead of spending the code again.
 */
export async function runInstall(deps: AppDeps, job: Pick<JobRecord, 'payload' | 'state'>, io: Pick<JobIO, 'progress'>) {
  const payload = job.payload as { authCode: string };
  const saved = (job.state as { answer?: string } | null)?.answer;
  let res: PermanentCodeAnswer;
  if (saved) {
    res = JSON.parse(deps.cipher.decrypt(saved)) as PermanentCodeAnswer;
  } else {
    const authCode = deps.cipher.decrypt(payload.authCode);
    res = (await deps.wecom.suitePost('service/get_permanent_code', { auth_code: authCode })) as unknown as PermanentCodeAnswer;
    await io.progress(1, 3, { answer: deps.cipher.encrypt(JSON.stringify(res)) });
  }
  const corp = res.auth_corp_info ?? {};
  const corpId = String(corp.corpid ?? '');
  if (!corpId || !res.permanent_code) throw new Error('get_permanent_code returned no corp or permanent code');
  const agent = agentOf(res);
  const prisma = deps.db.prisma;
  const name = String(corp.corp_full_name || corp.corp_name || corpId).slice(0, 200);

  // Same corp → same tenant: an uninstalled one comes back with its data; a suspended one stays suspended.
  const existing = await prisma.tenant.findUnique({ where: { hostCorpId: corpId }, select: { id: true, status: true } });
  const tenant = existing
    ? await prisma.tenant.update({
        where: { id: existing.id },
        data: { name, ...(existing.status === 'uninstalled' && { status: 'active' }) },
        select: { id: true, status: true },
      })
    : await prisma.tenant.create({
        data: { name, hostCorpId: corpId, industry: corp.corp_industry?.slice(0, 100), size: corp.corp_scale?.slice(0, 50) },
        select: { id: true, status: true },
      });
  const auth = {
    corpId,
    suiteId: deps.wecom.suiteId,
    permanentCodeCipher: deps.cipher.encrypt(res.permanent_code),
    agentId: agent.agentId,
    status: 'active' as const,
    allowParty: agent.allowParty,
    allowUser: agent.allowUser,
    allowTag: agent.allowTag,
    installerUserId: res.auth_user_info?.userid ?? null,
    installedAt: new Date(),
    cancelledAt: null,
  };
  await prisma.wecomCorpAuth.upsert({ where: { tenantId: tenant.id }, create: { tenantId: tenant.id, ...auth }, update: auth });
  if (!saved && res.access_token && res.expires_in) await deps.wecom.rememberCorpToken(corpId, res.access_token, Number(res.expires_in));

  const admins = new Set<string>(await appAdmins(deps, { agentId: agent.agentId, corpId }));
  if (res.auth_user_info?.userid) admins.add(res.auth_user_info.userid);
  await new DirectoryStore(deps.db, tenant.id).upsertMembers([...admins].map((hostUserId) => ({ hostUserId, status: 'active' as const, admin: true })), new Date());

  await audit(prisma, {
    tenantId: tenant.id, actorType: 'system', action: existing ? 'tenant.wecom.reinstall' : 'tenant.wecom.install',
    targetType: 'tenant', targetId: tenant.id, details: { corpId, agentId: agent.agentId, admins: admins.size },
  });
  const syncJobId = await deps.jobs.enqueue({ tenantId: tenant.id, kind: DIRECTORY_SYNC_JOB, payload: { reason: 'install' } });
  deps.logger.info({ tenantId: tenant.id, corpId, reinstall: Boolean(existing) }, 'wecom: suite installed');
  return { tenantId: tenant.id, syncJobId };
}

export async function runAuthChange(deps: AppDeps, tenantId: string) {
  const prisma = deps.db.prisma;
  const stored = await prisma.wecomCorpAuth.findUnique({ where: { tenantId }, select: { corpId: true, permanentCodeCipher: true, status: true } });
  if (!stored || stored.status !== 'active') return { skipped: 'not installed' };
  const info = (await deps.wecom.suitePost('service/get_auth_info', { auth_corpid: stored.corpId, permanent_code: deps.cipher.decrypt(stored.permanentCodeCipher) })) as unknown as AuthInfo;
  const agent = agentOf(info);
  await prisma.wecomCorpAuth.update({ where: { tenantId }, data: { agentId: agent.agentId, allowParty: agent.allowParty, allowUser: agent.allowUser, allowTag: agent.allowTag } });
  await audit(prisma, { tenantId, actorType: 'system', action: 'tenant.wecom.range_change', targetType: 'tenant', targetId: tenantId, details: { allowParty: agent.allowParty.length, allowUser: agent.allowUser.length, allowTag: agent.allowTag.length } });
  const syncJobId = await deps.jobs.enqueue({ tenantId, kind: DIRECTORY_SYNC_JOB, payload: { reason: 'change_auth' } });
  return { syncJobId };
}

/** cancel_auth: applied at once. An event older than the current installation is ignored. */
export async function cancelAuth(deps: AppDeps, corpId: string, eventTime: Date): Promise<void> {
  const prisma = deps.db.prisma;
  const tenant = await prisma.tenant.findUnique({ where: { hostCorpId: corpId }, select: { id: true, status: true } });
  if (!tenant) return;
  const auth = await prisma.wecomCorpAuth.findUnique({ where: { tenantId: tenant.id }, select: { installedAt: true, status: true } });
  // TimeStamp has whole seconds; an installation in the same second is not older than the event.
  if (auth && auth.installedAt.getTime() > eventTime.getTime() + 999) return;
  await prisma.wecomCorpAuth.updateMany({ where: { tenantId: tenant.id }, data: { status: 'cancelled', cancelledAt: new Date() } });
  await deps.wecom.forgetCorpToken(corpId);
  if (tenant.status === 'active') await prisma.tenant.update({ where: { id: tenant.id }, data: { status: 'uninstalled' } });
  await audit(prisma, { tenantId: tenant.id, actorType: 'system', action: 'tenant.wecom.uninstall', targetType: 'tenant', targetId: tenant.id, details: { corpId } });
  deps.logger.info({ tenantId: tenant.id, corpId }, 'wecom: suite uninstalled');
}

/** change_app_admin: the app's admins in WeCom changed; whoever is one now is a Qixue admin. */
export async function runAdminSync(deps: AppDeps, tenantId: string) {
  const auth = await deps.db.prisma.wecomCorpAuth.findUnique({ where: { tenantId }, select: { corpId: true, agentId: true, status: true } });
  if (!auth || auth.status !== 'active') return { skipped: 'not installed' };
  const admins = await appAdmins(deps, { agentId: auth.agentId, corpId: auth.corpId });
  await new DirectoryStore(deps.db, tenantId).upsertMembers(admins.map((hostUserId) => ({ hostUserId, status: 'active' as const, admin: true })), new Date());
  return { admins: admins.length };
}
