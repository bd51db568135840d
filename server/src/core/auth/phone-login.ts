/**
 * Phone logins: phone + password (with an SMS code on a new device), phone + SMS code, and
 * password reset by SMS code. A phone number may belong to people of several enterprises: the
 * enterprise is chosen only after the person proved the phone (or the password) is theirs.
 */
import type { AppDeps } from '../context';
import { AppError, errors } from '../errors';
import { hashToken } from '../tokens';
import { assertMaySignIn, completeLogin, loadLoginTarget, recordLogin, type LoginMeta, type LoginResult } from './login';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords';
import { RateLimiter, type Limit, type TakenAttempt } from './rate-limit';
import { consumeVerificationCode, sendVerificationCode, type CodePurpose } from './verification-codes';

export interface PhoneCandidate {
  tenantId: string;
  tenantName: string;
  memberId: string;
  passwordHash: string | null;
}

/** People this phone number may sign in as (invitation not expired); the login itself refuses suspended or uninstalled enterprises with their reason. */
export async function phoneCandidates(deps: AppDeps, phone: string): Promise<PhoneCandidate[]> {
  const { prisma } = deps.db;
  const members = await prisma.member.findMany({
    where: { phoneHash: deps.cipher.lookupHash(phone), status: { in: ['active', 'frozen'] } },
    select: { id: true, tenantId: true },
    take: 50,
  });
  if (!members.length) return [];
  const tenantIds = [...new Set(members.map((m) => m.tenantId))];
  const [tenants, passwords, expired] = await Promise.all([
    prisma.tenant.findMany({ where: { id: { in: tenantIds }, status: { in: ['active', 'suspended', 'uninstalled'] } }, select: { id: true, name: true } }),
    prisma.memberPassword.findMany({ where: { memberId: { in: members.map((m) => m.id) } }, select: { memberId: true, tenantId: true, hash: true } }),
    prisma.invitation.findMany({
      where: { memberId: { in: members.map((m) => m.id) }, status: 'pending', expiresAt: { lt: new Date() } },
      select: { memberId: true },
    }),
  ]);
  const tenantName = new Map(tenants.map((t) => [t.id, t.name]));
  const expiredIds = new Set(expired.map((e) => e.memberId));
  return members
    .filter((m) => tenantName.has(m.tenantId) && !expiredIds.has(m.id))
    .map((m) => ({
      tenantId: m.tenantId,
      tenantName: tenantName.get(m.tenantId)!,
      memberId: m.id,
      passwordHash: passwords.find((p) => p.memberId === m.id && p.tenantId === m.tenantId)?.hash ?? null,
    }));
}

export const tenantRequired = (choices: PhoneCandidate[]) =>
  new AppError(409, 'tenant_required', '该手机号属于多个企业，请选择要登录的企业 / This phone belongs to several enterprises: choose one', {
    tenants: choices.map((c) => ({ id: c.tenantId, name: c.tenantName })),
  });

/** Narrows to one enterprise: the one asked for, or the only one. */
export function chooseOne(candidates: PhoneCandidate[], tenantId: string | undefined): PhoneCandidate | 'ambiguous' | null {
  const pool = tenantId ? candidates.filter((c) => c.tenantId === tenantId) : candidates;
  if (pool.length === 0) return null;
  return pool.length === 1 ? pool[0] : 'ambiguous';
}

const invalidCredentials = () => new AppError(401, 'invalid_credentials', '手机号或密码错误 / Wrong phone number or password');

const passwordLimits = (deps: AppDeps, phone: string, ip?: string): Limit[] => [
  { key: `pwd:phone:${deps.cipher.lookupHash(phone)}`, max: 10, windowSeconds: 15 * 60 },
  ...(ip ? [{ key: `pwd:ip:${ip}`, max: 100, windowSeconds: 15 * 60 }] : []),
];

/**
 * Takes one password attempt from `limits` before anything about the password is checked (429 when
 * they are used up). Of attempts sent at once no more than the limit get through, as with SMS codes'
 * guesses: counting a failure after the comparison let 40 concurrent guesses compare 15 passwords.
 */
export function takePasswordAttempt(deps: AppDeps, limits: Limit[], message: string): Promise<TakenAttempt> {
  return new RateLimiter(deps.db.prisma).take(limits, message);
}

