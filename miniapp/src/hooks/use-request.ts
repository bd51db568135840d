/** Load something once (and on reload): { data, error, loading, reload }. A stale answer is dropped. */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface RequestState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

export function useRequest<T>(load: () => Promise<T>, deps: unknown[] = [], enabled = true): RequestState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(enabled);
  const generation = useRef(0);

  const run = useCallback(() => {
    if (!enabled) return;
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    load().then(
      (value) => {
        if (mine !== generation.current) return;
        setData(value);
        setLoading(false);
      },
      (err) => {
        if (mine !== generation.current) return;
        setError(err);
        setLoading(false);
      },
    );
  }, [enabled, ...deps]);

  useEffect(() => {
    run();
    return () => {
      generation.current++;
    };
  }, [run]);

  return { data, error, loading, reload: run };
}
