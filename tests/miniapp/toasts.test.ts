import { ToastStore, type Toast } from '../../miniapp/src/lib/toasts';

describe('toast notices', () => {
  it('show newest first, drop the oldest past the limit, merge repeats and expire (errors later)', () => {
    const timers: Array<{ fn: () => void; ms: number }> = [];
    const store = new ToastStore((fn, ms) => timers.push({ fn, ms }), 3);
    const seen: Toast[][] = [];
    store.subscribe((t) => seen.push(t));
    store.show('success', '已保存');
    const err = store.show('error', '操作失败：网络异常');
    store.show('info', '已开始导出');
    store.show('success', '已保存');
    expect(store.current().map((t) => t.text)).toEqual(['已保存', '已开始导出', '操作失败：网络异常']);
    store.show('success', '第五条');
    expect(store.current()).toHaveLength(3);
    expect(timers.map((t) => t.ms)).toEqual([2500, 6000, 2500, 2500, 2500]);
    store.dismiss(err);
    expect(store.current().some((t) => t.id === err)).toBe(false);
    for (const t of timers) t.fn();
    expect(store.current()).toEqual([]);
    expect(seen.length).toBeGreaterThan(4);
  });
});
