/** Courses, chapters, study heartbeats, and authoring for admins. */
import type { Heartbeat } from '../lib/heartbeat';
import { http } from './http';
import type { Chapter, ChapterProgress, Course, Page } from './types';

const base = '/api/v1/courses';

export const listCourses = (cursor?: string | null) => http.get<Page<Course>>(base, { cursor, limit: 20 });
export const getCourse = (id: string) =>
  http.get<{ course: Course; chapters: Chapter[]; progress?: ChapterProgress[]; enrolment?: { expiresAt: string; active: boolean; completedAt: string | null } | null }>(`${base}/${id}`);
export const startStudy = (courseId: string) => http.post<{ studySessionId: string; enrolment?: unknown }>(`${base}/${courseId}/study`);
export const sendHeartbeat = (courseId: string, studySessionId: string, hb: Heartbeat) =>
  http.post<{ ack: number; chapter?: ChapterProgress }>(`/api/v1/progress/heartbeats`, { courseId, studySessionId, ...hb });

export const createCourse = (body: { title: string; creditHours: number; required?: boolean; description?: string }) =>
  http.post<{ course: Course }>(base, body).then((r) => r.course);
export const addChapter = (courseId: string, body: { title: string; kind: string; durationSec?: number; mediaUrl?: string; body?: string }) =>
  http.post<{ chapter: Chapter }>(`${base}/${courseId}/chapters`, body);
export const publishCourse = (courseId: string) => http.post(`${base}/${courseId}/publish`);
