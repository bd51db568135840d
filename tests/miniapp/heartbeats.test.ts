/**
 * useHeartbeats: what the course page sends for a reading chapter — a "playing" beat as soon as
 * it opens, one every interval while the app is visible, "paused" when hidden or closed — so the
 * server can credit its minimum reading time (the bug: nothing was ever sent for a reading chapter).
 */
const appListeners = { hide: new Set<() => void>(), show: new Set<() => void>() };
jest.mock('@tarojs/taro', () => ({
  __esModule: true,
  default: {
    onAppHide: (f: () => void) => appListeners.hide.add(f),
    onAppShow: (f: () => void) => appListeners.show.add(f),
    offAppHide: (f: () => void) => appListeners.hide.delete(f),
    offAppShow: (f: () => void) => appListeners.show.delete(f),
  },
}));
const sendHeartbeat = jest.fn();
jest.mock('../../miniapp/src/services/courses', () => ({ sendHeartbeat: (...a: unknown[]) => sendHeartbeat(...a) }));

import { act, actNow, renderHook } from './support/render-hook';
import { useHeartbeats } from '../../miniapp/src/hooks/use-heartbeats';
import { ApiError } from '../../miniapp/src/lib/api-error';

const sent = () => sendHeartbeat.mock.calls.map(([session, hb]) => [session, hb.chapterId, hb.state, hb.seq]);

beforeEach(() => {
  sendHeartbeat.mockReset();
  sendHeartbeat.mockImplementation(async (_s: string, hb: { seq: number }) => ({ progress: { chapterId: 'c1', completed: false, creditedSec: hb.seq } }));
  jest.useFakeTimers({ doNotFake: ['setTimeout', 'queueMicrotask', 'nextTick', 'setImmediate'] });
});
afterEach(() => jest.useRealTimers());

type Props = { session: string | null; chapter: string | null; reading: boolean };

describe('heartbeats for a reading chapter', () => {
  it('beats "playing" on open and every interval, "paused" while the app is hidden and on close', async () => {
    const { result, unmount } = renderHook((p: Props) => useHeartbeats(p.session, p.chapter, { intervalMs: 5000, reading: p.reading }), { session: 's1', chapter: 'c1', reading: true });
    await act();
    expect(sent()).toEqual([['s1', 'c1', 'playing', 1]]);
    actNow(() => jest.advanceTimersByTime(10_000));
    await act();
    expect(sent().slice(1)).toEqual([['s1', 'c1', 'playing', 2], ['s1', 'c1', 'playing', 3]]);
    expect(result.current.chapter).toMatchObject({ creditedSec: 3 });

    appListeners.hide.forEach((f) => f());
    await act();
    actNow(() => jest.advanceTimersByTime(30_000)); // hidden: no beats at all
    await act();
    expect(sent().slice(3)).toEqual([['s1', 'c1', 'paused', 4]]);
    appListeners.show.forEach((f) => f());
    await act();
    expect(sent().slice(4)).toEqual([['s1', 'c1', 'playing', 5]]);

    unmount();
    await act();
    expect(sent().slice(5)).toEqual([['s1', 'c1', 'paused', 6]]);
    expect(appListeners.hide.size + appListeners.show.size).toBe(0);
  });

  it('sends nothing for a video until the player plays, and nothing without a study session', async () => {
    const { result, rerender } = renderHook((p: Props) => useHeartbeats(p.session, p.chapter, { intervalMs: 5000, reading: p.reading }), { session: null as string | null, chapter: 'c1' as string | null, reading: true });
    await act();
    expect(sent()).toEqual([]);
    rerender({ session: 's1', chapter: 'v1', reading: false });
    await act();
    actNow(() => jest.advanceTimersByTime(10_000));
    await act();
    expect(sent()).toEqual([]);
    actNow(() => result.current.onState('playing'));
    await act();
    expect(sent()).toEqual([['s1', 'v1', 'playing', 1]]);
  });

  it('says when the server ended the session (the page then starts a new one)', async () => {
    sendHeartbeat.mockRejectedValue(new ApiError(409, 'study_session_ended', '学习会话已结束或超时，请重新开始 / ended'));
    const { result } = renderHook((p: Props) => useHeartbeats(p.session, p.chapter, { intervalMs: 5000, reading: p.reading }), { session: 's1', chapter: 'c1', reading: true });
    await act();
    expect(result.current.sessionEnded).toBe(true);
  });
});
