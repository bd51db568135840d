/**
 * The zod fields every schema uses for what a person writes, links to and schedules, so that one
 * rule decides each: rich text through the knowledge base's allow-list sanitiser, plain text with
 * no markup at all, URLs http(s) only, instants as ISO 8601 with a zone offset.
 */
import { z } from 'zod';
import { neutraliseComment, neutraliseTitle, sanitizeRichText } from '../modules/knowledge/content/sanitize';

/** Rich text (HTML) as the app renders it: only the allow-list survives. */
export const richText = (max: number) => z.string().max(max).transform(sanitizeRichText);

/** A one-line plain-text field (titles, names): markup removed, whitespace collapsed, never empty. */
export const plainLine = (max: number) => z.string().max(max).transform(neutraliseTitle).pipe(z.string().min(1, 'must not be empty'));

/** Multi-line plain text (descriptions, question stems): markup removed, line breaks kept. */
export const plainText = (max: number) => z.string().max(max).transform(neutraliseComment);

/** Multi-line plain text that must say something. */
export const requiredPlainText = (max: number) => plainText(max).pipe(z.string().min(1, 'must not be empty'));

// Whitespace and control characters are refused rather than cleaned: browsers strip them inside a
// scheme ("java\tscript:"), so the string stored would not be the link that opens.
// eslint-disable-next-line no-control-regex
const UNSAFE_URL_CHARACTERS = /[\s\u0000-\u001f\u007f]/;

export function isHttpUrl(value: string): boolean {
  if (UNSAFE_URL_CHARACTERS.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A link a client gives us (media, message cards, redirects): http(s) only — never javascript:, data:, file: … */
export const httpUrl = (max = 2048) => z.string().max(max).refine(isHttpUrl, 'must be an http(s) URL');

// MySQL's DATETIME ends at 9999; a far year in a valid string would fail there, not in validation.
const LATEST = Date.UTC(9000, 0, 1);

/**
 * An instant: an ISO 8601 string with a zone offset ("2026-12-01T09:00:00+08:00" or "…Z"), as a Date.
 * Numbers, null, dates without a time and times without a zone are refused — they meant something
 * else to the sender than to the server. Where "no date" is meaningful, use `timestamp.nullable()`.
 */
export const timestamp = z.iso
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time with a zone offset, e.g. 2026-12-01T09:00:00+08:00' })
  .transform((s) => new Date(s))
  .refine((d) => d.getTime() >= 0 && d.getTime() < LATEST, 'must be between 1970 and 9000');
