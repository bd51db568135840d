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

export interface TakenAttempt {
  /** Returns the attempt to every limit it was taken from (in the window it was taken in). */
  giveBack(): Promise<void>;
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
    return (await this.hitIn(limit, this.window(limit))).count;
  }

  private async hitIn(limit: Limit, { windowStart, expiresAt }: { windowStart: Date; expiresAt: Date }): Promise<{ count: number; windowStart: Date }> {
    const where = { key_windowStart: { key: limit.key, windowStart } };
    const increment = async () => ({ count: (await this.prisma.rateCounter.update({ where, data: { count: { increment: 1 } }, select: { count: true } })).count, windowStart });
    try {
      return await increment();
    } catch (err) {
      if ((err as { code?: string })?.code !== 'P2025') throw err;
    }
    try {
      await this.prisma.rateCounter.create({ data: { key: limit.key, windowStart, expiresAt, count: 1 } });
      if (Math.random() < 0.01) void this.prisma.rateCounter.deleteMany({ where: { expiresAt: { lt: new Date(this.now()) } } }).catch(() => undefined);
      return { count: 1, windowStart };
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      return increment();
    }
  }

  /** Counts one event against every limit; throws 429 rate_limited when one is exceeded. */
  async consume(limits: Limit[], message?: string): Promise<void> {
    const counts = await Promise.all(limits.map((l) => this.hit(l)));
    if (counts.some((c, i) => c > limits[i].max)) throw errors.tooManyRequests(message);
  }

  /**
   * Takes one attempt from every limit BEFORE a guessable step (a password comparison), not after
   * it failed: the count goes up in one UPDATE and is read back, and each caller's read includes its
   * own increment, so of requests sent at once at most `max` see a count within the limit — the
   * others get 429 without the step. `giveBack` returns the attempt when the step succeeded.
   */
  async take(limits: Limit[], message?: string): Promise<TakenAttempt> {
    const taken = await Promise.all(limits.map((l) => this.hitIn(l, this.window(l))));
    if (taken.some((t, i) => t.count > limits[i].max)) throw errors.tooManyRequests(message);
    return {
      giveBack: async () => {
        await Promise.all(limits.map((l, i) =>
          this.prisma.rateCounter.updateMany({ where: { key: l.key, windowStart: taken[i].windowStart, count: { gt: 0 } }, data: { count: { decrement: 1 } } })));
      },
    };
  }

  async clear(key: string): Promise<void> {
    await this.prisma.rateCounter.deleteMany({ where: { key } });
  }
}
