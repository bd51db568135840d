/**
 * The penalties ladder (002 §4.7.1, 000 §12): warning → restriction (no posting for a period) →
 * suspension (no writes at all for a period) → termination (no end). Without an explicit kind the
 * next step after the member's heaviest penalty of the past year is taken. Suspension and
 * termination set Member.suspendedUntil, which authenticate() enforces on every write route
 * (403 member_suspended). Every penalty is audited and told to the member with the reason and the
 * way to appeal; the daily job (jobs.ts) marks the ones past their end as expired.
 */
import type { Actor } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { audit } from '../../core/audit';
import { AppError, errors } from '../../core/errors';
import { appealHint, tellMember } from './notices';
import { DEFAULT_TIME_ZONE, zonedDateTime } from '../../core/time-zone';

export const LADDER = ['warning', 'restriction', 'suspension', 'termination'] as const;
export type PenaltyKind = (typeof LADDER)[number];

const DAY_MS = 86_400_000;
const DEFAULT_DAYS: Record<PenaltyKind, number | null> = { warning: null, restriction: 7, suspension: 30, termination: null };
/** "Terminated": suspended with no end, stored as a far date so the session check stays one comparison. */
export const NO_END = new Date('9999-12-31T00:00:00Z');
const LOOKBACK_DAYS = 365;

const LABEL: Record<PenaltyKind, string> = { warning: '警告 / warning', restriction: '限制发言 / posting restricted', suspension: '暂停使用 / account suspended', termination: '终止服务 / service terminated' };

export const penaltySelect = {
  id: true, memberId: true, kind: true, status: true, reason: true, caseId: true, attemptId: true, imposedById: true, startsAt: true, endsAt: true, revokedAt: true, createdAt: true,
} as const;

/** The next step of the ladder for a member. */
export async function nextStep(db: TenantDb, memberId: string, now = new Date()): Promise<PenaltyKind> {
  const recent = await db.memberPenalty.findMany({
    where: { memberId, status: { not: 'revoked' }, createdAt: { gte: new Date(now.getTime() - LOOKBACK_DAYS * DAY_MS) } },
    select: { kind: true },
  });
  const heaviest = Math.max(-1, ...recent.map((p) => LADDER.indexOf(p.kind as PenaltyKind)));
  return LADDER[Math.min(heaviest + 1, LADDER.length - 1)];
}

/** Recomputes Member.suspendedUntil from the member's active suspensions and termination. */
export async function refreshSuspension(db: TenantDb, memberId: string, now = new Date()): Promise<void> {
  const active = await db.memberPenalty.findMany({
    where: { memberId, status: 'active', kind: { in: ['suspension', 'termination'] } },
    select: { kind: true, endsAt: true },
  });
  const ends = active.map((p) => (p.kind === 'termination' || !p.endsAt ? NO_END : p.endsAt)).filter((e) => e > now);
  const until = ends.length ? new Date(Math.max(...ends.map((e) => e.getTime()))) : null;
  await db.member.update({ where: { id: memberId }, data: { suspendedUntil: until }, select: { id: true } });
}

export async function imposePenalty(
  db: TenantDb, actor: Actor,
  input: { memberId: string; kind?: PenaltyKind; reason: string; days?: number; caseId?: string },
  ip?: string, now = new Date(),
) {
  if (input.memberId === actor.memberId) throw errors.badRequest('self_penalty', '不能处罚自己 / You cannot penalise yourself');
  const member = await db.member.findFirst({ where: { id: input.memberId }, select: { id: true } });
  if (!member) throw errors.notFound('member');
  if (input.caseId && !(await db.moderationCase.findFirst({ where: { id: input.caseId }, select: { id: true } }))) throw errors.notFound('case');
  const kind = input.kind ?? (await nextStep(db, input.memberId, now));
  const days = input.days ?? DEFAULT_DAYS[kind];
  if ((kind === 'restriction' || kind === 'suspension') && !days) {
    throw errors.validation([{ path: 'body.days', message: '限制和暂停需要期限 / A restriction or suspension needs a number of days' }]);
  }
  const endsAt = kind === 'restriction' || kind === 'suspension' ? new Date(now.getTime() + days! * DAY_MS) : null;
  const penalty = await db.memberPenalty.create({
    data: { memberId: input.memberId, kind, reason: input.reason, caseId: input.caseId ?? null, imposedById: actor.memberId, startsAt: now, endsAt } as never,
    select: penaltySelect,
  });
  if (kind === 'suspension' || kind === 'termination') await refreshSuspension(db, input.memberId, now);
  await audit(db, {
    tenantId: actor.tenantId, actorType: 'member', actorId: actor.memberId, action: 'moderation.penalty.impose', targetType: 'member',
    targetId: input.memberId, ip, details: { penaltyId: penalty.id, kind, reason: input.reason, endsAt: endsAt?.toISOString() ?? null, caseId: input.caseId ?? null },
  });
  // Notices are read by people: the end in the enterprise's time zone, never a UTC timestamp.
  const zone = (await db.tenant.findUnique({ where: { id: actor.tenantId }, select: { timeZone: true } }))?.timeZone ?? DEFAULT_TIME_ZONE;
  const until = endsAt ? `，至 ${zonedDateTime(endsAt, zone)} / until ${zonedDateTime(endsAt, zone)}` : '';
  await tellMember(db, actor.tenantId, input.memberId, `penalty:${penalty.id}`, {
    kind: 'moderation.penalty',
    title: `社区处罚：${LABEL[kind]}`,
    body: `原因 / Reason: ${input.reason}${until}。${appealHint}`,
  });
  return penalty;
}

