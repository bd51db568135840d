/**
 * Account cancellation online (003 §6, 004 §3.5): refused while it would lose something the person
 * still needs (cancellation-blockers.ts); otherwise, after an SMS code to the member's phone
 * (where they have one), the personal data is erased irreversibly (erasure.ts) and audited.
 */
import type { Actor, AppDeps } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { audit } from '../../core/audit';
import { AppError, errors } from '../../core/errors';
import { consumeVerificationCode, sendVerificationCode } from '../../core/auth/verification-codes';
import { cancellationBlocks } from './cancellation-blockers';
import { eraseMember } from './erasure';

async function phoneOf(deps: AppDeps, db: TenantDb, memberId: string): Promise<string | null> {
  const member = await db.member.findUnique({ where: { id: memberId }, select: { phoneCipher: true } });
  return member?.phoneCipher ? deps.cipher.decrypt(member.phoneCipher) : null;
}

export async function cancellationPreview(deps: AppDeps, db: TenantDb, actor: Actor) {
  const [blockers, phone] = await Promise.all([cancellationBlocks(db, actor.memberId), phoneOf(deps, db, actor.memberId)]);
  return { allowed: blockers.length === 0, blockers, codeRequired: phone !== null };
}

export async function sendCancellationCode(deps: AppDeps, db: TenantDb, actor: Actor, ip?: string) {
  const phone = await phoneOf(deps, db, actor.memberId);
  if (!phone) throw errors.unprocessable('no_phone', '账号未绑定手机号，无需验证码 / This account has no phone number: no code is needed');
  await sendVerificationCode(deps, phone, 'cancel_account', ip);
}

export async function cancelAccount(deps: AppDeps, db: TenantDb, actor: Actor, input: { code?: string }, ip?: string) {
  const blockers = await cancellationBlocks(db, actor.memberId);
  if (blockers.length) {
    throw errors.conflict('cancellation_blocked', '当前无法注销账号 / The account cannot be cancelled now', { reasons: blockers });
  }
  const phone = await phoneOf(deps, db, actor.memberId);
  if (phone) {
    if (!input.code) throw new AppError(400, 'code_required', '请输入发送到手机的验证码 / Enter the code sent to your phone');
    await consumeVerificationCode(deps, phone, 'cancel_account', input.code);
  }
  await eraseMember(db, actor.tenantId, actor.memberId, 'cancelled');
  await audit(db, {
    tenantId: actor.tenantId, actorType: 'member', actorId: actor.memberId, action: 'member.cancel',
    targetType: 'member', targetId: actor.memberId, ip, details: { confirmedBy: phone ? 'sms_code' : 'session' },
  });
  return { memberId: actor.memberId, status: 'cancelled' as const };
}
