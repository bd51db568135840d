/** Opaque random tokens and their stored hashes (sessions, API keys, one-time codes), and row ids for raw inserts. */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
/** Ids for raw inserts: random, never sequential (like the cuids Prisma makes). */
export const newRowId = (): string => `c${randomBytes(12).toString('hex')}`;
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function hmac(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