/** The candidates whose password this is; spends the time of one comparison when none has a password. */
export async function matchPassword(candidates: PhoneCandidate[], password: string): Promise<PhoneCandidate[]> {
  const withPassword = candidates.filter((c) => c.passwordHash);
  if (withPassword.length === 0) await burnPasswordCheck(password);
  const matched: PhoneCandidate[] = [];
  for (const c of withPassword) if (await verifyPassword(password, c.passwordHash!)) matched.push(c);
  return matched;
}

const deviceHash = (deviceId: string) => hashToken(`device:${deviceId}`);

/** Whether one of these people has signed in from this device before. */
async function knowsDevice(deps: AppDeps, candidates: PhoneCandidate[], deviceId: string): Promise<boolean> {
  if (candidates.length === 0) return false;
  const row = await deps.db.prisma.memberDevice.findFirst({
    where: { OR: candidates.map((c) => ({ tenantId: c.tenantId, memberId: c.memberId })), deviceHash: deviceHash(deviceId) },
    select: { deviceHash: true },
  });
  return !!row;
}

const deviceVerificationRequired = () =>
  new AppError(403, 'device_verification_required', '新设备登录需要短信验证码 / A new device needs an SMS code', { codePurpose: 'new_device' });

async function rememberDevice(deps: AppDeps, tenantId: string, memberId: string, deviceId: string | undefined): Promise<void> {
  if (!deviceId) return;
  const key = { tenantId, memberId, deviceHash: deviceHash(deviceId) };
  await deps.db.prisma.memberDevice.upsert({
    where: { tenantId_memberId_deviceHash: key },
    create: key,
    update: { lastSeenAt: new Date() },
  });
}

async function acceptInvitation(deps: AppDeps, tenantId: string, memberId: string): Promise<void> {
  await deps.db.prisma.invitation.updateMany({
    where: { tenantId, memberId, status: 'pending' },
    data: { status: 'accepted', acceptedAt: new Date() },
  });
}

/** Sends a code if the phone belongs to someone who could use it; answers the same either way. */
export async function requestPhoneCode(deps: AppDeps, phone: string, purpose: CodePurpose, ip?: string): Promise<void> {
  const candidates = await phoneCandidates(deps, phone);
  if (candidates.length === 0) {
    // Count the request anyway, so probing phone numbers costs the same as using them.
    await new RateLimiter(deps.db.prisma).consume([{ key: `sms:probe:${ip ?? 'unknown'}`, max: 30, windowSeconds: 3600 }]);
    return;
  }
  await sendVerificationCode(deps, phone, purpose, ip);
}

/**
 * Phone + password. On a device none of the phone's people has used, the SMS step comes before the
 * password says anything: without a code the answer is 403 device_verification_required for a right
 * password, a wrong one and an unknown phone alike, and the code is checked before the password, so
 * only the phone's holder learns whether the password was right.
 */
export async function passwordLogin(
  deps: AppDeps,
  input: { phone: string; password: string; deviceId: string; smsCode?: string; tenantId?: string },
  meta: LoginMeta,
): Promise<LoginResult> {
  const candidates = await phoneCandidates(deps, input.phone);
  const trusted = await knowsDevice(deps, candidates, input.deviceId);
  if (!trusted && !input.smsCode) throw deviceVerificationRequired();
  const limits = passwordLimits(deps, input.phone, meta.ip);
  const attempt = await takePasswordAttempt(deps, limits, '密码错误次数过多，请稍后再试或使用验证码登录 / Too many attempts; try later or sign in with an SMS code');
  if (!trusted) await consumeVerificationCode(deps, input.phone, 'new_device', input.smsCode!, { consume: false });
  const matched = await matchPassword(candidates, input.password);
  if (matched.length === 0) {
    await Promise.all(candidates.filter((c) => c.passwordHash).map((c) =>
      recordLogin(deps.db.prisma, { tenantId: c.tenantId, memberId: c.memberId, method: 'password', outcome: 'wrong_password', meta })));
    throw invalidCredentials();
  }
  await attempt.giveBack();
  const chosen = chooseOne(matched, input.tenantId);
  if (chosen === 'ambiguous') throw tenantRequired(matched);
  if (!chosen) throw invalidCredentials();

  const target = await loadLoginTarget(deps.db.prisma, chosen.tenantId, chosen.memberId);
  if (!target) throw invalidCredentials();
  assertMaySignIn(target);
  // The device may be known to another of the phone's people only: this one still needs the code.
  if (!(await knowsDevice(deps, [chosen], input.deviceId))) {
    if (!input.smsCode) {
      await recordLogin(deps.db.prisma, { tenantId: chosen.tenantId, memberId: chosen.memberId, method: 'password', outcome: 'device_unverified', meta });
      throw deviceVerificationRequired();
    }
    await consumeVerificationCode(deps, input.phone, 'new_device', input.smsCode);
  }
  await new RateLimiter(deps.db.prisma).clear(limits[0].key);
  await rememberDevice(deps, chosen.tenantId, chosen.memberId, input.deviceId);
  return completeLogin(deps, { tenantId: chosen.tenantId, memberId: chosen.memberId, method: 'password', meta: { ...meta, deviceId: input.deviceId } });
}

