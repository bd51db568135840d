import { useEffect, useState } from 'react';
import { secondsLeft } from '../lib/countdown';
import { serverOffsetMs } from '../lib/server-clock';

/** Seconds left until a server deadline by the server's clock (lib/server-clock), ticking each second; null without a limit. */
export function useCountdown(deadlineIso: string | null | undefined, offsetMs: number = serverOffsetMs()): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!deadlineIso) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [deadlineIso]);
  return secondsLeft(deadlineIso, now, offsetMs);
}
