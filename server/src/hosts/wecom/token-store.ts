/**
 * Host credentials (access tokens, tickets, the suite_ticket) in the database, sealed with the
 * field cipher, so every server process shares one copy and a restart loses nothing. A small
 * in-process copy saves a read per call; the database stays the source of truth.
 */
import type { Database } from '../../db/client';
import type { FieldCipher } from '../../core/field-cipher';

const LOCK_TTL_MS = 15_000;
const LOCK_WAIT_MS = 10_000;

export interface StoredToken {
  value: string;
  expiresAt: Date;
}

export class TokenStore {
  private readonly memory = new Map<string, StoredToken>();

  constructor(
    private readonly db: Database,
    private readonly cipher: FieldCipher,
  ) {}

  /** The stored value if it is still valid `marginMs` from now. */
  async read(key: string, marginMs = 0): Promise<StoredToken | null> {
    const now = Date.now() + marginMs;
    const cached = this.memory.get(key);
    if (cached && cached.expiresAt.getTime() > now) return cached;
    const row = await this.db.prisma.hostToken.findUnique({ where: { key }, select: { value: true, expiresAt: true } });
    if (!row || row.expiresAt.getTime() <= now) return null;
    const token = { value: this.cipher.decrypt(row.value), expiresAt: row.expiresAt };
    this.memory.set(key, token);
    return token;
  }

  /** Reads the database only (another process may have refreshed what this one holds). */
  async readShared(key: string, marginMs = 0): Promise<StoredToken | null> {
    this.memory.delete(key);
    return this.read(key, marginMs);
  }

  async write(key: string, value: string, expiresAt: Date): Promise<void> {
    const { dialect, raw } = this.db;
    const columns = ['key', 'value', 'expiresAt', 'updatedAt'];
    const updates = Object.fromEntries(['value', 'expiresAt', 'updatedAt'].map((c) => [c, dialect.incoming(c)]));
    const now = new Date();
    await raw.execute(dialect.upsertSql('HostToken', columns, 1, ['key'], updates), [key, this.cipher.encrypt(value), expiresAt, now]);
    this.memory.set(key, { value, expiresAt });
  }

  /** Drops the stored value only if it still is `value` (a newer one written meanwhile stays). */
  async dropIf(key: string, value: string): Promise<void> {
    if (this.memory.get(key)?.value === value) this.memory.delete(key);
    const row = await this.db.prisma.hostToken.findUnique({ where: { key }, select: { value: true, updatedAt: true } });
    if (row && this.cipher.decrypt(row.value) === value) {
      await this.db.prisma.hostToken.deleteMany({ where: { key, updatedAt: row.updatedAt } });
    }
  }

  /**
   * One refresher across processes: whoever inserts the lock row fetches; the others wait for the
   * value `check` finds (another process's fresh token) and fetch themselves only if the lock
   * holder seems gone. The lock expires by itself, so a crashed holder blocks no one for long.
   */
  async refreshOnce(key: string, check: () => Promise<string | null>, fetch: () => Promise<string>): Promise<string> {
    const lockKey = `lock:${key}`;
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      const hit = await check();
      if (hit) return hit;
      if (await this.tryLock(lockKey)) {
        try {
          return (await check()) ?? (await fetch());
        } finally {
          await this.db.prisma.hostToken.deleteMany({ where: { key: lockKey } });
        }
      }
      if (Date.now() > deadline) return fetch();
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private async tryLock(lockKey: string): Promise<boolean> {
    const prisma = this.db.prisma;
    await prisma.hostToken.deleteMany({ where: { key: lockKey, expiresAt: { lt: new Date() } } });
    try {
      await prisma.hostToken.create({ data: { key: lockKey, value: '-', expiresAt: new Date(Date.now() + LOCK_TTL_MS) } });
      return true;
    } catch (err) {
      if ((err as { code?: string }).code === 'P2002') return false;
      throw err;
    }
  }

  forgetMemory(): void {
    this.memory.clear();
  }
}
