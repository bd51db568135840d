/**
 * A member's progress through tasks, for the task cards: how much is done and what comes next.
 *
 * Progress counts each item as one part; a course not yet complete counts in part — its chapters
 * completed out of its chapters and its exam — so a card moves as chapters are finished, not only
 * when a course is done.
 * The next step is the first unfinished item in the task's order: for a course, its first
 * unfinished chapter — or, with every chapter done, the course's exam.
 */
import type { TenantDb } from '../../core/tenancy';
import { recordItemDone } from './completion';

export interface TaskItemState {
  id: string;
  kind: string;
  refId: string;
  done: boolean;
}

export type NextStep =
  | { kind: 'course'; refId: string; title: string; chapter: { id: string; title: string; number: number } | null }
  | { kind: 'exam'; refId: string; title: string; courseId?: string }
  | { kind: 'document'; refId: string; title: string };

export interface TaskProgress {
  itemsDone: number;
  itemsTotal: number;
  /** 0..1, chapters of unfinished courses counted in part. */
  progress: number;
  next: NextStep | null;
}

/**
 * The member's items of each task, in order, done or not. A document viewed in the knowledge base
 * counts as read: such views not yet credited are credited here (and may complete a task).
 */
export async function memberItems(db: TenantDb, tenantId: string, memberId: string, taskIds: string[]): Promise<Map<string, Array<TaskItemState & { doneAt: Date | null }>>> {
  const out = new Map<string, Array<TaskItemState & { doneAt: Date | null }>>(taskIds.map((id) => [id, []]));
  if (!taskIds.length) return out;
  const items = await db.taskItem.findMany({ where: { taskId: { in: taskIds } }, orderBy: { sortOrder: 'asc' }, select: { id: true, taskId: true, kind: true, refId: true } });
  const doneRows = () => db.taskItemDone.findMany({ where: { taskId: { in: taskIds }, memberId }, select: { itemId: true, doneAt: true } });
  let done = await doneRows();
  const unread = [...new Set(items.filter((i) => i.kind === 'document' && !done.some((d) => d.itemId === i.id)).map((i) => i.refId))];
  if (unread.length) {
    const views = await db.kbView.findMany({ where: { memberId, nodeId: { in: unread } }, select: { nodeId: true, firstViewedAt: true } });
    for (const v of views) await recordItemDone(db, tenantId, memberId, 'document', v.nodeId, v.firstViewedAt);
    if (views.length) done = await doneRows();
  }
  const doneAt = new Map(done.map((d) => [d.itemId, d.doneAt]));
  for (const i of items) out.get(i.taskId)!.push({ id: i.id, kind: i.kind, refId: i.refId, done: doneAt.has(i.id), doneAt: doneAt.get(i.id) ?? null });
  return out;
}

/** Progress and next step of each task, from a handful of batched reads whatever the number of tasks. */
export async function tasksProgress(db: TenantDb, memberId: string, tasks: Array<{ taskId: string; items: TaskItemState[] }>): Promise<Map<string, TaskProgress>> {
  const open = tasks.flatMap((t) => t.items.filter((i) => !i.done));
  const ids = (kind: string) => [...new Set(open.filter((i) => i.kind === kind).map((i) => i.refId))];
  const courseIds = ids('course');
  const [courses, chapters, progressRows, docs] = await Promise.all([
    courseIds.length ? db.course.findMany({ where: { id: { in: courseIds } }, select: { id: true, title: true, examId: true } }) : [],
    courseIds.length ? db.chapter.findMany({ where: { courseId: { in: courseIds } }, select: { id: true, courseId: true, title: true, sortOrder: true }, orderBy: [{ sortOrder: 'asc' }, { createdAt: 'asc' }] }) : [],
    courseIds.length ? db.chapterProgress.findMany({ where: { memberId, courseId: { in: courseIds }, completed: true }, select: { chapterId: true } }) : [],
    ids('document').length ? db.kbNode.findMany({ where: { id: { in: ids('document') } }, select: { id: true, title: true } }) : [],
  ]);
  const examIds = [...new Set([...ids('exam'), ...courses.map((c) => c.examId).filter((e): e is string => !!e)])];
  const exams = examIds.length ? await db.exam.findMany({ where: { id: { in: examIds } }, select: { id: true, title: true } }) : [];

  const course = new Map(courses.map((c) => [c.id, c]));
  const examTitle = new Map(exams.map((e) => [e.id, e.title]));
  const docTitle = new Map(docs.map((d) => [d.id, d.title]));
  const doneChapters = new Set(progressRows.map((p) => p.chapterId));
  const chaptersOf = new Map<string, typeof chapters>();
  for (const c of chapters) chaptersOf.set(c.courseId, [...(chaptersOf.get(c.courseId) ?? []), c]);

  const stepOf = (item: TaskItemState): NextStep | null => {
    if (item.kind === 'exam') return { kind: 'exam', refId: item.refId, title: examTitle.get(item.refId) ?? '考试' };
    if (item.kind === 'document') return { kind: 'document', refId: item.refId, title: docTitle.get(item.refId) ?? '文档' };
    const c = course.get(item.refId);
    if (!c) return null;
    const list = chaptersOf.get(c.id) ?? [];
    const at = list.findIndex((ch) => !doneChapters.has(ch.id));
    if (at >= 0) return { kind: 'course', refId: c.id, title: c.title, chapter: { id: list[at].id, title: list[at].title, number: at + 1 } };
    // Every chapter done but the course is not: what is left is its exam.
    if (c.examId) return { kind: 'exam', refId: c.examId, title: examTitle.get(c.examId) ?? '考试', courseId: c.id };
    return { kind: 'course', refId: c.id, title: c.title, chapter: null };
  };

  const share = (item: TaskItemState): number => {
    if (item.done) return 1;
    if (item.kind !== 'course') return 0;
    const list = chaptersOf.get(item.refId) ?? [];
    const parts = list.length + (course.get(item.refId)?.examId ? 1 : 0);
    return parts ? list.filter((ch) => doneChapters.has(ch.id)).length / parts : 0;
  };

  const out = new Map<string, TaskProgress>();
  for (const t of tasks) {
    const total = t.items.length;
    const done = t.items.filter((i) => i.done).length;
    const firstOpen = t.items.find((i) => !i.done);
    const progress = total ? t.items.reduce((s, i) => s + share(i), 0) / total : 0;
    out.set(t.taskId, { itemsDone: done, itemsTotal: total, progress: Math.round(progress * 1000) / 1000, next: firstOpen ? stepOf(firstOpen) : null });
  }
  return out;
}
