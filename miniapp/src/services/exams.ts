/** Exams: attempts (questions without answers), answers, submission, results; the question bank. */
import { fromServerAnswer, toServerAnswer, type Answer, type Question, type ServerAnswer } from '../lib/answer-sheet';
import type { ReviewQuestion } from '../lib/answer-review';
import { http } from './http';
import type { Page } from './types';

export interface Exam {
  id: string;
  title: string;
  status?: 'draft' | 'published' | 'closed' | string;
  timeLimitSec?: number;
  passScore?: number;
  maxAttempts?: number;
  resultVisibility?: 'hidden' | 'score' | 'full' | string;
  maxSwitchAways?: number | null;
  opensAt?: string | null;
  closesAt?: string | null;
  shuffleQuestions?: boolean;
  courseId?: string | null;
}

export interface AttemptHeader {
  id: string;
  examId: string;
  status: 'in_progress' | 'submitted' | string;
  deadlineAt: string;
  submittedAt: string | null;
  endReason?: string | null;
  score?: number | null;
  maxScore?: number | null;
  passed?: boolean | null;
}

export interface Attempt {
  attempt: AttemptHeader;
  questions: Question[];
  answers: Record<string, Answer>;
}

interface OpenAttempt {
  attempt: AttemptHeader;
  questions: Question[];
  answers: Array<{ questionId: string; answer: ServerAnswer }>;
}

export const startAttempt = (examId: string): Promise<Attempt> =>
  http.post<OpenAttempt>(`/api/v1/exams/${examId}/attempts`).then((r) => ({
    attempt: r.attempt,
    questions: r.questions,
    answers: Object.fromEntries(r.answers.map((a) => [a.questionId, fromServerAnswer(a.answer)])),
  }));

const wire = (questions: Question[], answers: Array<{ questionId: string; answer: Answer }>) => {
  const types = new Map(questions.map((q) => [q.id, q.type]));
  return answers.filter((a) => a.answer.length > 0).map((a) => ({ questionId: a.questionId, answer: toServerAnswer(types.get(a.questionId) ?? 'single', a.answer) }));
};

export const saveAnswers = (attemptId: string, questions: Question[], answers: Array<{ questionId: string; answer: Answer }>) => {
  const body = wire(questions, answers);
  return body.length ? http.put(`/api/v1/attempts/${attemptId}/answers`, { answers: body }) : Promise.resolve();
};

/** Saves what is answered, then submits; submitting twice is harmless on the server. */
export async function submitAttempt(attemptId: string, questions: Question[], answers: Array<{ questionId: string; answer: Answer }>) {
  await saveAnswers(attemptId, questions, answers);
  return http.post<{ attempt: AttemptHeader }>(`/api/v1/attempts/${attemptId}/submit`).then((r) => r.attempt);
}
/** The attempt, with the answer review when it is submitted and the exam shows answers (结果可见性: 分数与答案解析). */
export const getResult = (attemptId: string) => http.get<{ attempt: AttemptHeader; questions?: ReviewQuestion[] }>(`/api/v1/attempts/${attemptId}`);
export const reportSwitchAway = (attemptId: string) => http.post(`/api/v1/attempts/${attemptId}/switch-away`);

export const listExams = (cursor?: string | null) => http.get<Page<Exam>>('/api/v1/exams', { cursor, limit: 20 });
export interface ExamSettings {
  title?: string;
  timeLimitSec?: number;
  maxAttempts?: number;
  passScore?: number;
  resultVisibility?: string;
  maxSwitchAways?: number | null;
  opensAt?: string | null;
  closesAt?: string | null;
  shuffleQuestions?: boolean;
}
export const updateExam = (id: string, body: ExamSettings) => http.patch<{ exam: Exam }>(`/api/v1/exams/${id}`, body).then((r) => r.exam);
export const closeExam = (id: string) => http.post(`/api/v1/exams/${id}/close`);
/** Only an exam nobody has taken and no course or task names; otherwise 409 exam_in_use (close it instead). */
export const deleteExam = (id: string) => http.del(`/api/v1/exams/${id}`);
export const createExam = (body: { title: string; passScore: number; timeLimitSec?: number; courseId?: string }) =>
  http.post<{ exam: Exam }>('/api/v1/exams', body).then((r) => r.exam);

export interface BankQuestion {
  id: string;
  type: string;
  stem: string;
  options?: Array<{ key: string; text: string }> | null;
  answer?: Array<string | boolean>;
  explanation?: string | null;
  tags?: string[];
  difficulty?: number;
}
export type QuestionInput = Omit<BankQuestion, 'id'>;
export const createQuestion = (body: QuestionInput) => http.post<{ question: BankQuestion }>('/api/v1/questions', body).then((r) => r.question);
export const updateQuestion = (id: string, body: Partial<QuestionInput>) => http.patch<{ question: BankQuestion }>(`/api/v1/questions/${id}`, body).then((r) => r.question);
/** Archives it: it leaves the bank; papers and past attempts that name it keep it. */
export const deleteQuestion = (id: string) => http.del(`/api/v1/questions/${id}`);
export const listQuestions = (cursor?: string | null) => http.get<Page<BankQuestion>>('/api/v1/questions', { cursor, limit: 50 });
/** A fixed paper: the questions and their scores, in order. */
export const setPaper = (examId: string, questions: Array<{ questionId: string; score: number }>) =>
  http.put<{ questions: number; totalScore: number }>(`/api/v1/exams/${examId}/questions`, { questions });
export const publishExam = (examId: string) => http.post(`/api/v1/exams/${examId}/publish`);
