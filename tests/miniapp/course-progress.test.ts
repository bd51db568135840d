/** lib/course-progress: % done and what is next for a learner; reading time left. */
import { courseStep, readingStatus } from '../../miniapp/src/lib/course-progress';

const chapters = [{ id: 'c1', title: '第一章' }, { id: 'c2', title: '第二章' }, { id: 'c3', title: '第三章' }];
const status = (o: Partial<{ examRequired: boolean; examPassed: boolean; completedAt: string | null }> = {}) => ({ chaptersDone: 0, chaptersTotal: 3, examRequired: false, examPassed: false, completedAt: null, ...o });

describe('course progress for the learner', () => {
  it('counts chapters and the exam as steps and names the next one', () => {
    expect(courseStep(chapters, [], status())).toEqual({ percent: 0, next: '学习「第一章」', nextChapterId: 'c1', complete: false });
    const two = [{ chapterId: 'c1', completed: true }, { chapterId: 'c3', completed: true }, { chapterId: 'c2', completed: false }];
    expect(courseStep(chapters, two, status())).toMatchObject({ percent: 67, next: '学习「第二章」', nextChapterId: 'c2' });
    const all = chapters.map((c) => ({ chapterId: c.id, completed: true }));
    expect(courseStep(chapters, all, status({ examRequired: true }))).toMatchObject({ percent: 75, next: '参加课程考试', nextChapterId: null });
    expect(courseStep(chapters, all, status({ examRequired: true, examPassed: true, completedAt: '2026-03-01T00:00:00Z' }))).toEqual({ percent: 100, next: '已完成', nextChapterId: null, complete: true });
    expect(courseStep([], [], null)).toMatchObject({ percent: 0 });
  });

  it('tells the reader how much reading time is left, from the server\'s credited time', () => {
    expect(readingStatus(12, 30, false)).toBe('已阅读 12 秒，再阅读 18 秒即可完成本章（页面在前台时计时）');
    expect(readingStatus(undefined, 30, false)).toContain('再阅读 30 秒');
    expect(readingStatus(30, 30, false)).toBe('即将完成…');
    expect(readingStatus(5, 30, true)).toBe('本章已完成');
  });
});
