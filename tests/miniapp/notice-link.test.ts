/** lib/notice-link: an inbox notice opens the page it is about. */
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: {} }));
import { noticeTarget } from '../../miniapp/src/lib/notice-link';

describe('inbox notices open what they are about', () => {
  it('maps the stored mini-program path onto a page of the app', () => {
    expect(noticeTarget({ kind: 'task.assigned', link: '/pages/tasks/index?id=t1' })).toEqual({ path: '/pages/tasks/index', params: { id: 't1' } });
    // Notices stored before the link named the task list still lead there.
    expect(noticeTarget({ kind: 'task.assigned', link: '/pages/task/detail?id=t1' })).toEqual({ path: '/pages/tasks/index', params: {} });
    expect(noticeTarget({ kind: 'x', link: '/packages/course/pages/detail/index?id=c%201' })).toEqual({ path: '/packages/course/pages/detail/index', params: { id: 'c 1' } });
    expect(noticeTarget({ kind: 'exam.graded', link: 'gone?attemptId=a1' })).toEqual({ path: '/packages/exam/pages/result/index', params: { attemptId: 'a1' } });
    expect(noticeTarget({ kind: 'system', link: null })).toBeNull();
    expect(noticeTarget({ kind: 'system', link: 'https://evil.example.com/?%E0%A4%A=1' })).toBeNull();
  });
});
