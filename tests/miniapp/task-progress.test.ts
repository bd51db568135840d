/** lib/task-progress and lib/answer-review: what a task card and an exam review say, in Chinese. */
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }));
import { nextStepLabel, nextStepTarget, percentDone } from '../../miniapp/src/lib/task-progress';
import { answerText, reviewSummary } from '../../miniapp/src/lib/answer-review';

describe('task cards', () => {
  it('say how much is done, never 100% before the end nor 0% once started', () => {
    expect(percentDone({ progress: 0.444 })).toBe(44);
    expect(percentDone({ progress: 0.001 })).toBe(1);
    expect(percentDone({ progress: 0.999 })).toBe(99);
    expect(percentDone({ progress: 0 })).toBe(0);
    expect(percentDone({ status: 'completed' })).toBe(100);
    expect(percentDone({})).toBeNull();
  });

  it('say what is next and open it', () => {
    expect(nextStepLabel({ kind: 'course', refId: 'c1', title: '消防安全', chapter: { id: 'ch3', title: '疏散', number: 3 } })).toBe('下一步：学习《消防安全》第3章');
    expect(nextStepLabel({ kind: 'course', refId: 'c1', title: '消防安全', chapter: null })).toBe('下一步：学习《消防安全》');
    expect(nextStepLabel({ kind: 'exam', refId: 'e1', title: '消防考试', courseId: 'c1' })).toBe('下一步：参加考试《消防考试》');
    expect(nextStepLabel({ kind: 'document', refId: 'd1', title: '员工手册' })).toBe('下一步：阅读《员工手册》');
    expect(nextStepLabel(null)).toBeNull();
    expect(nextStepTarget({ kind: 'exam', refId: 'e1', title: 'x', courseId: 'c1' }, 't1')).toEqual({ path: '/packages/exam/pages/take/index', params: { id: 'e1', courseId: 'c1' } });
    expect(nextStepTarget({ kind: 'document', refId: 'd1', title: 'x' }, 't1')).toEqual({ path: '/packages/knowledge/pages/doc/index', params: { id: 'd1', taskId: 't1' } });
    expect(nextStepTarget({ kind: 'course', refId: 'c1', title: 'x', chapter: null }, 't1')).toEqual({ path: '/packages/course/pages/detail/index', params: { id: 'c1' } });
  });
});

describe('the answer review', () => {
  const options = [{ key: 'A', text: '甲' }, { key: 'B', text: '乙' }, { key: 'C', text: '丙' }];
  it('puts answers in words', () => {
    expect(answerText({ type: 'single', options }, 'B')).toBe('B. 乙');
    expect(answerText({ type: 'multiple', options }, ['C', 'A'])).toBe('A. 甲；C. 丙');
    expect(answerText({ type: 'true_false' }, false)).toBe('错误');
    expect(answerText({ type: 'true_false' }, [true])).toBe('正确');
    expect(answerText({ type: 'fill' }, ['答案', '答复'])).toBe('答案 / 答复');
    expect(answerText({ type: 'single', options }, null)).toBe('未作答');
    expect(answerText({ type: 'fill' }, '')).toBe('未作答');
    expect(reviewSummary([{ id: '1', correct: true, yourAnswer: 'A', correctAnswer: ['A'] }, { id: '2', correct: false, yourAnswer: null, correctAnswer: ['B'] }])).toBe('共 2 题，答对 1 题');
  });
});
