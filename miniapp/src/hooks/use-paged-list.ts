/** A cursor-paginated list: first page on mount (and when deps change), more on demand. */
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { canLoadMore, initialPaged, pagedReducer, pagedView, type Page, type PagedAction, type PagedState } from '../lib/paged-list';

export function usePagedList<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>, deps: unknown[] = []) {
  const [state, dispatch] = useReducer(pagedReducer as (s: PagedState<T>, a: PagedAction<T>) => PagedState<T>, undefined, initialPaged<T>);
  const ref = useRef(state);
  ref.current = state;
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback((append: boolean) => {
    const generation = ref.current.generation + (append ? 0 : 1);
    const cursor = append ? ref.current.nextCursor : null;
    dispatch(append ? { type: 'more' } : { type: 'reload' });
    fetchRef.current(cursor).then(
      (page) => dispatch({ type: 'page', generation, page, append }),
      (error) => dispatch({ type: 'failed', generation, error }),
    );
  }, []);

  const reload = useCallback(() => load(false), [load]);
  const loadMore = useCallback(() => {
    if (canLoadMore(ref.current)) load(true);
  }, [load]);

  useEffect(reload, deps);

  return { ...state, view: pagedView(state), hasMore: !!state.nextCursor, reload, loadMore };
}

/** What `usePagedList` returns: the list's state plus its view, `hasMore`, `reload` and `loadMore`. */
export type PagedList<T> = ReturnType<typeof usePagedList<T>>;
