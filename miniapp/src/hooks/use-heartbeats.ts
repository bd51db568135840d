/**
 * Sends study heartbeats for the chapter being played: every `intervalMs` while playing, and once
 * on pause/end. Unacknowledged heartbeats are resent (the server dedupes by sequence number).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { HeartbeatTracker } from '../lib/heartbeat';
import { sendHeartbeat } from '../services/courses';
import type { ChapterProgress } from '../services/types';

export function useHeartbeats(studySessionId: string | null, chapterId: string | null, intervalMs = 10_000) {
  const tracker = useRef<HeartbeatTracker | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [chapter, setChapter] = useState<ChapterProgress | null>(null);
  const [skipped, setSkipped] = useState(false);

  useEffect(() => {
    tracker.current = chapterId ? new HeartbeatTracker(chapterId) : null;
    setChapter(null);
    setSkipped(false);
  }, [chapterId]);

  const flush = useCallback(async () => {
    const t = tracker.current;
    if (!t || !studySessionId) return;
    t.beat();
    for (const hb of t.pending()) {
      try {
        const res = await sendHeartbeat(studySessionId, hb);
        t.acknowledge(hb.seq);
        if (res?.progress) setChapter(res.progress);
        setError(null);
      } catch (err) {
        setError(err);
        return;
      }
    }
  }, [studySessionId]);

  useEffect(() => {
    if (!studySessionId || !chapterId) return;
    const timer = setInterval(() => {
      if (tracker.current?.playState === 'playing') void flush();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [flush, intervalMs, studySessionId, chapterId]);

  const onTime = useCallback((position: number, duration?: number) => {
    const ok = tracker.current?.update(position, duration) ?? true;
    if (!ok) setSkipped(true);
  }, []);
  const onState = useCallback(
    (state: 'playing' | 'paused' | 'ended') => {
      // A beat when playing starts opens the span the server may credit; one at pause/end closes it.
      if (tracker.current?.playState === state) return;
      tracker.current?.setState(state);
      void flush();
    },
    [flush],
  );

  return { onTime, onState, flush, error, chapter, skipped, tracker };
}