export async function smsCodeLogin(
  deps: AppDeps,
  input: { phone: string; code: string; tenantId?: string; deviceId?: string },
  meta: LoginMeta,
): Promise<LoginResult> {
  const candidates = await phoneCandidates(deps, input.phone);
  const chosen = chooseOne(candidates, input.tenantId);
  if (chosen === 'ambiguous') {
    await consumeVerificationCode(deps, input.phone, 'login', input.code, { consume: false });
    throw tenantRequired(candidates);
  }
  await consumeVerificationCode(deps, input.phone, 'login', input.code);
  if (!chosen) throw errors.badRequest('invalid_code', '验证码错误或已失效 / The verification code is wrong or expired');
  const result = await completeLogin(deps, { tenantId: chosen.tenantId, memberId: chosen.memberId, method: 'sms_code', meta: { ...meta, deviceId: input.deviceId } });
  await Promise.all([acceptInvitation(deps, chosen.tenantId, chosen.memberId), rememberDevice(deps, chosen.tenantId, chosen.memberId, input.deviceId)]);
  return result;
}

export const PASSWORD_RULE = /^(?=.*[A-Za-z])(?=.*\d).{8,64}$/;

/** Sets the password of the member the SMS code proves; also trusts the device it was done from. */
export async function resetPassword(
  deps: AppDeps,
  input: { phone: string; code: string; password: string; tenantId?: string; deviceId?: string },
): Promise<{ tenantId: string; memberId: string }> {
  const candidates = await phoneCandidates(deps, input.phone);
  const chosen = chooseOne(candidates, input.tenantId);
  if (chosen === 'ambiguous') {
    await consumeVerificationCode(deps, input.phone, 'reset_password', input.code, { consume: false });
    throw tenantRequired(candidates);
  }
  await consumeVerificationCode(deps, input.phone, 'reset_password', input.code);
  if (!chosen) throw errors.badRequest('invalid_code', '验证码错误或已失效 / The verification code is wrong or expired');
  await setPassword(deps, chosen.tenantId, chosen.memberId, input.password);
  await rememberDevice(deps, chosen.tenantId, chosen.memberId, input.deviceId);
  return { tenantId: chosen.tenantId, memberId: chosen.memberId };
}

export async function setPassword(deps: AppDeps, tenantId: string, memberId: string, password: string): Promise<void> {
  const hash = await hashPassword(password);
  await deps.db.prisma.memberPassword.upsert({
    where: { tenantId_memberId: { tenantId, memberId } },
    create: { tenantId, memberId, hash },
    update: { hash },
  });
}

/** A signed-in member changes their password with a code sent to their own phone. */
export async function changeOwnPassword(deps: AppDeps, tenantId: string, memberId: string, code: string, password: string, deviceId?: string) {
  const phone = await memberPhone(deps, tenantId, memberId);
  await consumeVerificationCode(deps, phone, 'reset_password', code);
  await setPassword(deps, tenantId, memberId, password);
  await rememberDevice(deps, tenantId, memberId, deviceId);
}

export async function sendOwnCode(deps: AppDeps, tenantId: string, memberId: string, ip?: string) {
  await sendVerificationCode(deps, await memberPhone(deps, tenantId, memberId), 'reset_password', ip);
}

async function memberPhone(deps: AppDeps, tenantId: string, memberId: string): Promise<string> {
  const member = await deps.db.prisma.member.findFirst({ where: { id: memberId, tenantId }, select: { phoneCipher: true } });
  if (!member?.phoneCipher) throw errors.unprocessable('no_phone', '账号未绑定手机号 / This account has no phone number');
  return deps.cipher.decrypt(member.phoneCipher);
}

export { acceptInvitation, rememberDevice };
