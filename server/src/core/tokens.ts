/** Opaque random tokens and their stored hashes (sessions, API keys, one-time codes), and row ids for raw inserts. */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const newToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
/** Ids for raw inserts: random, never sequential (like the cuids Prisma makes). */
export const newRowId = (): string => `c${pooledRandomBytes(12).toString('hex')}`;
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function hmac(secret: string, value: string): string {
  return createHmac('sha256', secret).update(value).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Random bytes drawn from the system a pool at a time, as node's randomUUID does: a crowd's
 * multi-row insert makes thousands of ids, and a system call per id was 2% of the server's CPU.
 * Every byte is used once. Not for secrets: tokens take theirs straight from randomBytes.
 */
const RANDOM_POOL_BYTES = 4096;
let randomPool = Buffer.alloc(0);
let randomOffset = 0;
function pooledRandomBytes(size: number): Buffer {
  if (randomOffset + size > randomPool.length) {
    randomPool = randomBytes(RANDOM_POOL_BYTES);
    randomOffset = 0;
  }
  randomOffset += size;
  return randomPool.subarray(randomOffset - size, randomOffset);
}
