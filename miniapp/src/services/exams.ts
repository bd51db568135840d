/** Exams: attempts (questions without answers), answers, submission, results; the question bank. */
import type { Answer, Question } from '../lib/answer-sheet';
import { http } from './http';
import type { Page } from './types';

const base = '/api/v1/exams';

export interface Exam {
  id: string;
  title: string;
  timeLimitMin?: number | null;
  passScore?: number;
  maxAttempts?: number | null;
}

export interface Attempt {
  id: string;
  examId: string;
  deadlineAt: string | null;
  questions: Question[];
  answers?: Record<string, Answer>;
  now?: string;
}

export interface AttemptResult {
  id: string;
  score: number | null;
  passed: boolean | null;
  passScore?: number;
  submittedAt: string;
  creditHours?: number | null;
}

export const getExam = (id: string) => http.get<{ exam: Exam }>(`${base}/${id}`).then((r) => r.exam);
export const startAttempt = (examId: string) => http.post<{ attempt: Attempt }>(`${base}/${examId}/attempts`).then((r) => r.attempt);
export const saveAnswers = (attemptId: string, answers: Array<{ questionId: string; answer: Answer }>) =>
  http.put(`/api/v1/attempts/${attemptId}/answers`, { answers });
export const submitAttempt = (attemptId: string, answers: Array<{ questionId: string; answer: Answer }>) =>
  http.post<{ result: AttemptResult }>(`/api/v1/attempts/${attemptId}/submit`, { answers }).then((r) => r.result);
export const getResult = (attemptId: string) => http.get<{ result: AttemptResult }>(`/api/v1/attempts/${attemptId}`).then((r) => r.result);
export const reportSwitchAway = (attemptId: string) => http.post(`/api/v1/attempts/${attemptId}/switches`);

export const listExams = (cursor?: string | null) => http.get<Page<Exam>>(base, { cursor, limit: 20 });
export const createExam = (body: { title: string; passScore: number; timeLimitMin?: number }) =>
  http.post<{ exam: Exam }>(base, body).then((r) => r.exam);
