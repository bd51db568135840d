import { useEffect, useState } from 'react';
import { secondsLeft } from '../lib/countdown';

/** Seconds left until a server deadline, ticking each second; null when there is no limit. */
export function useCountdown(deadlineIso: string | null | undefined, offsetMs = 0): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!deadlineIso) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [deadlineIso]);
  return secondsLeft(deadlineIso, now, offsetMs);
}
