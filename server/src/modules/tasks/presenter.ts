/** What a member sees of their tasks: the task, how far along they are, and the next step. */
import { clock } from '../courses/clock';
import type { NextStep, TaskItemState, TaskProgress } from './next-step';
import { presentTask, type AssigneeStatus, type TaskRow } from './service';

function presentNext(next: NextStep | null) {
  if (!next) return null;
  if (next.kind === 'course') return { kind: next.kind, refId: next.refId, title: next.title, chapter: next.chapter };
  if (next.kind === 'exam') return { kind: next.kind, refId: next.refId, title: next.title, courseId: next.courseId ?? null };
  return { kind: next.kind, refId: next.refId, title: next.title };
}

/** A card of GET /me/tasks. */
export function presentMyTask(t: TaskRow, completed: boolean, p: TaskProgress) {
  return {
    ...presentTask(t),
    status: completed ? 'completed' : clock.now() > t.dueAt.getTime() ? 'overdue' : 'open',
    itemsDone: p.itemsDone, itemsTotal: p.itemsTotal, progress: completed ? 1 : p.progress, next: completed ? null : presentNext(p.next),
  };
}

/** `mine` of GET /tasks/:id for an assignee. */
export function presentMyProgress(items: Array<TaskItemState & { doneAt: Date | null }>, p: TaskProgress, status: AssigneeStatus, completedAt: Date | null) {
  return {
    items: items.map((i) => ({ id: i.id, kind: i.kind, refId: i.refId, done: i.done, doneAt: i.doneAt?.toISOString() ?? null })),
    status,
    completedAt: completedAt?.toISOString() ?? null,
    itemsDone: p.itemsDone, itemsTotal: p.itemsTotal, progress: completedAt ? 1 : p.progress, next: completedAt ? null : presentNext(p.next),
  };
}
