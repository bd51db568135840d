/** What admins and members see of courses, chapters and enrolments (explicit allow-lists). */
import { isHttpUrl } from '../../core/input-fields';
import { sanitizeRichText } from '../knowledge/content/sanitize';

export const courseSelect = {
  id: true, title: true, description: true, categoryId: true, creditHours: true, required: true, status: true,
  validityDays: true, examId: true, publishedAt: true, createdAt: true, updatedAt: true,
} as const;

export interface CourseRow {
  id: string; title: string; description: string | null; categoryId: string | null; creditHours: number; required: boolean;
  status: string; validityDays: number; examId: string | null; publishedAt: Date | null; createdAt: Date; updatedAt: Date;
}

export function presentCourse(c: CourseRow, opts: { admin: boolean }) {
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    categoryId: c.categoryId,
    creditHours: c.creditHours,
    required: c.required,
    validityDays: c.validityDays,
    examId: c.examId,
    publishedAt: c.publishedAt?.toISOString() ?? null,
    ...(opts.admin && { status: c.status, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() }),
  };
}

export const chapterSelect = {
  id: true, courseId: true, title: true, kind: true, sortOrder: true, durationSec: true, minReadSec: true, mediaUrl: true, body: true, knowledgeDocId: true,
} as const;

export interface ChapterRow {
  id: string; courseId: string; title: string; kind: string; sortOrder: number; durationSec: number | null; minReadSec: number | null;
  mediaUrl: string | null; body: string | null; knowledgeDocId: string | null;
}

/** `withContent`: the media link and article body, for someone allowed to study the chapter. */
export function presentChapter(c: ChapterRow, opts: { withContent: boolean }) {
  return {
    id: c.id,
    courseId: c.courseId,
    title: c.title,
    kind: c.kind,
    sortOrder: c.sortOrder,
    durationSec: c.durationSec,
    minReadSec: c.minReadSec,
    knowledgeDocId: c.knowledgeDocId,
    // Input is sanitised since issue 13; rows written before that are sanitised on the way out.
    ...(opts.withContent && { mediaUrl: c.mediaUrl && isHttpUrl(c.mediaUrl) ? c.mediaUrl : null, body: c.body && sanitizeRichText(c.body) }),
  };
}

export interface EnrolmentRow {
  id: string; courseId: string; memberId: string; startsAt: Date; expiresAt: Date; chaptersDoneAt: Date | null; completedAt: Date | null;
}
export const enrolmentSelect = { id: true, courseId: true, memberId: true, startsAt: true, expiresAt: true, chaptersDoneAt: true, completedAt: true } as const;

export function presentEnrolment(e: EnrolmentRow, now: number) {
  return {
    id: e.id,
    courseId: e.courseId,
    memberId: e.memberId,
    startsAt: e.startsAt.toISOString(),
    expiresAt: e.expiresAt.toISOString(),
    active: e.startsAt.getTime() <= now && now < e.expiresAt.getTime(),
    chaptersDoneAt: e.chaptersDoneAt?.toISOString() ?? null,
    completedAt: e.completedAt?.toISOString() ?? null,
  };
}
