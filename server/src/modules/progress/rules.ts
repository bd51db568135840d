/**
 * The server's completion rules for one heartbeat (pure: no I/O, so they are tested directly).
 *
 * Video: the furthest point moves only by continuous playing from inside what was already watched,
 * at no more than real time (with a small tolerance). Jumping past it (seek-ahead) or advancing
 * faster than the clock (fast-forward, impossible speed) moves nothing and is flagged. A video is
 * complete when the furthest point reaches the end (small tolerance).
 * Document, article, knowledge: time counts while the client reports the chapter open and visible
 * ("playing") between two heartbeats of the same session; complete after the chapter's minimum
 * reading time (30 s when the author set none). A gap longer than MAX_READ_GAP_SEC between two
 * beats earns nothing: the client beats every few seconds while the page is visible, so such a gap
 * is time the page was hidden, the app frozen or the network gone — not time seen reading.
 * Credited time never exceeds the wall clock: the caller passes the span not yet credited to this
 * study session, so two chapters open at once cannot both earn it.
 */
export const SEEK_TOLERANCE_SEC = 3;
export const END_TOLERANCE_SEC = 3;
/** Playback may run a little faster than the clock (timer jitter), never at 1.25× or more. */
export const MAX_RATE = 1.1;
export const RATE_SLACK_SEC = 2;
/** Reading chapters without a minimum of their own (the admin form's default) need this much. */
export const DEFAULT_MIN_READ_SEC = 30;
export const MAX_READ_GAP_SEC = 60;

export interface ChapterInfo {
  id: string;
  tenantId: string;
  courseId: string;
  kind: 'video' | 'document' | 'article' | 'knowledge';
  durationSec: number | null;
  minReadSec: number | null;
}

export interface ProgressState {
  positionSec: number;
  furthestSec: number;
  creditedSec: number;
  completed: boolean;
  completedAt: Date | null;
  lastState: string;
  lastBeatAt: Date | null;
  studySessionId: string | null;
  lastSeq: number;
}

export interface Beat {
  studySessionId: string;
  seq: number;
  position: number;
  state: 'playing' | 'paused';
}

export type Flag = { kind: 'seek_ahead' | 'impossible_speed'; details: Record<string, unknown> };

export interface Applied {
  next: ProgressState;
  duplicate: boolean;
  newlyCompleted: boolean;
  creditedNow: number;
  flags: Flag[];
}

/** The reading time a non-video chapter needs before it counts as done; null for videos. */
export function minimumReadSec(chapter: { kind: string; minReadSec?: number | null }): number | null {
  return chapter.kind === 'video' ? null : (chapter.minReadSec ?? DEFAULT_MIN_READ_SEC);
}

export const emptyProgress = (): ProgressState => ({
  positionSec: 0, furthestSec: 0, creditedSec: 0, completed: false, completedAt: null, lastState: 'paused', lastBeatAt: null, studySessionId: null, lastSeq: 0,
});

/**
 * @param now            server time of this heartbeat (ms)
 * @param creditableFrom the session's credited-until time (ms): time before it was already credited
 */
export function applyBeat(prev: ProgressState, beat: Beat, chapter: ChapterInfo, now: number, creditableFrom: number): Applied {
  if (prev.studySessionId === beat.studySessionId && beat.seq <= prev.lastSeq) {
    return { next: prev, duplicate: true, newlyCompleted: false, creditedNow: 0, flags: [] };
  }
  const sameSession = prev.studySessionId === beat.studySessionId && prev.lastBeatAt !== null;
  const wasPlaying = sameSession && prev.lastState === 'playing';
  const since = sameSession ? Math.max(prev.lastBeatAt!.getTime(), creditableFrom) : now;
  // Wall-clock seconds this beat may credit, and the real seconds since the previous beat.
  const creditable = Math.max(0, (now - since) / 1000);
  const elapsed = sameSession ? Math.max(0, (now - prev.lastBeatAt!.getTime()) / 1000) : 0;
  const flags: Flag[] = [];
  const next: ProgressState = { ...prev, lastState: beat.state, lastBeatAt: new Date(now), studySessionId: beat.studySessionId, lastSeq: beat.seq };
  let creditedNow = 0;

  if (chapter.kind === 'video') {
    const duration = chapter.durationSec ?? 0;
    const position = Math.min(Math.max(0, beat.position), duration);
    const from = sameSession ? prev.positionSec : position;
    const delta = position - from;
    const allowed = elapsed * MAX_RATE + RATE_SLACK_SEC;
    const beyondFrontier = position > prev.furthestSec + SEEK_TOLERANCE_SEC;
    if (wasPlaying && delta > 0 && delta <= allowed) {
      creditedNow = Math.min(delta, creditable);
      // Continuous playing from inside the watched part extends it.
      if (from <= prev.furthestSec + SEEK_TOLERANCE_SEC) next.furthestSec = Math.max(prev.furthestSec, position);
    } else if (delta > 0 && beyondFrontier) {
      // Moved past the furthest point faster than real time: a seek or a fast-forward.
      const kind = wasPlaying && delta <= elapsed * 4 + RATE_SLACK_SEC ? 'impossible_speed' : 'seek_ahead';
      flags.push({ kind, details: { from, to: position, furthest: prev.furthestSec, elapsedSec: Math.round(elapsed * 10) / 10 } });
    }
    next.positionSec = position;
    if (!prev.completed && duration > 0 && next.furthestSec >= duration - END_TOLERANCE_SEC) next.completed = true;
  } else {
    if (wasPlaying && elapsed <= MAX_READ_GAP_SEC) creditedNow = Math.min(elapsed, creditable);
    next.positionSec = Math.max(0, beat.position);
    if (!prev.completed && prev.creditedSec + creditedNow >= minimumReadSec(chapter)!) next.completed = true;
  }
  next.creditedSec = prev.creditedSec + creditedNow;
  const newlyCompleted = next.completed && !prev.completed;
  if (newlyCompleted) next.completedAt = new Date(now);
  return { next, duplicate: false, newlyCompleted, creditedNow, flags };
}
