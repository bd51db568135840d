/**
 * Short notices ("已保存", "操作失败：…") shown where the person is looking — fixed to the viewport,
 * not at the top of a page they may have scrolled away from. A tiny store any page can push to;
 * components/toast.tsx draws it. Errors stay longer than successes and each notice can be closed.
 */
export type ToastKind = 'success' | 'error' | 'info';

export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

type Listener = (toasts: Toast[]) => void;

export class ToastStore {
  private items: Toast[] = [];
  private listeners = new Set<Listener>();
  private next = 1;

  constructor(
    private readonly setTimer: (fn: () => void, ms: number) => unknown = (fn, ms) => setTimeout(fn, ms),
    private readonly limit = 3,
  ) {}

  show(kind: ToastKind, text: string): number {
    const id = this.next++;
    // The newest first; the oldest falls off when too many pile up.
    this.items = [{ id, kind, text }, ...this.items.filter((t) => t.text !== text)].slice(0, this.limit);
    this.emit();
    this.setTimer(() => this.dismiss(id), kind === 'error' ? 6000 : 2500);
    return id;
  }

  dismiss(id: number): void {
    const before = this.items.length;
    this.items = this.items.filter((t) => t.id !== id);
    if (this.items.length !== before) this.emit();
  }

  current(): Toast[] {
    return this.items;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(): void {
    for (const l of this.listeners) l(this.items);
  }
}
