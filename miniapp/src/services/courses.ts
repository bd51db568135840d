/** Courses, chapters, enrolment, study sessions and heartbeats, and authoring for admins. */
import type { Heartbeat } from '../lib/heartbeat';
import { http } from './http';
import type { Chapter, ChapterProgress, Course, Page } from './types';

export interface Enrolment {
  id: string;
  expiresAt: string;
  active: boolean;
  completedAt: string | null;
}

export const listCourses = (cursor?: string | null, status?: 'draft' | 'published' | 'unpublished') => http.get<Page<Course>>('/api/v1/courses', { cursor, limit: 20, status });
export const getCourse = (id: string) => http.get<{ course: Course; chapters: Chapter[]; enrolment: Enrolment | null }>(`/api/v1/courses/${id}`);

export interface CourseProgress {
  enrolment: Enrolment | null;
  chapters: Array<ChapterProgress & { title: string; kind: string }>;
  status: { chaptersDone: number; chaptersTotal: number; examRequired: boolean; examPassed: boolean; completedAt: string | null } | null;
}
export const courseProgress = (id: string) => http.get<CourseProgress>(`/api/v1/courses/${id}/progress`);

/** A member enrols themself; the validity window starts now. */
export const enrol = (courseId: string) => http.post<{ enrolment: Enrolment }>(`/api/v1/courses/${courseId}/enrol`).then((r) => r.enrolment);

/** One active study session per person: a second one is refused with 409 parallel_session. */
export const startStudy = (courseId: string) =>
  http.post<{ studySession: { id: string; heartbeatTimeoutSec: number } }>('/api/v1/study-sessions', { courseId }).then((r) => r.studySession);
export const endStudy = (sessionId: string) => http.del(`/api/v1/study-sessions/${sessionId}`);

export interface HeartbeatAnswer {
  progress: ChapterProgress & { duplicate?: boolean; flagged?: string[] };
  course?: { chaptersDone: number; chaptersTotal: number; completedAt: string | null };
}
export const sendHeartbeat = (sessionId: string, hb: Heartbeat) =>
  http.post<HeartbeatAnswer>(`/api/v1/study-sessions/${sessionId}/heartbeats`, {
    chapterId: hb.chapterId,
    position: hb.position,
    state: hb.state === 'playing' ? 'playing' : 'paused',
    clientSeq: hb.seq,
  });

export const createCourse = (body: { title: string; creditHours: number; required?: boolean; description?: string; examId?: string }) =>
  http.post<{ course: Course }>('/api/v1/courses', body).then((r) => r.course);
export const addChapter = (courseId: string, body: ChapterInput) =>
  http.post<{ chapter: Chapter }>(`/api/v1/courses/${courseId}/chapters`, body).then((r) => r.chapter);
export const publishCourse = (courseId: string) => http.post(`/api/v1/courses/${courseId}/publish`);

export interface CourseChanges {
  title?: string;
  description?: string | null;
  creditHours?: number;
  required?: boolean;
  validityDays?: number;
  examId?: string | null;
}
export interface ChapterInput {
  title: string;
  kind: string;
  durationSec?: number | null;
  minReadSec?: number | null;
  mediaUrl?: string | null;
  body?: string | null;
}
export const updateCourse = (id: string, body: CourseChanges) => http.patch<{ course: Course }>(`/api/v1/courses/${id}`, body).then((r) => r.course);
export const unpublishCourse = (id: string) => http.post(`/api/v1/courses/${id}/unpublish`);
/** Only a course nobody studied and no task names; otherwise 409 course_in_use (unpublish instead). */
export const deleteCourse = (id: string) => http.del(`/api/v1/courses/${id}`);
export const updateChapter = (id: string, body: Partial<ChapterInput>) => http.patch<{ chapter: Chapter }>(`/api/v1/chapters/${id}`, body).then((r) => r.chapter);
export const deleteChapter = (id: string) => http.del(`/api/v1/chapters/${id}`);
export const orderChapters = (courseId: string, chapterIds: string[]) =>
  http.put<{ chapters: Chapter[] }>(`/api/v1/courses/${courseId}/chapter-order`, { chapterIds }).then((r) => r.chapters);
