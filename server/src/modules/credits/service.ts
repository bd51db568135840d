/**
 * The seed 001 §4.4 rule: every chapter complete, then the course exam passed → the course's credit
 * hours are recorded for that year, and a certificate is issued. Evaluated whenever something that
 * could complete a course happens (a chapter completes, an exam is passed); idempotent.
 */
import { randomBytes } from 'node:crypto';
import type { TenantDb } from '../../core/tenancy';
import { compareAndSet } from '../../db/compare-and-set';
import { clock, creditYear } from '../courses/clock';
import { recordItemDone } from '../tasks/completion';
import { recordLearningEvents, type LearningEvent } from '../xapi/learning-events';

export interface CourseState {
  chaptersTotal: number;
  chaptersDone: number;
  chaptersComplete: boolean;
  examRequired: boolean;
  examPassed: boolean;
  completedAt: Date | null;
}

/** Unguessable, unambiguous (no 0/O/1/I) verification code. */
export function certificateCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('');
}

export async function courseState(db: TenantDb, memberId: string, courseId: string, examId: string | null): Promise<Omit<CourseState, 'completedAt'>> {
  const chapters = await db.chapter.findMany({ where: { courseId }, select: { id: true } });
  const ids = chapters.map((c) => c.id);
  const done = ids.length ? await db.chapterProgress.count({ where: { memberId, chapterId: { in: ids }, completed: true } }) : 0;
  const passed = examId ? await db.examAttempt.findFirst({ where: { examId, memberId, status: 'submitted', passed: true }, select: { id: true } }) : null;
  return {
    chaptersTotal: ids.length,
    chaptersDone: done,
    chaptersComplete: ids.length > 0 && done >= ids.length,
    examRequired: !!examId,
    examPassed: !!passed,
  };
}

export async function evaluateCourse(db: TenantDb, tenantId: string, memberId: string, courseId: string): Promise<CourseState | null> {
  const [course, enrolment] = await Promise.all([
    db.course.findUnique({ where: { id: courseId }, select: { id: true, title: true, creditHours: true, examId: true } }),
    db.enrolment.findFirst({ where: { courseId, memberId }, select: { id: true, chaptersDoneAt: true, completedAt: true } }),
  ]);
  if (!course || !enrolment) return null;
  const state = await courseState(db, memberId, courseId, course.examId);
  if (enrolment.completedAt) return { ...state, completedAt: enrolment.completedAt };
  if (!state.chaptersComplete) return { ...state, completedAt: null };
  const now = new Date(clock.now());
  if (!enrolment.chaptersDoneAt) await compareAndSet(db, 'Enrolment', { id: enrolment.id, tenantId, chaptersDoneAt: null }, { chaptersDoneAt: now, updatedAt: now });
  if (state.examRequired && !state.examPassed) return { ...state, completedAt: null };

  // The compare-and-set is the lock: only one evaluation records the hours.
  const won = await compareAndSet(db, 'Enrolment', { id: enrolment.id, tenantId, completedAt: null }, { completedAt: now, updatedAt: now });
  if (won === 1) {
    const best = course.examId
      ? await db.examAttempt.findFirst({ where: { examId: course.examId, memberId, status: 'submitted', passed: true }, orderBy: { score: 'desc' }, select: { score: true } })
      : null;
    const year = creditYear(now);
    const events: LearningEvent[] = [{ kind: 'course-completed', memberId, courseId, courseTitle: course.title, at: now }];
    const existing = await db.creditRecord.findFirst({ where: { memberId, courseId, year }, select: { id: true } });
    if (!existing) {
      await db.creditRecord.create({ data: { tenantId, memberId, courseId, year, hours: course.creditHours, score: best?.score ?? null, earnedAt: now } });
      if (course.creditHours > 0) events.push({ kind: 'credit-hours-earned', memberId, courseId, courseTitle: course.title, hours: course.creditHours, year, at: now });
    }
    if (!(await db.certificate.findFirst({ where: { memberId, courseId }, select: { id: true } }))) {
      const member = await db.member.findUnique({ where: { id: memberId }, select: { name: true, hostUserId: true } });
      const certificate = await db.certificate.create({
        data: { tenantId, memberId, courseId, code: certificateCode(), holderName: (member?.name ?? '').slice(0, 100), courseTitle: course.title, issuedAt: now },
        select: { id: true },
      });
      events.push({ kind: 'certificate-earned', memberId, courseId, certificateId: certificate.id, courseTitle: course.title, at: now });
    }
    await recordItemDone(db, tenantId, memberId, 'course', courseId, now);
    await recordLearningEvents(db, tenantId, ...events);
  }
  return { ...state, completedAt: now };
}
