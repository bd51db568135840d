/**
 * Correcting my information (003 §6) and the real-name fields an enterprise may require
 * (001 §1.2, §6.1). Names of WeCom people come from the host directory and are not stored here;
 * real-name fields are accepted only where the enterprise requires them (collect only what a
 * feature needs); the ID number is encrypted at rest and cannot be changed once set (003 §3).
 */
import type { z } from 'zod';
import type { Actor, AppDeps } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { audit } from '../../core/audit';
import { errors } from '../../core/errors';
import { readPolicy } from './account-policy';
import { presentRealName } from './presenter';
import type { updateMeBody } from './schema';

const REAL_NAME_FIELDS = ['realName', 'idNumber', 'employer', 'region'] as const;

async function loadRealName(deps: AppDeps, db: TenantDb, actor: Actor) {
  const row = await db.realNameProfile.findUnique({
    where: { tenantId_memberId: { tenantId: actor.tenantId, memberId: actor.memberId } },
    select: { realName: true, idNumberCipher: true, employer: true, region: true },
  });
  return row && { ...row, idNumber: row.idNumberCipher ? deps.cipher.decrypt(row.idNumberCipher) : null };
}

export async function myRealName(deps: AppDeps, db: TenantDb, actor: Actor) {
  const [policy, row] = await Promise.all([readPolicy(db, actor.tenantId), loadRealName(deps, db, actor)]);
  return presentRealName(row, policy.requireRealName);
}

export async function updateMe(deps: AppDeps, db: TenantDb, actor: Actor, input: z.infer<typeof updateMeBody>, ip?: string) {
  const member = await db.member.findUnique({ where: { id: actor.memberId }, select: { hostUserId: true } });
  if (!member) throw errors.unauthenticated();
  if (input.name !== undefined && member.hostUserId) {
    throw errors.unprocessable('name_from_host', '姓名来自企业微信通讯录，请在企业微信中修改 / Your name comes from the WeCom directory: change it there');
  }
  const realNameInput = Object.fromEntries(REAL_NAME_FIELDS.filter((f) => input[f] !== undefined).map((f) => [f, input[f]])) as Partial<Record<(typeof REAL_NAME_FIELDS)[number], string>>;
  const touchesRealName = Object.keys(realNameInput).length > 0;
  if (touchesRealName) {
    const policy = await readPolicy(db, actor.tenantId);
    if (!policy.requireRealName) {
      throw errors.unprocessable('real_name_not_required', '本企业未要求实名信息，无需填写 / Your enterprise does not ask for real-name information');
    }
    const current = await loadRealName(deps, db, actor);
    const { idNumber, ...rest } = realNameInput;
    const setsIdNumber = idNumber !== undefined && current?.idNumber !== idNumber;
    if (setsIdNumber && current?.idNumber) {
      throw errors.conflict('id_number_immutable', '身份证号设置后不能修改 / The ID number cannot be changed once set');
    }
    const data = {
      ...rest,
      ...(setsIdNumber && { idNumberCipher: deps.cipher.encrypt(idNumber!), idNumberSetAt: new Date() }),
    };
    await db.realNameProfile.upsert({
      where: { tenantId_memberId: { tenantId: actor.tenantId, memberId: actor.memberId } },
      create: { memberId: actor.memberId, ...data } as typeof data & { memberId: string; tenantId: string },
      update: data,
    });
  }
  if (input.name !== undefined) await db.member.update({ where: { id: actor.memberId }, data: { name: input.name }, select: { id: true } });
  // Which fields changed, never their values.
  await audit(db, {
    tenantId: actor.tenantId, actorType: 'member', actorId: actor.memberId, action: 'member.profile_update',
    targetType: 'member', targetId: actor.memberId, ip, details: { fields: Object.keys(input) },
  });
  return myRealName(deps, db, actor);
}
