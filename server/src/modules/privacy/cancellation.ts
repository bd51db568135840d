/**
 * Account cancellation online (003 §6, 004 §3.5): refused while it would lose something the person
 * still needs (cancellation-blockers.ts); otherwise, after an SMS code to the member's phone
 * (where they have one), the personal data is erased irreversibly (erasure.ts) and audited — or,
 * where records must legally be kept, the account is locked and the identity they need sealed
 * apart until the retention ends (retention.ts). The preview says which, and until when.
 */
import type { Actor, AppDeps } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { audit } from '../../core/audit';
import { AppError, errors } from '../../core/errors';
import { consumeVerificationCode, sendVerificationCode } from '../../core/auth/verification-codes';
import { cancellationBlocks } from './cancellation-blockers';
import { readPolicy } from './account-policy';
import { closeAccount, legalHold } from './retention';

async function phoneOf(deps: AppDeps, db: TenantDb, memberId: string): Promise<string | null> {
  const member = await db.member.findUnique({ where: { id: memberId }, select: { phoneCipher: true } });
  return member?.phoneCipher ? deps.cipher.decrypt(member.phoneCipher) : null;
}

export async function cancellationPreview(deps: AppDeps, db: TenantDb, actor: Actor) {
  const policy = await readPolicy(db, actor.tenantId);
  const [blockers, phone, hold] = await Promise.all([cancellationBlocks(db, actor.memberId, policy), phoneOf(deps, db, actor.memberId), legalHold(db, actor.memberId, policy)]);
  return {
    allowed: blockers.length === 0, blockers, codeRequired: phone !== null,
    // What will be kept (locked, not public) and until when; null: everything is erased.
    retention: hold && { reasons: hold.reasons, until: hold.retainUntil.toISOString() },
  };
}

export async function sendCancellationCode(deps: AppDeps, db: TenantDb, actor: Actor, ip?: string) {
  const phone = await phoneOf(deps, db, actor.memberId);
  if (!phone) throw errors.unprocessable('no_phone', '账号未绑定手机号，无需验证码 / This account has no phone number: no code is needed');
  await sendVerificationCode(deps, phone, 'cancel_account', ip);
}

export async function cancelAccount(deps: AppDeps, db: TenantDb, actor: Actor, input: { code?: string }, ip?: string) {
  const policy = await readPolicy(db, actor.tenantId);
  const blockers = await cancellationBlocks(db, actor.memberId, policy);
  if (blockers.length) {
    throw errors.conflict('cancellation_blocked', '当前无法注销账号 / The account cannot be cancelled now', { reasons: blockers });
  }
  const phone = await phoneOf(deps, db, actor.memberId);
  if (phone) {
    if (!input.code) throw new AppError(400, 'code_required', '请输入发送到手机的验证码 / Enter the code sent to your phone');
    await consumeVerificationCode(deps, phone, 'cancel_account', input.code);
  }
  const closed = await closeAccount(deps, db, actor.tenantId, actor.memberId, policy, 'cancelled');
  const kept = closed.outcome === 'locked' ? { reasons: closed.reasons, retainUntil: closed.retainUntil.toISOString() } : null;
  await audit(db, {
    tenantId: actor.tenantId, actorType: 'member', actorId: actor.memberId, action: 'member.cancel',
    targetType: 'member', targetId: actor.memberId, ip, details: { confirmedBy: phone ? 'sms_code' : 'session', outcome: closed.outcome, ...(kept && { kept }) },
  });
  return { memberId: actor.memberId, status: 'cancelled' as const, outcome: closed.outcome, retention: kept && { reasons: kept.reasons, until: kept.retainUntil } };
}
