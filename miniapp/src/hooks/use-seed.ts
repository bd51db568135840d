import { useEffect, useState } from 'react';

/**
 * Seeds a form's fields from loaded data and says when that is done: the form renders its inputs
 * only then, so each input is created with its value. Setting a value on a just-created input
 * instead races Taro H5's input component, whose value watcher runs before its inner <input>
 * exists (`watchValue` reading undefined.value). Later reloads re-seed the inputs in place.
 */
export function useSeed<T>(data: T | null | undefined, seed: (data: T) => void): boolean {
  const [seeded, setSeeded] = useState(false);
  useEffect(() => {
    if (data === null || data === undefined) return;
    seed(data);
    setSeeded(true);
  }, [data]);
  return seeded;
}
