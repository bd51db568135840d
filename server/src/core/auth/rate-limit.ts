/**
 * Fixed-window rate limits in the database, so they hold across processes: SMS sending, password
 * attempts. One row per key and window; the increment is a single UPDATE … count + 1.
 */
import type { PrismaClient } from '../../db/client';
import { errors } from '../errors';

export interface Limit {
  /** e.g. `sms:phone:<hash>` */
  key: string;
  max: number;
  windowSeconds: number;
}

const isUniqueViolation = (err: unknown) => (err as { code?: string })?.code === 'P2002';

export class RateLimiter {
  constructor(private readonly prisma: PrismaClient, private readonly now: () => number = Date.now) {}

  private window(limit: Limit) {
    const ms = limit.windowSeconds * 1000;
    const start = Math.floor(this.now() / ms) * ms;
    return { windowStart: new Date(start), expiresAt: new Date(start + ms) };
  }

  /** Counts one event; returns the count in the current window (including this one). */
  async hit(limit: Limit): Promise<number> {
    const { windowStart, expiresAt } = this.window(limit);
    const where = { key_windowStart: { key: limit.key, windowStart } };
    try {
      return (await this.prisma.rateCounter.update({ where, data: { count: { increment: 1 } }, select: { count: true } })).count;
    } catch (err) {
      if ((err as { code?: string })?.code !== 'P2025') throw err;
    }
    try {
      await this.prisma.rateCounter.create({ data: { key: limit.key, windowStart, expiresAt, count: 1 } });
      if (Math.random() < 0.01) void this.prisma.rateCounter.deleteMany({ where: { expiresAt: { lt: new Date(this.now()) } } }).catch(() => undefined);
      return 1;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return (await this.prisma.rateCounter.update({ where, data: { count: { increment: 1 } }, select: { count: true } })).count;
    }
  }

  /** The count in the current window, without counting. */
  async count(limit: Limit): Promise<number> {
    const { windowStart } = this.window(limit);
    const row = await this.prisma.rateCounter.findUnique({ where: { key_windowStart: { key: limit.key, windowStart } }, select: { count: true } });
    return row?.count ?? 0;
  }

  /** Counts one event against every limit; throws 429 rate_limited when one is exceeded. */
  async consume(limits: Limit[], message?: string): Promise<void> {
    const counts = await Promise.all(limits.map((l) => this.hit(l)));
    if (counts.some((c, i) => c > limits[i].max)) throw errors.tooManyRequests(message);
  }

  /** Throws 429 when a limit is already used up (checked before a costly step, counted after it fails). */
  async ensureBelow(limits: Limit[], message?: string): Promise<void> {
    const counts = await Promise.all(limits.map((l) => this.count(l)));
    if (counts.some((c, i) => c >= limits[i].max)) throw errors.tooManyRequests(message);
  }

  async clear(key: string): Promise<void> {
    await this.prisma.rateCounter.deleteMany({ where: { key } });
  }
}
