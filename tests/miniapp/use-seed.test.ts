/**
 * useSeed: a form seeded from loaded data renders its inputs only once they have their values —
 * never a render with the inputs shown and the value still empty (the Taro H5 watchValue race).
 */
import { act, React, renderHook } from './support/render-hook';
import { useSeed } from '../../miniapp/src/hooks/use-seed';

describe('useSeed', () => {
  it('is ready in the same render the fields get their values, and re-seeds on reload', async () => {
    const renders: Array<{ seeded: boolean; value: string }> = [];
    const { rerender } = renderHook(({ data }: { data: { hours: number } | null }) => {
      const [value, setValue] = React.useState('');
      const seeded = useSeed(data, (d) => setValue(String(d.hours)));
      renders.push({ seeded, value });
      return seeded;
    }, { data: null as { hours: number } | null });
    await act();
    expect(renders.every((r) => !r.seeded)).toBe(true);
    await rerender({ data: { hours: 24 } });
    await act();
    const first = renders.find((r) => r.seeded)!;
    expect(first).toEqual({ seeded: true, value: '24' });
    await rerender({ data: { hours: 30 } });
    await act();
    expect(renders[renders.length - 1]).toEqual({ seeded: true, value: '30' });
  });
});
