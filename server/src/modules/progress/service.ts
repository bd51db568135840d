/** Study sessions: one active per member (seed 001 §2.1(3)); parallel attempts are refused and recorded. */
import type { Actor } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { errors } from '../../core/errors';
import { clock } from '../courses/clock';
import { trainingErrors } from '../courses/errors';
import { activeEnrolment, loadCourse } from '../courses/service';
import { SESSION_TTL_MS } from './heartbeat-writer';

export const sessionSelect = { id: true, memberId: true, courseId: true, validUntil: true, startedAt: true, lastSeenAt: true, endedAt: true } as const;

export function presentSession(s: { id: string; courseId: string; validUntil: Date; startedAt: Date; lastSeenAt: Date; endedAt: Date | null }) {
  return {
    id: s.id,
    courseId: s.courseId,
    validUntil: s.validUntil.toISOString(),
    startedAt: s.startedAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    endedAt: s.endedAt?.toISOString() ?? null,
    heartbeatTimeoutSec: SESSION_TTL_MS / 1000,
  };
}

export async function startStudySession(db: TenantDb, actor: Actor, courseId: string, meta: { ip?: string; userAgent?: string }) {
  await loadCourse(db, courseId, { admin: false });
  const enrolment = await activeEnrolment(db, actor.memberId, courseId);
  const now = clock.now();
  const active = await db.studySession.findFirst({
    where: { memberId: actor.memberId, endedAt: null, lastSeenAt: { gt: new Date(now - SESSION_TTL_MS) } },
    select: { id: true, courseId: true, authSessionId: true },
  });
  // The same course reopened on the same device (its page left without ending the session, or
  // reloaded): the same session goes on. Anything else while it is live is a parallel session.
  if (active && active.courseId === courseId && active.authSessionId === actor.sessionId) {
    return { session: (await db.studySession.findUnique({ where: { id: active.id }, select: sessionSelect }))!, resumed: true };
  }
  if (active) {
    await db.suspiciousEvent.create({
      data: { tenantId: actor.tenantId, memberId: actor.memberId, kind: 'parallel_session', courseId, details: { activeSessionId: active.id, ip: meta.ip ?? null } },
    });
    throw trainingErrors.parallelSession(active.id);
  }
  const mine = await db.studySession.create({
    data: {
      tenantId: actor.tenantId, memberId: actor.memberId, courseId, validUntil: enrolment.expiresAt, startedAt: new Date(now), lastSeenAt: new Date(now),
      ip: meta.ip?.slice(0, 64), userAgent: meta.userAgent?.slice(0, 255), authSessionId: actor.sessionId,
    },
    select: sessionSelect,
  });
  // Two starts racing both passed the check above: the earlier one wins, the later one ends itself.
  const rivals = await db.studySession.findMany({
    where: { memberId: actor.memberId, endedAt: null, lastSeenAt: { gt: new Date(now - SESSION_TTL_MS) }, id: { not: mine.id } },
    select: { id: true, startedAt: true },
  });
  const earlier = rivals.find((r) => r.startedAt < mine.startedAt || (r.startedAt.getTime() === mine.startedAt.getTime() && r.id < mine.id));
  if (earlier) {
    await db.studySession.update({ where: { id: mine.id }, data: { endedAt: new Date(now) } });
    throw trainingErrors.parallelSession(earlier.id);
  }
  return { session: mine, resumed: false };
}

export async function endStudySession(db: TenantDb, actor: Actor, id: string) {
  const session = await db.studySession.findUnique({ where: { id }, select: sessionSelect });
  if (!session || session.memberId !== actor.memberId) throw errors.notFound('study session');
  if (session.endedAt) return session;
  return db.studySession.update({ where: { id }, data: { endedAt: new Date(clock.now()) }, select: sessionSelect });
}