export async function revokePenalty(db: TenantDb, actor: Actor, penaltyId: string, reason: string, ip?: string, now = new Date()) {
  const penalty = await db.memberPenalty.findFirst({ where: { id: penaltyId }, select: penaltySelect });
  if (!penalty) throw errors.notFound('penalty');
  if (penalty.status !== 'active') throw errors.conflict('penalty_not_active', '该处罚已结束或已撤销 / The penalty has already ended or been revoked');
  const updated = await db.memberPenalty.update({ where: { id: penaltyId }, data: { status: 'revoked', revokedAt: now, revokedById: actor.memberId }, select: penaltySelect });
  await refreshSuspension(db, penalty.memberId, now);
  await audit(db, {
    tenantId: actor.tenantId, actorType: 'member', actorId: actor.memberId, action: 'moderation.penalty.revoke', targetType: 'member',
    targetId: penalty.memberId, ip, details: { penaltyId, kind: penalty.kind, reason },
  });
  await tellMember(db, actor.tenantId, penalty.memberId, `penalty-revoked:${penaltyId}`, {
    kind: 'moderation.penalty_revoked', title: `处罚已撤销：${LABEL[penalty.kind as PenaltyKind]}`, body: `说明 / Note: ${reason}`,
  });
  return updated;
}

/** Refuses community writes during a restriction (or worse) and from a banned address. */
export async function assertMayPost(db: TenantDb, memberId: string, ip: string | undefined, now = new Date()): Promise<void> {
  const restriction = await db.memberPenalty.findFirst({
    where: { memberId, status: 'active', kind: { in: ['restriction', 'suspension', 'termination'] }, OR: [{ endsAt: null }, { endsAt: { gt: now } }] },
    select: { endsAt: true },
    orderBy: { createdAt: 'desc' },
  });
  if (restriction) {
    throw new AppError(403, 'posting_restricted', '你已被限制发言，暂时不能发布内容 / You are restricted from posting for now', {
      until: restriction.endsAt?.toISOString() ?? null,
    });
  }
  if (ip && (await db.ipBan.count({ where: { ip, revokedAt: null, OR: [{ endsAt: null }, { endsAt: { gt: now } }] } })) > 0) {
    throw new AppError(403, 'ip_banned', '当前网络地址已被禁止发布内容 / Publishing from this network address is banned');
  }
}

/** Marks penalties past their end as expired, lifts suspensions and tells the members. For the daily job. */
export async function expirePenalties(db: TenantDb, tenantId: string, now = new Date()): Promise<number> {
  const due = await db.memberPenalty.findMany({ where: { status: 'active', endsAt: { lte: now } }, select: { id: true, memberId: true, kind: true }, take: 1000 });
  for (const p of due) {
    await db.memberPenalty.update({ where: { id: p.id }, data: { status: 'expired' }, select: { id: true } });
    if (p.kind === 'suspension') await refreshSuspension(db, p.memberId, now);
    await tellMember(db, tenantId, p.memberId, `penalty-expired:${p.id}`, {
      kind: 'moderation.penalty_expired', title: `处罚已到期：${LABEL[p.kind as PenaltyKind]}`, body: '限制已解除 / The restriction has ended.',
    });
  }
  return due.length;
}
