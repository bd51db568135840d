/**
 * An exam attempt on the client: the questions as the server sent them (never with answers),
 * the person's answers, and navigation. Grading happens on the server only.
 */
export type QuestionType = 'single' | 'multiple' | 'true_false' | 'fill';

export interface Question {
  id: string;
  type: QuestionType;
  stem: string;
  options?: Array<{ key: string; text: string }> | null;
  score?: number;
}

export type Answer = string[];

export interface Sheet {
  questions: Question[];
  answers: Record<string, Answer>;
  current: number;
}

export function newSheet(questions: Question[], saved: Record<string, Answer> = {}): Sheet {
  return { questions, answers: { ...saved }, current: 0 };
}

/** Picking an option: single and true/false replace, multiple toggles, fill sets the text. */
export function answer(sheet: Sheet, questionId: string, value: string): Sheet {
  const q = sheet.questions.find((x) => x.id === questionId);
  if (!q) return sheet;
  const prev = sheet.answers[questionId] ?? [];
  let next: Answer;
  if (q.type === 'multiple') next = prev.includes(value) ? prev.filter((v) => v !== value) : [...prev, value].sort();
  else if (q.type === 'fill') next = value.trim() ? [value] : [];
  else next = [value];
  return { ...sheet, answers: { ...sheet.answers, [questionId]: next } };
}

export function isAnswered(sheet: Sheet, questionId: string): boolean {
  return (sheet.answers[questionId] ?? []).length > 0;
}

export function answeredCount(sheet: Sheet): number {
  return sheet.questions.filter((q) => isAnswered(sheet, q.id)).length;
}

export function goTo(sheet: Sheet, index: number): Sheet {
  if (sheet.questions.length === 0) return sheet;
  const current = Math.min(sheet.questions.length - 1, Math.max(0, index));
  return current === sheet.current ? sheet : { ...sheet, current };
}

export function unansweredNumbers(sheet: Sheet): number[] {
  return sheet.questions.map((q, i) => (isAnswered(sheet, q.id) ? 0 : i + 1)).filter(Boolean);
}

/** The submission body: every question, answered or not, in the paper's order. */
export function submission(sheet: Sheet): Array<{ questionId: string; answer: Answer }> {
  return sheet.questions.map((q) => ({ questionId: q.id, answer: sheet.answers[q.id] ?? [] }));
}

export function confirmText(sheet: Sheet): string {
  const missing = unansweredNumbers(sheet);
  return missing.length ? `还有 ${missing.length} 题未作答（第 ${missing.slice(0, 5).join('、')}${missing.length > 5 ? ' 等' : ''} 题），确定交卷吗？` : '确定交卷吗？交卷后不能修改。';
}

/** The server's answer shapes: single and fill a string, multiple a list, true/false a boolean. */
export type ServerAnswer = string | boolean | string[];

export function toServerAnswer(type: QuestionType | string, a: Answer): ServerAnswer {
  if (type === 'multiple') return [...a];
  if (type === 'true_false') return a[0] === 'true';
  return a[0] ?? '';
}

export function fromServerAnswer(given: ServerAnswer | null | undefined): Answer {
  if (given === null || given === undefined) return [];
  if (typeof given === 'boolean') return [String(given)];
  if (Array.isArray(given)) return given.map(String);
  return given === '' ? [] : [given];
}
