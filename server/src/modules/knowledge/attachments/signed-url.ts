/**
 * Online-only media (seed 001 §2.5): attachments are served through short-lived URLs signed for
 * one member's session. The token carries attachment, enterprise, member, session and expiry under
 * an HMAC of SECRET_KEY; serving re-checks that the session is still valid and the member may still
 * read the document, and that the request carries that member's own session (Authorization:
 * Bearer): a link that leaks opens nothing by itself.
 */
import { hmac, safeEqual } from '../../../core/tokens';

export interface MediaClaims {
  a: string; // attachment id
  t: string; // tenant id
  m: string; // member id
  s: string; // session id
  e: number; // expiry, unix seconds
}

const sign = (secret: string, payload: string) => hmac(secret, `kb-media:${payload}`);

export function signMediaToken(secret: string, claims: MediaClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

export type MediaCheck = { ok: true; claims: MediaClaims } | { ok: false; reason: 'invalid' | 'expired' };

export function verifyMediaToken(secret: string, token: string, now = Date.now()): MediaCheck {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined || !safeEqual(signature, sign(secret, payload))) return { ok: false, reason: 'invalid' };
  let claims: MediaClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as MediaClaims;
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (typeof claims.e !== 'number' || claims.e * 1000 <= now) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
