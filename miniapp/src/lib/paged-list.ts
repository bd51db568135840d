/**
 * State of a cursor-paginated list (`{ items, nextCursor }` from the server) as a pure reducer, so
 * the rules are testable without a renderer: a stale answer (from before a reload) is dropped, a
 * page is never requested twice, and an error keeps what was already loaded.
 */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedState<T> {
  items: T[];
  nextCursor: string | null;
  /** Bumped on every reload: answers carrying an older generation are ignored. */
  generation: number;
  status: 'idle' | 'loading' | 'loading-more' | 'done' | 'error';
  error: unknown;
  loadedOnce: boolean;
}

export type PagedAction<T> =
  | { type: 'reload' }
  | { type: 'more' }
  | { type: 'page'; generation: number; page: Page<T>; append: boolean }
  | { type: 'failed'; generation: number; error: unknown };

export function initialPaged<T>(): PagedState<T> {
  return { items: [], nextCursor: null, generation: 0, status: 'idle', error: null, loadedOnce: false };
}

export function pagedReducer<T>(state: PagedState<T>, action: PagedAction<T>): PagedState<T> {
  switch (action.type) {
    case 'reload':
      return { ...state, generation: state.generation + 1, status: 'loading', error: null };
    case 'more':
      if (!canLoadMore(state)) return state;
      return { ...state, status: 'loading-more', error: null };
    case 'page':
      if (action.generation !== state.generation) return state;
      return {
        ...state,
        items: action.append ? [...state.items, ...action.page.items] : action.page.items,
        nextCursor: action.page.nextCursor,
        status: action.page.nextCursor ? 'idle' : 'done',
        error: null,
        loadedOnce: true,
      };
    case 'failed':
      if (action.generation !== state.generation) return state;
      return { ...state, status: 'error', error: action.error, loadedOnce: state.loadedOnce };
    default:
      return state;
  }
}

export function canLoadMore<T>(state: PagedState<T>): boolean {
  return state.loadedOnce && !!state.nextCursor && (state.status === 'idle' || state.status === 'error');
}

/** What the list shows: first load, an empty list, an error with nothing loaded, or the items. */
export function pagedView<T>(state: PagedState<T>): 'loading' | 'empty' | 'error' | 'list' {
  if (!state.loadedOnce) return state.status === 'error' ? 'error' : 'loading';
  return state.items.length === 0 ? 'empty' : 'list';
}
