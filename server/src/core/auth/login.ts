/**
 * The end of every login path: check that the enterprise and the person may sign in, open the
 * session, write the login log. Also the one-time guard for host login codes.
 */
import type { PrismaClient } from '../../db/client';
import type { AppDeps } from '../context';
import { AppError, errors } from '../errors';
import { hashToken } from '../tokens';
import { createSession } from './sessions';

export type LoginMethod = 'wecom_miniprogram' | 'wecom_oauth' | 'admin_sso' | 'wechat' | 'password' | 'sms_code';

export interface LoginMeta {
  ip?: string;
  userAgent?: string;
  deviceId?: string;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  tenant: { id: string; name: string; edition: string; timeZone: string };
  member: { id: string; role: 'member' | 'admin'; hostUserId: string | null; name: string | null };
}

export const memberInactive = () =>
  new AppError(403, 'member_inactive', '您已离开该企业或账号已注销 / You have left this enterprise or your account is cancelled');

interface LoginTarget {
  tenant: { id: string; name: string; edition: string; status: string; timeZone: string };
  member: { id: string; role: 'member' | 'admin'; hostUserId: string | null; name: string | null; status: string };
}

/** Refuses a suspended or uninstalled enterprise, and a frozen, departed or cancelled member. */
export function assertMaySignIn({ tenant, member }: LoginTarget): void {
  if (tenant.status === 'suspended') throw errors.tenantSuspended();
  if (tenant.status !== 'active') throw errors.tenantInactive();
  if (member.status === 'frozen') throw errors.accountFrozen();
  if (member.status !== 'active') throw memberInactive();
}

export async function loadLoginTarget(prisma: PrismaClient, tenantId: string, memberId: string): Promise<LoginTarget | null> {
  const [tenant, member] = await Promise.all([
    prisma.tenant.findUnique({ where: { id: tenantId }, select: { id: true, name: true, edition: true, status: true, timeZone: true } }),
    prisma.member.findFirst({ where: { id: memberId, tenantId }, select: { id: true, role: true, hostUserId: true, name: true, status: true } }),
  ]);
  return tenant && member ? { tenant, member } : null;
}

export async function completeLogin(
  deps: AppDeps,
  input: { tenantId: string; memberId: string; method: LoginMethod; meta: LoginMeta },
): Promise<LoginResult> {
  const { prisma } = deps.db;
  const target = await loadLoginTarget(prisma, input.tenantId, input.memberId);
  if (!target) throw errors.unauthenticated();
  assertMaySignIn(target);
  const session = await createSession(prisma, {
    tenantId: input.tenantId,
    memberId: input.memberId,
    method: input.method,
    ip: input.meta.ip,
    userAgent: input.meta.userAgent,
    ttlHours: deps.config.SESSION_TTL_HOURS,
  });
  await Promise.all([
    recordLogin(prisma, { ...input, outcome: 'success' }),
    prisma.member.update({ where: { id: input.memberId }, data: { lastActiveAt: new Date() }, select: { id: true } }),
  ]);
  const { tenant, member } = target;
  return {
    token: session.token,
    expiresAt: session.expiresAt,
    tenant: { id: tenant.id, name: tenant.name, edition: tenant.edition, timeZone: tenant.timeZone },
    member: { id: member.id, role: member.role, hostUserId: member.hostUserId, name: member.name },
  };
}

export async function recordLogin(
  prisma: PrismaClient,
  input: { tenantId: string; memberId: string; method: LoginMethod; outcome: string; meta: LoginMeta },
): Promise<void> {
  await prisma.loginLog.create({
    data: {
      tenantId: input.tenantId,
      memberId: input.memberId,
      method: input.method,
      outcome: input.outcome,
      ip: input.meta.ip?.slice(0, 64),
      userAgent: input.meta.userAgent?.slice(0, 255),
      deviceId: input.meta.deviceId?.slice(0, 64),
    },
  });
}

export const codeUsed = () => errors.badRequest('code_used', '登录凭证已使用，请重新登录 / This login code was already used; sign in again');

/**
 * Marks a host login code (WeCom or WeChat) as used before exchanging it: a code works once in
 * Qixue even if the host accepted it twice. Codes live ~5 minutes; the row is kept 10.
 */
export async function claimLoginCode(prisma: PrismaClient, kind: string, code: string): Promise<void> {
  try {
    await prisma.usedLoginCode.create({ data: { codeHash: hashToken(`${kind}:${code}`), expiresAt: new Date(Date.now() + 10 * 60_000) } });
  } catch (err) {
    if ((err as { code?: string })?.code === 'P2002') throw codeUsed();
    throw err;
  }
  if (Math.random() < 0.01) void prisma.usedLoginCode.deleteMany({ where: { expiresAt: { lt: new Date() } } }).catch(() => undefined);
}
