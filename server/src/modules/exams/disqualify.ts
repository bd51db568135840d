/**
 * An admin disqualifies an exam attempt (001 §2.1(3): cheating): the attempt ends as failed with
 * endReason `disqualified`, whatever it scored; the reason is kept as a penalty record of the
 * moderation module (a warning naming the attempt, appealable like any penalty); the member is told
 * in their inbox; it is audited. A certificate the attempt earned is revoked unless another passed
 * attempt of the same exam still stands.
 */
import type { Actor } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { audit } from '../../core/audit';
import { errors } from '../../core/errors';
import { appealHint, tellMember } from '../moderation/notices';
import { attemptSelect } from './presenter';

export async function disqualifyAttempt(db: TenantDb, actor: Actor, attemptId: string, reason: string, ip?: string) {
  const attempt = await db.examAttempt.findUnique({ where: { id: attemptId }, select: attemptSelect });
  if (!attempt) throw errors.notFound('attempt');
  if (attempt.endReason === 'disqualified') throw errors.conflict('already_disqualified', '该答卷已被取消资格 / This attempt is already disqualified');
  const now = new Date();
  await db.examAttempt.update({
    where: { id: attempt.id },
    data: { status: 'submitted', submittedAt: attempt.submittedAt ?? now, endReason: 'disqualified', passed: false },
    select: { id: true },
  });
  const exam = await db.exam.findUnique({ where: { id: attempt.examId }, select: { id: true, title: true } });
  let certificateRevoked = false;
  if (attempt.passed) {
    const stillPassed = await db.examAttempt.count({ where: { examId: attempt.examId, memberId: attempt.memberId, passed: true } });
    const course = stillPassed ? null : await db.course.findFirst({ where: { examId: attempt.examId }, select: { id: true } });
    if (course) {
      certificateRevoked = (await db.certificate.updateMany({ where: { memberId: attempt.memberId, courseId: course.id, revokedAt: null }, data: { revokedAt: now } })).count > 0;
    }
  }
  const penalty = await db.memberPenalty.create({
    data: { memberId: attempt.memberId, kind: 'warning', reason, attemptId: attempt.id, imposedById: actor.memberId, startsAt: now } as never,
    select: { id: true },
  });
  await audit(db, {
    tenantId: actor.tenantId, actorType: 'member', actorId: actor.memberId, action: 'exam.attempt.disqualify', targetType: 'exam_attempt', targetId: attempt.id, ip,
    details: { memberId: attempt.memberId, examId: attempt.examId, reason, penaltyId: penalty.id, previousScore: attempt.score, previouslyPassed: attempt.passed, certificateRevoked },
  });
  await tellMember(db, actor.tenantId, attempt.memberId, `disqualified:${attempt.id}`, {
    kind: 'exam.disqualified',
    title: `考试成绩已取消：《${exam?.title ?? ''}》`,
    body: `原因 / Reason: ${reason}。${certificateRevoked ? '相应证书已撤销 / The certificate it earned is revoked. ' : ''}${appealHint}`,
  });
  return { attempt: (await db.examAttempt.findUnique({ where: { id: attempt.id }, select: attemptSelect }))!, penaltyId: penalty.id, certificateRevoked };
}
