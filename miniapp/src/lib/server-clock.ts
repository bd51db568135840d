/**
 * The server's clock as seen from here: every answer's Date header says what time the server
 * thinks it is, so timers (exam deadlines) count from the server's time, not a phone's.
 */
let offsetMs = 0;

/** Records the server's time from a Date header (second resolution; ignores a bad value). */
export function noteServerDate(header: string | undefined | null, localNowMs: number = Date.now()): void {
  if (!header) return;
  const server = Date.parse(header);
  if (!Number.isNaN(server)) offsetMs = server + 500 - localNowMs; // the header truncates to whole seconds
}

export function serverOffsetMs(): number {
  return offsetMs;
}

export function resetServerClock(): void {
  offsetMs = 0;
}
