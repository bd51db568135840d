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

/**
 * The instant a calendar day begins in a zone: `daysBack` days before the day that contains `at`.
 * Found by correcting a UTC guess with the zone's offset (twice, so a daylight-saving change on that
 * day lands right).
 */
export function startOfZonedDay(at: Date, timeZone: string = DEFAULT_TIME_ZONE, daysBack = 0): Date {
  const [y, m, d] = zonedDate(at, timeZone).split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d - daysBack);
  let guess = wall;
  for (let i = 0; i < 2; i++) guess = wall - offsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/** How far the zone's wall clock is ahead of UTC at an instant. */
function offsetMs(at: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(at).filter((p) => p.type !== 'literal').map((p) => [p.type, Number(p.value)]),
  );
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** Date and minute of an instant in a zone, as `YYYY-MM-DD HH:mm` (for texts people read, such as notices). */
export function zonedDateTime(at: Date, timeZone: string = DEFAULT_TIME_ZONE): string {
  const zone = isTimeZone(timeZone) ? timeZone : DEFAULT_TIME_ZONE;
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return `${zonedDate(at, zone)} ${time}`;
}
