/** Personal-information requests that need platform staff (003 §6): answered within 15 days, the deadline tracked. */
import type { z } from 'zod';
import type { Actor, AppDeps } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { audit } from '../../core/audit';
import { errors } from '../../core/errors';
import { compareAndSet } from '../../db/compare-and-set';
import type { answerRequestBody, createRequestBody } from './schema';
import { requestSelect } from './presenter';

export const ANSWER_WITHIN_DAYS = 15;

export async function createRequest(db: TenantDb, actor: Actor, input: z.infer<typeof createRequestBody>, ip?: string) {
  const row = await db.privacyRequest.create({
    data: {
      memberId: actor.memberId, kind: input.kind, details: input.details, dueAt: new Date(Date.now() + ANSWER_WITHIN_DAYS * 86_400_000),
    } as { memberId: string; kind: typeof input.kind; details: string; dueAt: Date; tenantId: string },
    select: requestSelect,
  });
  await audit(db, {
    tenantId: actor.tenantId, actorType: 'member', actorId: actor.memberId, action: 'privacy_request.create',
    targetType: 'privacy_request', targetId: row.id, ip, details: { kind: input.kind },
  });
  return row;
}

export async function answerRequest(deps: AppDeps, staff: { staffKeyId: string; ip: string }, id: string, input: z.infer<typeof answerRequestBody>) {
  const { prisma } = deps.db;
  const row = await prisma.privacyRequest.findUnique({ where: { id }, select: { id: true, tenantId: true, status: true } });
  if (!row) throw errors.notFound('privacy request');
  if (row.status !== 'open') throw errors.conflict('request_closed', '该请求已答复 / This request was already answered');
  const now = new Date();
  const done = await compareAndSet(
    prisma, 'PrivacyRequest', { id, status: 'open' },
    { status: input.status, answer: input.answer, answeredById: staff.staffKeyId, answeredAt: now, updatedAt: now },
  );
  if (done !== 1) throw errors.conflict('request_closed', '该请求已答复 / This request was already answered');
  await audit(prisma, {
    tenantId: row.tenantId, actorType: 'staff', actorId: staff.staffKeyId, action: 'privacy_request.answer',
    targetType: 'privacy_request', targetId: id, ip: staff.ip, details: { status: input.status },
  });
  return prisma.privacyRequest.findUniqueOrThrow({ where: { id }, select: requestSelect });
}
