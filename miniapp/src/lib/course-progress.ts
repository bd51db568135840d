/** A course's progress as a learner reads it: % done, what is next, reading time left (pure). */

export interface ChapterRef {
  id: string;
  title: string;
}

export interface ChapterState {
  chapterId: string;
  completed: boolean;
  creditedSec?: number;
  minReadSec?: number | null;
}

export interface CourseState {
  chaptersDone: number;
  chaptersTotal: number;
  examRequired: boolean;
  examPassed: boolean;
  completedAt: string | null;
}

export interface CourseStep {
  /** 0–100: chapters done, with the exam (when there is one) counting as one more step. */
  percent: number;
  /** The next thing to do, in words: 学习「第2章」 · 参加课程考试 · 已完成. */
  next: string;
  nextChapterId: string | null;
  complete: boolean;
}

export function courseStep(chapters: ChapterRef[], progress: ChapterState[], status: CourseState | null | undefined): CourseStep {
  const done = new Set(progress.filter((p) => p.completed).map((p) => p.chapterId));
  const examStep = status?.examRequired ? 1 : 0;
  const steps = chapters.length + examStep;
  const finished = chapters.filter((c) => done.has(c.id)).length + (examStep && status?.examPassed ? 1 : 0);
  const complete = !!status?.completedAt;
  const nextChapter = chapters.find((c) => !done.has(c.id)) ?? null;
  const percent = complete ? 100 : steps ? Math.min(99, Math.round((finished / steps) * 100)) : 0;
  let next = '已完成';
  if (!complete) next = nextChapter ? `学习「${nextChapter.title}」` : examStep && !status?.examPassed ? '参加课程考试' : '等待课程完成';
  return { percent, next, nextChapterId: complete ? null : (nextChapter?.id ?? null), complete };
}

/** What the reader of a reading chapter sees: time credited by the server against its minimum. */
export function readingStatus(creditedSec: number | undefined, minReadSec: number | null | undefined, completed: boolean): string {
  if (completed) return '本章已完成';
  const need = Math.max(0, Math.ceil((minReadSec ?? 0) - (creditedSec ?? 0)));
  if (need === 0) return '即将完成…';
  return `已阅读 ${Math.floor(creditedSec ?? 0)} 秒，再阅读 ${need} 秒即可完成本章（页面在前台时计时）`;
}
