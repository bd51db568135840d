/** Exam authoring beyond single-row edits: deleting an exam nobody has taken and nothing names. */
import type { Actor } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { audit } from '../../core/audit';
import { errors } from '../../core/errors';
import { examErrors } from './errors';
import { forgetExam } from './paper';

/** An exam with attempts, or named by a course or a task, is closed instead: its results stay. */
export async function deleteExam(db: TenantDb, actor: Actor, id: string, ip?: string): Promise<void> {
  if (!(await db.exam.findUnique({ where: { id }, select: { id: true } }))) throw errors.notFound('exam');
  const [attempts, courses, tasks] = await Promise.all([
    db.examAttempt.count({ where: { examId: id } }),
    db.course.count({ where: { examId: id } }),
    db.taskItem.count({ where: { kind: 'exam', refId: id } }),
  ]);
  if (attempts + courses + tasks > 0) throw examErrors.examInUse(attempts, courses, tasks);
  await db.$transaction([db.examQuestion.deleteMany({ where: { examId: id } }), db.exam.delete({ where: { id } })]);
  forgetExam(actor.tenantId, id);
  await audit(db, { tenantId: actor.tenantId, actorType: 'member', actorId: actor.memberId, action: 'exam.delete', targetType: 'exam', targetId: id, ip });
}
