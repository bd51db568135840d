/**
 * Unfreezing (003 §17): the person proves the account with the original password plus an SMS code
 * to its phone (the code comes from POST /auth/sms-code, purpose "login"), and is signed in; or an
 * enterprise admin unfreezes a member who cannot (no phone or password — WeCom people), audited.
 */
import type { z } from 'zod';
import type { Actor, AppDeps } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { audit } from '../../core/audit';
import { AppError, errors } from '../../core/errors';
import { completeLogin, type LoginMeta } from '../../core/auth/login';
import { chooseOne, matchPassword, phoneCandidates, rememberDevice, takePasswordAttempt, tenantRequired } from '../../core/auth/phone-login';
import { consumeVerificationCode } from '../../core/auth/verification-codes';
import type { unfreezeBody } from './schema';

const invalidCredentials = () => new AppError(401, 'invalid_credentials', '手机号或密码错误 / Wrong phone number or password');
const notFrozen = () => errors.conflict('not_frozen', '账号未被冻结 / This account is not frozen');

/**
 * The attempt is taken before anything is checked (a lockout that concurrent guesses cannot race),
 * then the SMS code, and only then the password: without the phone nothing tells whether the
 * password was right, and 409 not_frozen comes only after both.
 */
export async function unfreezeWithPassword(deps: AppDeps, input: z.infer<typeof unfreezeBody>, meta: LoginMeta) {
  const { prisma } = deps.db;
  const limits = [
    { key: `unfreeze:phone:${deps.cipher.lookupHash(input.phone)}`, max: 10, windowSeconds: 15 * 60 },
    ...(meta.ip ? [{ key: `unfreeze:ip:${meta.ip}`, max: 100, windowSeconds: 15 * 60 }] : []),
  ];
  const attempt = await takePasswordAttempt(deps, limits, '尝试次数过多，请稍后再试 / Too many attempts, try again later');
  await consumeVerificationCode(deps, input.phone, 'login', input.code, { consume: false });
  const matched = await matchPassword(await phoneCandidates(deps, input.phone), input.password);
  if (matched.length === 0) throw invalidCredentials();
  await attempt.giveBack();
  const chosen = chooseOne(matched, input.tenantId);
  if (chosen === 'ambiguous') throw tenantRequired(matched);
  if (!chosen) throw invalidCredentials();
  const member = await prisma.member.findFirst({ where: { id: chosen.memberId, tenantId: chosen.tenantId }, select: { status: true } });
  if (member?.status !== 'frozen') throw notFrozen();
  await consumeVerificationCode(deps, input.phone, 'login', input.code);

  await reactivate(deps.db.prisma, chosen.tenantId, chosen.memberId);
  await audit(prisma, {
    tenantId: chosen.tenantId, actorType: 'member', actorId: chosen.memberId, action: 'member.unfreeze',
    targetType: 'member', targetId: chosen.memberId, ip: meta.ip, details: { by: 'password_and_sms_code' },
  });
  await rememberDevice(deps, chosen.tenantId, chosen.memberId, input.deviceId);
  return completeLogin(deps, { tenantId: chosen.tenantId, memberId: chosen.memberId, method: 'password', meta });
}

export async function unfreezeByAdmin(db: TenantDb, actor: Actor, memberId: string, ip?: string) {
  const member = await db.member.findUnique({ where: { id: memberId }, select: { status: true } });
  if (!member) throw errors.notFound('member');
  if (member.status !== 'frozen') throw notFrozen();
  await db.member.updateMany({ where: { id: memberId, status: 'frozen' }, data: { status: 'active', lastActiveAt: new Date() } });
  await audit(db, {
    tenantId: actor.tenantId, actorType: 'member', actorId: actor.memberId, action: 'member.unfreeze',
    targetType: 'member', targetId: memberId, ip, details: { by: 'admin' },
  });
  return { memberId, status: 'active' as const };
}

// The activity mark restarts the inactivity period, so the next sweep does not freeze them again.
async function reactivate(prisma: AppDeps['db']['prisma'], tenantId: string, memberId: string) {
  await prisma.member.updateMany({ where: { id: memberId, tenantId, status: 'frozen' }, data: { status: 'active', lastActiveAt: new Date() } });
}
