/**
 * Times in microseconds since the epoch. Statements and documents are ordered and filtered by them
 * (integers compare alike on both databases), and each process hands out strictly increasing
 * `stored` values, so the statements of one batch keep their order and a `more` cursor never
 * skips a statement stored in the same millisecond.
 */
import { TIMESTAMP } from './statement-validation';

let last = 0;

export function nextStoredUs(): number {
  const now = Date.now() * 1000;
  last = now > last ? now : last + 1;
  return last;
}

/** An RFC 3339 UTC timestamp with microseconds: 2026-12-06T02:41:10.123456Z. */
export function isoFromUs(us: number): string {
  const ms = Math.floor(us / 1000);
  return `${new Date(ms).toISOString().slice(0, 23)}${String(us % 1000).padStart(3, '0')}Z`;
}

/** Microseconds of a timestamp (already validated), keeping sub-millisecond digits. */
export function usFromTimestamp(ts: string): number {
  const m = TIMESTAMP.exec(ts);
  if (!m) return NaN;
  const fraction = (m[7] ?? '.').slice(1).padEnd(6, '0').slice(0, 6);
  const whole = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[8]!.toUpperCase()}`);
  return whole * 1000 + Number(fraction);
}

/** The same instant written in UTC ("Z"), with the precision it was given. */
export function toUtc(ts: string): string {
  const m = TIMESTAMP.exec(ts);
  if (!m) return ts;
  if (m[8] === 'Z' && ts[10] === 'T') return ts;
  const whole = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[8]!.toUpperCase()}`);
  return `${new Date(whole).toISOString().slice(0, 19)}${m[7] ?? ''}Z`;
}
