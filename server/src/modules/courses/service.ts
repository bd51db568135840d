/** Course authoring, publishing and enrolment with its validity window (seed 001 §4.2). */
import type { Actor } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { audit } from '../../core/audit';
import { errors } from '../../core/errors';
import { clock, nowDate } from './clock';
import { trainingErrors } from './errors';
import { courseSelect, enrolmentSelect, type EnrolmentRow } from './presenter';

const DAY_MS = 86_400_000;

export async function loadCourse(db: TenantDb, id: string, opts: { admin: boolean }) {
  const course = await db.course.findUnique({ where: { id }, select: courseSelect });
  // Members never see drafts or unpublished courses: they do not exist for them.
  if (!course || (!opts.admin && course.status !== 'published')) throw errors.notFound('course');
  return course;
}

export async function assertCategory(db: TenantDb, categoryId: string | null | undefined) {
  if (!categoryId) return;
  if (!(await db.courseCategory.findUnique({ where: { id: categoryId }, select: { id: true } }))) {
    throw errors.badRequest('unknown_category', '分类不存在 / Unknown category', { categoryId });
  }
}

export async function assertExam(db: TenantDb, examId: string | null | undefined) {
  if (!examId) return;
  if (!(await db.exam.findUnique({ where: { id: examId }, select: { id: true } }))) {
    throw errors.badRequest('unknown_exam', '考试不存在 / Unknown exam', { examId });
  }
}

/** A knowledge chapter points at a live document of this enterprise's knowledge base. */
export async function assertKnowledgeDocument(db: TenantDb, documentId: string | null | undefined) {
  if (!documentId) return;
  if (!(await db.kbNode.findFirst({ where: { id: documentId, kind: 'document', status: { not: 'deleted' } }, select: { id: true } }))) {
    throw errors.badRequest('unknown_document', '知识文档不存在 / Unknown knowledge document', { knowledgeDocId: documentId });
  }
}

export async function setCourseStatus(db: TenantDb, actor: Actor, id: string, status: 'published' | 'unpublished', ip?: string) {
  const course = await loadCourse(db, id, { admin: true });
  if (status === 'published' && (await db.chapter.count({ where: { courseId: id } })) === 0) throw trainingErrors.courseEmpty();
  const updated = await db.course.update({
    where: { id },
    data: { status, ...(status === 'published' && !course.publishedAt && { publishedAt: nowDate() }) },
    select: courseSelect,
  });
  await audit(db, { tenantId: actor.tenantId, actorType: 'member', actorId: actor.memberId, action: `course.${status === 'published' ? 'publish' : 'unpublish'}`, targetType: 'course', targetId: id, ip });
  return updated;
}

/**
 * Deletes a course nobody has studied and no task names: its chapters go with it. A course with
 * learners keeps their records, so it can only be unpublished (hidden from members).
 */
export async function deleteCourse(db: TenantDb, actor: Actor, id: string, ip?: string) {
  await loadCourse(db, id, { admin: true });
  const [enrolments, taskItems] = await Promise.all([
    db.enrolment.count({ where: { courseId: id } }),
    db.taskItem.count({ where: { kind: 'course', refId: id } }),
  ]);
  if (enrolments > 0 || taskItems > 0) throw trainingErrors.courseInUse(enrolments, taskItems);
  const chapters = await db.chapter.findMany({ where: { courseId: id }, select: { id: true } });
  await db.$transaction([db.chapter.deleteMany({ where: { courseId: id } }), db.course.delete({ where: { id } })]);
  await audit(db, { tenantId: actor.tenantId, actorType: 'member', actorId: actor.memberId, action: 'course.delete', targetType: 'course', targetId: id, ip });
  return chapters.map((c) => c.id);
}

/** Puts a course's chapters in the order given; the list must name each of them exactly once. */
export async function reorderChapters(db: TenantDb, actor: Actor, courseId: string, chapterIds: string[], ip?: string) {
  await loadCourse(db, courseId, { admin: true });
  const have = await db.chapter.findMany({ where: { courseId }, select: { id: true } });
  const given = new Set(chapterIds);
  if (given.size !== chapterIds.length || have.length !== chapterIds.length || !have.every((c) => given.has(c.id))) {
    throw errors.badRequest('chapter_order_mismatch', '章节列表须包含本课程的每个章节各一次 / The order must name every chapter of the course once', { expected: have.length });
  }
  await db.$transaction(chapterIds.map((id, sortOrder) => db.chapter.update({ where: { id }, data: { sortOrder }, select: { id: true } })));
  await audit(db, { tenantId: actor.tenantId, actorType: 'member', actorId: actor.memberId, action: 'course.chapters.reorder', targetType: 'course', targetId: courseId, ip });
}

/**
 * Enrols members: the window starts now and lasts the course's validityDays. An existing enrolment
 * is left as it is (an expired one stays expired: renewing is an admin decision, see renewEnrolment).
 */
export async function enrol(db: TenantDb, tenantId: string, courseId: string, memberIds: string[], validityDays: number) {
  const existing = await db.enrolment.findMany({ where: { courseId, memberId: { in: memberIds } }, select: { memberId: true } });
  const have = new Set(existing.map((e) => e.memberId));
  const now = clock.now();
  const fresh = [...new Set(memberIds)].filter((m) => !have.has(m));
  if (fresh.length) {
    const active = await db.member.findMany({ where: { id: { in: fresh }, status: 'active' }, select: { id: true } });
    if (active.length !== fresh.length) throw errors.badRequest('unknown_member', '成员不存在或已离开 / Unknown or departed member');
    await db.enrolment.createMany({
      data: fresh.map((memberId) => ({ tenantId, courseId, memberId, startsAt: new Date(now), expiresAt: new Date(now + validityDays * DAY_MS) })),
    });
  }
  return db.enrolment.findMany({ where: { courseId, memberId: { in: memberIds } }, select: enrolmentSelect, orderBy: { id: 'asc' } });
}

/** Refuses study and exams outside the enrolment's window with a clear code. */
export function assertWindow(enrolment: EnrolmentRow | null, now = clock.now()): EnrolmentRow {
  if (!enrolment) throw trainingErrors.notEnrolled();
  if (now < enrolment.startsAt.getTime()) throw trainingErrors.enrolmentNotStarted(enrolment.startsAt);
  if (now >= enrolment.expiresAt.getTime()) throw trainingErrors.enrolmentExpired(enrolment.expiresAt);
  return enrolment;
}

export async function activeEnrolment(db: TenantDb, memberId: string, courseId: string): Promise<EnrolmentRow> {
  const enrolment = await db.enrolment.findFirst({ where: { courseId, memberId }, select: enrolmentSelect });
  return assertWindow(enrolment);
}
