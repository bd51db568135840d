/** The hooks on React 18 (react-test-renderer): pagination, stale answers, countdown. */
import { act, actNow, renderHook } from './support/render-hook';
import { usePagedList } from '../../miniapp/src/hooks/use-paged-list';
import { useRequest } from '../../miniapp/src/hooks/use-request';
import { useCountdown } from '../../miniapp/src/hooks/use-countdown';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('usePagedList', () => {
  it('loads the first page, then more on demand, asking with the cursor', async () => {
    const calls: Array<string | null> = [];
    const fetchPage = async (cursor: string | null) => {
      calls.push(cursor);
      return cursor ? { items: [3], nextCursor: null } : { items: [1, 2], nextCursor: 'c2' };
    };
    const { result } = renderHook(() => usePagedList(fetchPage), {});
    await act();
    expect(result.current.items).toEqual([1, 2]);
    expect(result.current.hasMore).toBe(true);
    await act(() => result.current.loadMore());
    await act(() => result.current.loadMore()); // at the end: no further request
    expect(result.current.items).toEqual([1, 2, 3]);
    expect(result.current.view).toBe('list');
    expect(calls).toEqual([null, 'c2']);
  });

  it('reloads when its deps change and ignores the earlier answer', async () => {
    const pending: Record<string, ReturnType<typeof deferred<{ items: string[]; nextCursor: null }>>> = { a: deferred(), b: deferred() };
    const { result, rerender } = renderHook(({ q }: { q: string }) => usePagedList(() => pending[q].promise, [q]), { q: 'a' });
    await rerender({ q: 'b' });
    await act(() => pending.b.resolve({ items: ['from b'], nextCursor: null }));
    await act(() => pending.a.resolve({ items: ['from a'], nextCursor: null }));
    expect(result.current.items).toEqual(['from b']);
  });

  it('reports an error to show, and recovers on reload', async () => {
    let fail = true;
    const { result } = renderHook(() => usePagedList(async () => {
      if (fail) throw new Error('boom');
      return { items: [1], nextCursor: null };
    }), {});
    await act();
    expect(result.current.view).toBe('error');
    fail = false;
    await act(() => result.current.reload());
    expect(result.current.view).toBe('list');
  });
});

describe('useRequest', () => {
  it('goes loading → data, and loading → error on reload failure', async () => {
    let n = 0;
    const { result } = renderHook(() => useRequest(async () => {
      n += 1;
      if (n === 2) throw new Error('second fails');
      return n;
    }, []), {});
    expect(result.current.loading).toBe(true);
    await act();
    expect(result.current).toMatchObject({ loading: false, data: 1, error: null });
    await act(() => result.current.reload());
    expect(result.current.loading).toBe(false);
    expect((result.current.error as Error).message).toBe('second fails');
  });

  it('does nothing while disabled', async () => {
    const load = jest.fn(async () => 1);
    const { result } = renderHook(() => useRequest(load, [], false), {});
    await act();
    expect(load).not.toHaveBeenCalled();
    expect(result.current.loading).toBe(false);
  });
});

describe('useCountdown', () => {
  it('counts down to the server deadline and stops at zero', () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    try {
      const { result } = renderHook(() => useCountdown('2026-01-01T00:00:03Z'), {});
      expect(result.current).toBe(3);
      actNow(() => jest.advanceTimersByTime(2000));
      expect(result.current).toBe(1);
      actNow(() => jest.advanceTimersByTime(5000));
      expect(result.current).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('is null without a time limit', () => {
    const { result } = renderHook(() => useCountdown(null), {});
    expect(result.current).toBeNull();
  });
});
