/**
 * Colleagues' names are never stored by Qixue: the host renders them (WeCom's open-data component).
 * Where that component is unavailable (the sandbox, a desktop browser in development) a stand-in
 * asks the host for display labels. This batches those lookups: many components asking in the
 * same tick cause one request, and each id is asked at most once per page load (memory only).
 */
export type Lookup = (ids: string[]) => Promise<Record<string, string>>;

export class NameBatcher {
  private known = new Map<string, string | null>();
  private waiting = new Map<string, Array<(name: string | null) => void>>();
  private scheduled = false;

  constructor(private readonly lookup: Lookup, private readonly schedule: (fn: () => void) => void = (fn) => setTimeout(fn, 0)) {}

  peek(id: string): string | null | undefined {
    return this.known.get(id);
  }

  get(id: string): Promise<string | null> {
    if (this.known.has(id)) return Promise.resolve(this.known.get(id) ?? null);
    return new Promise((resolve) => {
      const list = this.waiting.get(id) ?? [];
      list.push(resolve);
      this.waiting.set(id, list);
      if (!this.scheduled) {
        this.scheduled = true;
        this.schedule(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = new Map(this.waiting);
    this.waiting.clear();
    const ids = [...batch.keys()];
    let names: Record<string, string> = {};
    try {
      names = ids.length ? await this.lookup(ids) : {};
    } catch {
      names = {};
    }
    for (const id of ids) {
      const name = names[id] ?? null;
      this.known.set(id, name);
      for (const resolve of batch.get(id) ?? []) resolve(name);
    }
  }
}
