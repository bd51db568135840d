/** Exam timers: the server's deadline is the truth; the client only shows what is left of it. */
export function secondsLeft(deadlineIso: string | null | undefined, nowMs: number, serverOffsetMs = 0): number | null {
  if (!deadlineIso) return null;
  const deadline = Date.parse(deadlineIso);
  if (Number.isNaN(deadline)) return null;
  return Math.max(0, Math.floor((deadline - (nowMs + serverOffsetMs)) / 1000));
}

export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(sec).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Difference between the server clock (from a response's `now`) and ours, to correct the timer. */
export function serverOffset(serverNowIso: string | undefined, localNowMs: number): number {
  if (!serverNowIso) return 0;
  const server = Date.parse(serverNowIso);
  return Number.isNaN(server) ? 0 : server - localNowMs;
}

export function timerTone(left: number | null): 'normal' | 'warning' | 'over' {
  if (left === null) return 'normal';
  if (left === 0) return 'over';
  return left <= 60 ? 'warning' : 'normal';
}
