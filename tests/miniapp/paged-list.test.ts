import { canLoadMore, initialPaged, pagedReducer, pagedView, type PagedState } from '../../miniapp/src/lib/paged-list';

type S = PagedState<number>;
const page = (items: number[], nextCursor: string | null) => ({ items, nextCursor });

describe('paged list reducer', () => {
  it('loads, appends and reaches the end', () => {
    let s: S = pagedReducer(initialPaged<number>(), { type: 'reload' });
    expect(pagedView(s)).toBe('loading');
    s = pagedReducer(s, { type: 'page', generation: 1, page: page([1, 2], 'c2'), append: false });
    expect(s.items).toEqual([1, 2]);
    expect(canLoadMore(s)).toBe(true);
    s = pagedReducer(s, { type: 'more' });
    expect(s.status).toBe('loading-more');
    expect(canLoadMore(s)).toBe(false); // never the same page twice
    s = pagedReducer(s, { type: 'page', generation: 1, page: page([3], null), append: true });
    expect(s.items).toEqual([1, 2, 3]);
    expect(s.status).toBe('done');
    expect(canLoadMore(s)).toBe(false);
  });

  it('drops an answer from before a reload', () => {
    let s: S = pagedReducer(initialPaged<number>(), { type: 'reload' });
    s = pagedReducer(s, { type: 'reload' });
    s = pagedReducer(s, { type: 'page', generation: 1, page: page([9], null), append: false });
    expect(s.items).toEqual([]);
    s = pagedReducer(s, { type: 'page', generation: 2, page: page([1], null), append: false });
    expect(s.items).toEqual([1]);
  });

  it('shows an error when nothing loaded, keeps items when a later page fails', () => {
    let s: S = pagedReducer(initialPaged<number>(), { type: 'reload' });
    s = pagedReducer(s, { type: 'failed', generation: 1, error: new Error('x') });
    expect(pagedView(s)).toBe('error');
    s = pagedReducer(s, { type: 'reload' });
    s = pagedReducer(s, { type: 'page', generation: 2, page: page([1], 'c'), append: false });
    s = pagedReducer(s, { type: 'more' });
    s = pagedReducer(s, { type: 'failed', generation: 2, error: new Error('y') });
    expect(pagedView(s)).toBe('list');
    expect(s.items).toEqual([1]);
    expect(canLoadMore(s)).toBe(true); // retry
  });

  it('knows an empty list', () => {
    let s: S = pagedReducer(initialPaged<number>(), { type: 'reload' });
    s = pagedReducer(s, { type: 'page', generation: 1, page: page([], null), append: false });
    expect(pagedView(s)).toBe('empty');
  });
});
