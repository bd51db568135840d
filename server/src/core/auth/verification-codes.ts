/**
 * SMS verification codes: six digits, five minutes, five guesses (right or wrong), used once. Sending is limited per
 * phone (1/min, 5/h, 10/day) and per IP (30/h) in the database, so every process sees the same counts.
 */
import { randomInt } from 'node:crypto';
import type { AppDeps } from '../context';
import { compareAndSet } from '../../db/compare-and-set';
import { errors } from '../errors';
import { hmac } from '../tokens';
import { renderSms } from '../../hosts/sms/provider';
import { RateLimiter } from './rate-limit';

export type CodePurpose = 'login' | 'reset_password' | 'new_device' | 'cancel_account' | 'change_phone';

const TTL_MINUTES = 5;
const MAX_GUESSES = 5;

const codeHash = (deps: AppDeps, phoneHash: string, purpose: CodePurpose, code: string) =>
  hmac(deps.config.SECRET_KEY, `sms-code:${phoneHash}:${purpose}:${code}`);

export async function sendVerificationCode(deps: AppDeps, phone: string, purpose: CodePurpose, ip?: string): Promise<{ expiresAt: Date }> {
  const phoneHash = deps.cipher.lookupHash(phone);
  const limiter = new RateLimiter(deps.db.prisma);
  await limiter.consume(
    [
      { key: `sms:phone:${phoneHash}`, max: 1, windowSeconds: 60 },
      { key: `sms:phone-hour:${phoneHash}`, max: 5, windowSeconds: 3600 },
      { key: `sms:phone-day:${phoneHash}`, max: 10, windowSeconds: 86400 },
      ...(ip ? [{ key: `sms:ip:${ip}`, max: 30, windowSeconds: 3600 }] : []),
    ],
    '验证码发送过于频繁，请稍后再试 / Too many codes requested, try again later',
  );
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(Date.now() + TTL_MINUTES * 60_000);
  // A new code replaces the ones before it.
  await deps.db.prisma.verificationCode.updateMany({ where: { phoneHash, purpose, consumedAt: null }, data: { consumedAt: new Date() } });
  await deps.db.prisma.verificationCode.create({ data: { phoneHash, purpose, codeHash: codeHash(deps, phoneHash, purpose, code), expiresAt } });
  const params = { code, minutes: String(TTL_MINUTES) };
  await deps.sms.send({ phone, template: 'verification_code', params, text: renderSms('verification_code', params) });
  return { expiresAt };
}

const invalidCode = () => errors.badRequest('invalid_code', '验证码错误或已失效 / The verification code is wrong or expired');

/**
 * Consumes the code if it is right; a wrong, expired, used or over-guessed code → 400 invalid_code.
 * With `consume: false` the code is only checked (the caller still has a question for the person,
 * such as which enterprise), and stays usable.
 */
export async function consumeVerificationCode(
  deps: AppDeps, phone: string, purpose: CodePurpose, code: string, options: { consume?: boolean } = {},
): Promise<void> {
  const { prisma } = deps.db;
  const phoneHash = deps.cipher.lookupHash(phone);
  const latest = await prisma.verificationCode.findFirst({
    where: { phoneHash, purpose, consumedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, codeHash: true, attempts: true },
  });
  if (!latest || latest.attempts >= MAX_GUESSES) throw invalidCode();
  // Each comparison first takes one of the five guesses, as a compare-and-set on the count just read:
  // guesses sent at the same moment cannot all pass the check above (the losers are refused unseen).
  const guessed = await compareAndSet(prisma, 'VerificationCode', { id: latest.id, attempts: latest.attempts, consumedAt: null }, { attempts: { increment: 1 } });
  if (guessed !== 1 || latest.codeHash !== codeHash(deps, phoneHash, purpose, code)) throw invalidCode();
  if (options.consume === false) return;
  // Compare-and-set: of two requests racing with the same code, one wins.
  const used = await compareAndSet(prisma, 'VerificationCode', { id: latest.id, consumedAt: null }, { consumedAt: new Date() });
  if (used !== 1) throw invalidCode();
}
