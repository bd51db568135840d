/**
 * What leaves the server about questions and attempts. Takers get questions through
 * presentTakerQuestion only — stem, options and score, never the key or the explanation — until
 * they have submitted and the exam's result visibility allows it.
 */
export interface QuestionRow {
  id: string; type: string; stem: string; options: unknown; answer: unknown; explanation: string | null; tags: unknown; difficulty: number; archived: boolean;
}
export const questionSelect = { id: true, type: true, stem: true, options: true, answer: true, explanation: true, tags: true, difficulty: true, archived: true } as const;

/** For admins who author the bank. */
export function presentQuestion(q: QuestionRow) {
  return { id: q.id, type: q.type, stem: q.stem, options: q.options ?? null, answer: q.answer, explanation: q.explanation, tags: q.tags ?? [], difficulty: q.difficulty, archived: q.archived };
}

/** For a taker during an attempt: no key, no explanation. */
export function presentTakerQuestion(q: Pick<QuestionRow, 'id' | 'type' | 'stem' | 'options'>, score: number) {
  return { id: q.id, type: q.type, stem: q.stem, options: q.options ?? null, score };
}

export const examSelect = {
  id: true, title: true, courseId: true, status: true, mode: true, rules: true, timeLimitSec: true, maxAttempts: true, passScore: true,
  resultVisibility: true, maxSwitchAways: true, opensAt: true, closesAt: true, shuffleQuestions: true, createdAt: true,
} as const;
export interface ExamRow {
  id: string; title: string; courseId: string | null; status: string; mode: string; rules: unknown; timeLimitSec: number; maxAttempts: number;
  passScore: number; resultVisibility: string; maxSwitchAways: number | null; opensAt: Date | null; closesAt: Date | null; shuffleQuestions: boolean; createdAt: Date;
}

export function presentExam(e: ExamRow, opts: { admin: boolean }) {
  return {
    id: e.id, title: e.title, courseId: e.courseId, mode: e.mode, timeLimitSec: e.timeLimitSec, maxAttempts: e.maxAttempts, passScore: e.passScore,
    resultVisibility: e.resultVisibility, maxSwitchAways: e.maxSwitchAways,
    opensAt: e.opensAt?.toISOString() ?? null, closesAt: e.closesAt?.toISOString() ?? null, shuffleQuestions: e.shuffleQuestions,
    ...(opts.admin && { status: e.status, rules: e.rules ?? null, createdAt: e.createdAt.toISOString() }),
  };
}

export const attemptSelect = {
  id: true, examId: true, memberId: true, attemptNo: true, status: true, paperId: true, startedAt: true, deadlineAt: true, submittedAt: true,
  score: true, maxScore: true, passed: true, switchAways: true, endReason: true,
} as const;
export interface AttemptRow {
  id: string; examId: string; memberId: string; attemptNo: number; status: string; paperId: string; startedAt: Date; deadlineAt: Date;
  submittedAt: Date | null; score: number | null; maxScore: number; passed: boolean | null; switchAways: number; endReason: string | null;
}

/** The attempt header; score fields only when submitted and the visibility allows. */
export function presentAttempt(a: AttemptRow, visibility: string, opts: { admin?: boolean } = {}) {
  const showScore = a.status === 'submitted' && (opts.admin || visibility !== 'hidden');
  return {
    id: a.id, examId: a.examId, memberId: a.memberId, attemptNo: a.attemptNo, status: a.status,
    startedAt: a.startedAt.toISOString(), deadlineAt: a.deadlineAt.toISOString(), submittedAt: a.submittedAt?.toISOString() ?? null,
    switchAways: a.switchAways, endReason: a.endReason,
    ...(showScore && { score: a.score, maxScore: a.maxScore, passed: a.passed }),
  };
}
