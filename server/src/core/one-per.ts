/**
 * onePer(make): a function that hands out the same value for the same key object, made on first
 * use — one batcher, writer or store per running app (its AppDeps) or per database. A WeakMap
 * holds them, so a closed app's instances go with it (the tests start many apps in one process).
 */
export function onePer<K extends object, V>(make: (key: K) => V): (key: K) => V {
  const made = new WeakMap<K, V>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) made.set(key, (value = make(key)));
    return value;
  };
}
