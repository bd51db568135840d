/**
 * The answer review after an exam (when the exam's result visibility is 分数与答案解析): each
 * question with the person's answer and the right one, in words — option letters with their
 * text, 正确/错误 for true/false, the text written for fill-ins.
 */
import { fromServerAnswer, type QuestionType, type ServerAnswer } from './answer-sheet';

export interface ReviewQuestion {
  id: string;
  type?: QuestionType | string;
  stem?: string;
  options?: Array<{ key: string; text: string }> | null;
  score?: number;
  yourAnswer: ServerAnswer | null;
  correctAnswer: Array<string | boolean> | null;
  explanation?: string | null;
  correct: boolean;
}

export const typeLabel: Record<string, string> = { single: '单选题', multiple: '多选题', true_false: '判断题', fill: '填空题' };

/** An answer in words; '未作答' when there is none. */
export function answerText(q: Pick<ReviewQuestion, 'type' | 'options'>, given: ServerAnswer | Array<string | boolean> | null | undefined): string {
  const values = Array.isArray(given) ? given.map(String) : fromServerAnswer(given as ServerAnswer | null | undefined);
  if (!values.length) return '未作答';
  if (q.type === 'true_false') return values[0] === 'true' ? '正确' : '错误';
  if (q.type === 'fill') return values.join(' / ');
  const text = new Map((q.options ?? []).map((o) => [o.key, o.text]));
  return [...values].sort().map((k) => (text.has(k) ? `${k}. ${text.get(k)}` : k)).join('；');
}

/** How many were right, for the summary line above the review. */
export function reviewSummary(questions: ReviewQuestion[]): string {
  const right = questions.filter((q) => q.correct).length;
  return `共 ${questions.length} 题，答对 ${right} 题`;
}
