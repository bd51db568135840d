/**
 * The enterprise's time zone: times are stored and sent in UTC, and shown in this IANA zone
 * (default Asia/Shanghai). The client formats; the server only stores and validates the name.
 */
import { z } from 'zod';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** True for a zone name this runtime's Intl knows (`Asia/Shanghai`, `UTC`), false otherwise. */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z.string().trim().max(64).refine(isTimeZone, { message: 'must be an IANA time zone such as Asia/Shanghai' });

/** The calendar date of an instant in a zone, as YYYY-MM-DD (for files people read, such as exports). */
export function zonedDate(at: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  } catch {
    return new Intl.DateTimeFormat('en-CA', { timeZone: DEFAULT_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  }
}
