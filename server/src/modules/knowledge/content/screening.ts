/**
 * Upload screening (seed 000 §5.4.4): files and documents marked as classified are refused.
 * The markers come from the platform (KB_CLASSIFIED_MARKERS) plus the enterprise's own list.
 *
 * The secrecy levels 绝密 / 机密 / 秘密 are ordinary words too ("商业秘密"), so they count only as a
 * marking: followed by ★/☆/* (the standard "秘密★1年"), after a 密级 label ("密级：机密"), in
 * brackets ("【机密】"), or alone on a line. Any other marker ("内部资料", "注意保密", an enterprise's
 * own) counts wherever it appears.
 */
import { errors } from '../../../core/errors';
import type { TenantDb } from '../../../core/tenancy';

const LEVELS = new Set(['绝密', '机密', '秘密']);
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function normaliseForScreening(text: string): string {
  // NFKC folds full-width forms, so "内部文件（资料）" and "内部文件(资料)" look alike.
  return text.normalize('NFKC');
}

/** The first marker found in `text`, or null. */
export function findClassifiedMarker(text: string, markers: string[]): string | null {
  return findClassifiedMarkerIn(normaliseForScreening(text), markers);
}

// The marking patterns of the three levels, compiled once.
const markings = new Map<string, RegExp>();
function markingOf(level: string): RegExp {
  let re = markings.get(level);
  if (!re) {
    const m = escapeRe(level);
    re = new RegExp(`${m}\\s*[★☆*]|密级\\s*[:：]?\\s*${m}|[【\\[(]\\s*${m}\\s*[】\\])]|(^|\\n)\\s*${m}\\s*(\\n|$)`);
    markings.set(level, re);
  }
  return re;
}

/** findClassifiedMarker on a text already through normaliseForScreening (screening normalises once). */
export function findClassifiedMarkerIn(normalised: string, markers: string[]): string | null {
  for (const raw of markers) {
    const marker = normaliseForScreening(raw).trim();
    if (!marker || !normalised.includes(marker)) continue;
    if (!LEVELS.has(marker) || markingOf(marker).test(normalised)) return raw;
  }
  return null;
}

/** The markers in force for an enterprise: the platform's and its own. */
export async function classifiedMarkers(db: TenantDb, platformMarkers: string[]): Promise<string[]> {
  const settings = await db.kbSettings.findFirst({ select: { classifiedMarkers: true } });
  const own = Array.isArray(settings?.classifiedMarkers) ? (settings!.classifiedMarkers as unknown[]).filter((m): m is string => typeof m === 'string') : [];
  return [...new Set([...platformMarkers, ...own])];
}

/** Throws 422 classified_content when any of the texts carries a marker. */
export function refuseClassified(markers: string[], parts: { what: string; text: string }[]): void {
  for (const part of parts) {
    const marker = findClassifiedMarker(part.text, markers);
    if (marker) {
      throw errors.unprocessable(
        'classified_content',
        `内容含有密级或保密标识「${marker}」，不能上传 / The ${part.what} is marked as classified ("${marker}") and cannot be uploaded`,
        { marker, part: part.what },
      );
    }
  }
}
