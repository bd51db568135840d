/**
 * The Content-Security-Policy of the app's documents (/app/, which /admin opens). Scripts come
 * from our own origin only; the one inline script the Taro H5 build writes into index.html (it
 * sets the root font size before the bundle loads) is allowed by its SHA-256, computed from the
 * built file itself, so a rebuild that changes it needs no edit here. Any other inline script —
 * an injected <script>, an onerror= attribute, a javascript: link — does not run.
 */
import { createHash } from 'node:crypto';

const INLINE_SCRIPT = /<script(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi;

/** The 'sha256-…' sources of the inline scripts of an HTML document. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(INLINE_SCRIPT)].map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
}

export function contentSecurityPolicy(html: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' ${inlineScriptHashes(html).join(' ')}`.trim(),
    // Taro's components and the admin console set inline styles; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // Chapter and document images and media are links to any http(s) host (sanitised on input).
    "img-src 'self' data: blob: https: http:",
    "media-src 'self' blob: https: http:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}
