/** A task card's progress: the share done as a whole percent, and the next step in words and as a page. */
import { routes } from './routes';
import type { QueryValue } from './query';

export type NextStep =
  | { kind: 'course'; refId: string; title: string; chapter: { id: string; title: string; number: number } | null }
  | { kind: 'exam'; refId: string; title: string; courseId?: string | null }
  | { kind: 'document'; refId: string; title: string };

/** 0..100, or null when the server did not say (a completed task is 100). */
export function percentDone(task: { progress?: number; status?: string }): number | null {
  if (task.status === 'completed') return 100;
  if (typeof task.progress !== 'number' || Number.isNaN(task.progress)) return null;
  // Never round an unfinished task up to 100, nor a started one down to 0.
  const pct = Math.round(Math.min(1, Math.max(0, task.progress)) * 100);
  if (task.progress > 0 && pct === 0) return 1;
  if (task.progress < 1 && pct === 100) return 99;
  return pct;
}

export function nextStepLabel(next: NextStep | null | undefined): string | null {
  if (!next) return null;
  if (next.kind === 'course') return `下一步：学习《${next.title}》${next.chapter ? `第${next.chapter.number}章` : ''}`;
  if (next.kind === 'exam') return `下一步：参加考试《${next.title}》`;
  return `下一步：阅读《${next.title}》`;
}

/** The page that carries out the next step: the course, the exam (from its course when it has one), or the document. */
export function nextStepTarget(next: NextStep, taskId: string): { path: string; params: Record<string, QueryValue> } {
  if (next.kind === 'course') return { path: routes.course, params: { id: next.refId } };
  if (next.kind === 'exam') return { path: routes.exam, params: next.courseId ? { id: next.refId, courseId: next.courseId } : { id: next.refId } };
  return { path: routes.doc, params: { id: next.refId, taskId } };
}
