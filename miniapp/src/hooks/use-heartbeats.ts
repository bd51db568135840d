/**
 * Sends study heartbeats for the open chapter: every `intervalMs` while playing, and once when
 * playing starts or stops. Unacknowledged heartbeats are resent (the server dedupes by sequence).
 *
 * A video reports its own play/pause. A reading chapter (`reading`) is "playing" while it is open
 * and the app is visible: the server credits the time between two such beats towards the
 * chapter's minimum reading time, so the client never claims time it did not show.
 *
 * The tracker is made in the same effect that starts it: a child's mount effect runs before its
 * parent's, so a tracker made in a separate parent effect did not exist yet when a reading
 * chapter said "playing" — no heartbeat was ever sent and the chapter could never complete.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../lib/api-error';
import { HeartbeatTracker } from '../lib/heartbeat';
import { isVisible, onVisibilityChange } from '../platform/visibility';
import { sendHeartbeat } from '../services/courses';
import type { ChapterProgress } from '../services/types';

const sending = new WeakSet<HeartbeatTracker>();

export function useHeartbeats(studySessionId: string | null, chapterId: string | null, opts: { intervalMs?: number; reading?: boolean } = {}) {
  const { intervalMs = 10_000, reading = false } = opts;
  const tracker = useRef<HeartbeatTracker | null>(null);
  const session = useRef(studySessionId);
  session.current = studySessionId;
  const [error, setError] = useState<unknown>(null);
  const [chapter, setChapter] = useState<ChapterProgress | null>(null);
  const [skipped, setSkipped] = useState(false);

  const flushTracker = useCallback(async (t: HeartbeatTracker | null) => {
    const sessionId = session.current;
    if (!t || !sessionId) return;
    t.beat();
    // One sender per tracker, in order: a beat queued while another is in flight goes next.
    if (sending.has(t)) return;
    sending.add(t);
    try {
      for (let hb = t.pending()[0]; hb; hb = t.pending()[0]) {
        const res = await sendHeartbeat(sessionId, hb);
        t.acknowledge(hb.seq);
        if (res?.progress && tracker.current === t) setChapter(res.progress);
        setError(null);
      }
    } catch (err) {
      setError(err);
    } finally {
      sending.delete(t);
    }
  }, []);

  const setState = useCallback(
    (t: HeartbeatTracker | null, state: 'playing' | 'paused' | 'ended') => {
      // A beat when playing starts opens the span the server may credit; one at pause/end closes it.
      if (!t || t.playState === state) return;
      t.setState(state);
      void flushTracker(t);
    },
    [flushTracker],
  );

  useEffect(() => {
    setChapter(null);
    setSkipped(false);
    if (!studySessionId || !chapterId) {
      tracker.current = null;
      return undefined;
    }
    const t = new HeartbeatTracker(chapterId);
    tracker.current = t;
    const stopVisibility = reading ? onVisibilityChange((visible) => setState(t, visible ? 'playing' : 'paused')) : undefined;
    if (reading && isVisible()) setState(t, 'playing');
    const timer = setInterval(() => {
      if (t.playState === 'playing') void flushTracker(t);
    }, intervalMs);
    return () => {
      clearInterval(timer);
      stopVisibility?.();
      setState(t, 'paused');
    };
  }, [studySessionId, chapterId, reading, intervalMs, flushTracker, setState]);

  const onTime = useCallback((position: number, duration?: number) => {
    const ok = tracker.current?.update(position, duration) ?? true;
    if (!ok) setSkipped(true);
  }, []);
  const onState = useCallback((state: 'playing' | 'paused' | 'ended') => setState(tracker.current, state), [setState]);
  const flush = useCallback(() => flushTracker(tracker.current), [flushTracker]);

  // The server ends a session that went silent (a page hidden for minutes): the page starts another.
  const sessionEnded = error instanceof ApiError && error.code === 'study_session_ended';

  return { onTime, onState, flush, error, sessionEnded, chapter, skipped, tracker };
}
