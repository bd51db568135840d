/**
 * Moving an account to a new phone number, with its records (003 §3). The records stay with the
 * member id, so only the phone changes. Self-service: a code to the new phone proves it is the
 * person's, and a code to the current phone (where there is one) proves the account is; both
 * codes come from one request. Someone who lost the old phone asks platform staff, who check
 * identity documents outside Qixue and move the number (audited).
 */
import type { Actor, AppDeps } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { audit } from '../../core/audit';
import { AppError, errors } from '../../core/errors';
import { consumeVerificationCode, sendVerificationCode } from '../../core/auth/verification-codes';
import { revokeMemberSessions } from '../../core/auth/sessions';

const phoneTaken = () => errors.conflict('phone_taken', '该手机号已被本企业其他账号使用 / Another account of this enterprise uses this phone number');

async function load(deps: AppDeps, db: TenantDb, memberId: string) {
  const member = await db.member.findUnique({ where: { id: memberId }, select: { id: true, status: true, phoneCipher: true } });
  if (!member) throw errors.notFound('member');
  return { ...member, phone: member.phoneCipher ? deps.cipher.decrypt(member.phoneCipher) : null };
}

async function assertFree(deps: AppDeps, db: TenantDb, memberId: string, phone: string) {
  const holder = await db.member.findFirst({ where: { phoneHash: deps.cipher.lookupHash(phone) }, select: { id: true } });
  if (holder && holder.id !== memberId) throw phoneTaken();
}

export async function sendPhoneChangeCodes(deps: AppDeps, db: TenantDb, actor: Actor, newPhone: string, ip?: string) {
  const member = await load(deps, db, actor.memberId);
  if (member.phone === newPhone) throw errors.conflict('same_phone', '新手机号与当前手机号相同 / This is already your phone number');
  await assertFree(deps, db, actor.memberId, newPhone);
  await sendVerificationCode(deps, newPhone, 'change_phone', ip);
  if (member.phone) await sendVerificationCode(deps, member.phone, 'change_phone', ip);
  return { currentPhoneCodeSent: !!member.phone };
}

async function setPhone(deps: AppDeps, db: TenantDb, memberId: string, phone: string) {
  try {
    await db.member.update({ where: { id: memberId }, data: { phoneCipher: deps.cipher.encrypt(phone), phoneHash: deps.cipher.lookupHash(phone) }, select: { id: true } });
  } catch (err) {
    if ((err as { code?: string })?.code === 'P2002') throw phoneTaken();
    throw err;
  }
}

export async function changeOwnPhone(deps: AppDeps, db: TenantDb, actor: Actor, input: { phone: string; code: string; currentCode?: string }, ip?: string) {
  const member = await load(deps, db, actor.memberId);
  await assertFree(deps, db, actor.memberId, input.phone);
  if (member.phone && !input.currentCode) {
    throw new AppError(400, 'code_required', '请输入发送到当前手机号的验证码 / Enter the code sent to your current phone');
  }
  // Both checked before either is used up, so one mistyped code does not burn the other.
  if (member.phone) await consumeVerificationCode(deps, member.phone, 'change_phone', input.currentCode!, { consume: false });
  await consumeVerificationCode(deps, input.phone, 'change_phone', input.code, { consume: false });
  if (member.phone) await consumeVerificationCode(deps, member.phone, 'change_phone', input.currentCode!);
  await consumeVerificationCode(deps, input.phone, 'change_phone', input.code);
  await setPhone(deps, db, actor.memberId, input.phone);
  await audit(db, {
    tenantId: actor.tenantId, actorType: 'member', actorId: actor.memberId, action: 'member.phone_change',
    targetType: 'member', targetId: actor.memberId, ip, details: { by: 'sms_codes', hadPhone: !!member.phone },
  });
}

/** Staff, after checking identity documents: the number moves and every session of the account ends. */
export async function movePhoneByStaff(
  deps: AppDeps, db: TenantDb, staff: { staffKeyId: string; ip: string }, tenantId: string, memberId: string, input: { phone: string; reason: string },
) {
  const member = await load(deps, db, memberId);
  if (member.status === 'cancelled') throw errors.conflict('member_cancelled', '账号已注销 / This account is cancelled');
  await assertFree(deps, db, memberId, input.phone);
  await setPhone(deps, db, memberId, input.phone);
  await revokeMemberSessions(deps.db.prisma, tenantId, memberId);
  await audit(db, {
    tenantId, actorType: 'staff', actorId: staff.staffKeyId, action: 'member.phone_change',
    targetType: 'member', targetId: memberId, ip: staff.ip, details: { by: 'staff', reason: input.reason, hadPhone: !!member.phone },
  });
  return { memberId, phoneChanged: true };
}
