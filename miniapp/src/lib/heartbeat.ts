/**
 * What the player reports to the server while a chapter plays. The server decides completion
 * (watched to the end without skipping ahead, time no faster than the wall clock); the client
 * only reports honestly: position, playing or paused, a sequence number so retries are idempotent.
 */
export interface Heartbeat {
  chapterId: string;
  /** Idempotency: the same (studySession, seq) sent twice counts once. */
  seq: number;
  position: number;
  duration: number | null;
  state: 'playing' | 'paused' | 'ended';
  clientTime: string;
}

export class HeartbeatTracker {
  private seq = 0;
  private position = 0;
  private furthest = 0;
  private duration: number | null = null;
  private state: Heartbeat['state'] = 'paused';
  private queue: Heartbeat[] = [];

  constructor(public readonly chapterId: string, startAt = 0) {
    this.position = startAt;
    this.furthest = startAt;
  }

  /** The player moved: returns false for a jump past the furthest point reached (not credited). */
  update(position: number, duration?: number | null): boolean {
    if (duration && duration > 0) this.duration = duration;
    const ahead = position > this.furthest + 3;
    this.position = position;
    if (!ahead) this.furthest = Math.max(this.furthest, position);
    return !ahead;
  }

  setState(state: Heartbeat['state']): void {
    this.state = state;
  }

  get playState(): Heartbeat['state'] {
    return this.state;
  }

  get furthestPosition(): number {
    return this.furthest;
  }

  get progress(): number {
    return this.duration ? Math.min(1, this.furthest / this.duration) : 0;
  }

  /** The next heartbeat, queued until the server acknowledges it. */
  beat(now: Date = new Date()): Heartbeat {
    const hb: Heartbeat = {
      chapterId: this.chapterId,
      seq: ++this.seq,
      position: Math.round(this.position * 10) / 10,
      duration: this.duration,
      state: this.state,
      clientTime: now.toISOString(),
    };
    this.queue.push(hb);
    return hb;
  }

  /** Heartbeats not yet acknowledged, oldest first (resent after a network error). */
  pending(): Heartbeat[] {
    return [...this.queue];
  }

  acknowledge(seq: number): void {
    this.queue = this.queue.filter((h) => h.seq > seq);
  }
}
