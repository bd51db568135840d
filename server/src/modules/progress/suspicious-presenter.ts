/**
 * Suspicious learning events as admins read them: who (for the host's name component), in which
 * course, chapter or exam (by title), what happened in words, and the measured details.
 */
import type { TenantDb } from '../../core/tenancy';

export interface SuspiciousRow {
  id: string; memberId: string; kind: string; courseId: string | null; chapterId: string | null; attemptId: string | null; details: unknown; createdAt: Date;
}

export const suspiciousSelect = { id: true, memberId: true, kind: true, courseId: true, chapterId: true, attemptId: true, details: true, createdAt: true } as const;

const kindWords: Record<string, string> = {
  seek_ahead: '视频拖动到未看过的位置',
  impossible_speed: '学习进度快于实际播放',
  parallel_session: '同时在多处学习',
  switch_away: '考试中切换离开页面',
};

const ids = <T>(rows: T[], pick: (r: T) => string | null) => [...new Set(rows.map(pick).filter((x): x is string => !!x))];

export async function presentSuspiciousPage(db: TenantDb, rows: SuspiciousRow[]) {
  const attempts = ids(rows, (r) => r.attemptId).length
    ? await db.examAttempt.findMany({ where: { id: { in: ids(rows, (r) => r.attemptId) } }, select: { id: true, examId: true } })
    : [];
  const examOf = new Map(attempts.map((a) => [a.id, a.examId]));
  const memberIds = ids(rows, (r) => r.memberId);
  const courseIds = ids(rows, (r) => r.courseId);
  const chapterIds = ids(rows, (r) => r.chapterId);
  const examIds = [...new Set(examOf.values())];
  const [members, courses, chapters, exams] = await Promise.all([
    memberIds.length ? db.member.findMany({ where: { id: { in: memberIds } }, select: { id: true, hostUserId: true, name: true } }) : [],
    courseIds.length ? db.course.findMany({ where: { id: { in: courseIds } }, select: { id: true, title: true } }) : [],
    chapterIds.length ? db.chapter.findMany({ where: { id: { in: chapterIds } }, select: { id: true, title: true } }) : [],
    examIds.length ? db.exam.findMany({ where: { id: { in: examIds } }, select: { id: true, title: true } }) : [],
  ]);
  const person = new Map(members.map((m) => [m.id, m]));
  const title = new Map([...courses, ...chapters, ...exams].map((x) => [x.id, x.title]));
  return rows.map((r) => {
    const examId = r.attemptId ? examOf.get(r.attemptId) : undefined;
    return {
      id: r.id,
      kind: r.kind,
      description: kindWords[r.kind] ?? '异常学习行为',
      member: person.get(r.memberId) ?? { id: r.memberId, hostUserId: null, name: null },
      course: r.courseId ? { id: r.courseId, title: title.get(r.courseId) ?? null } : null,
      chapter: r.chapterId ? { id: r.chapterId, title: title.get(r.chapterId) ?? null } : null,
      exam: examId ? { id: examId, title: title.get(examId) ?? null } : null,
      details: r.details,
      createdAt: r.createdAt.toISOString(),
    };
  });
}
