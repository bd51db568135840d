/**
 * compareAndSet is one UPDATE that checks and writes under the same row lock, on the suite's
 * database (CI runs SQLite and MariaDB): of concurrent callers with the same condition, one wins.
 */
import { randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '../../support/test-app';
import { compareAndSet, compareAndSetSql } from '../../../server/src/db/compare-and-set';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

// VerificationCode: no tenant, no updatedAt, a nullable DateTime and a counter.
async function newCode() {
  return t.deps.db.prisma.verificationCode.create({
    data: { phoneHash: randomBytes(16).toString('hex'), purpose: 'login', codeHash: 'x', expiresAt: new Date(Date.now() + 60_000) },
    select: { id: true },
  });
}
const read = (id: string) => t.deps.db.prisma.verificationCode.findUniqueOrThrow({ where: { id }, select: { attempts: true, consumedAt: true, purpose: true } });

describe('compareAndSet', () => {
  it('sets when every equality and IS NULL holds, increments, and returns 0 once the condition no longer holds', async () => {
    const { prisma } = t.deps.db;
    const { id } = await newCode();
    const at = new Date(Date.now() - 1234);
    expect(await compareAndSet(prisma, 'VerificationCode', { id, purpose: 'other', consumedAt: null }, { consumedAt: at })).toBe(0);
    expect(await compareAndSet(prisma, 'VerificationCode', { id, purpose: 'login', consumedAt: null }, { consumedAt: at, attempts: { increment: 2 } })).toBe(1);
    expect(await read(id)).toEqual({ attempts: 2, consumedAt: at, purpose: 'login' });
    expect(await compareAndSet(prisma, 'VerificationCode', { id, consumedAt: null }, { consumedAt: new Date() })).toBe(0);
    expect(await compareAndSet(prisma, 'VerificationCode', { id, attempts: 2 }, { attempts: { increment: 1 } })).toBe(1);
    expect(await compareAndSet(prisma, 'VerificationCode', { id, attempts: 2 }, { attempts: { increment: 1 } })).toBe(0);
    expect(await read(id)).toEqual({ attempts: 3, consumedAt: at, purpose: 'login' });
  });

  it('of 20 concurrent callers with the same condition, exactly one wins', async () => {
    const { prisma } = t.deps.db;
    for (let round = 0; round < 3; round++) {
      const { id } = await newCode();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => compareAndSet(prisma, 'VerificationCode', { id, consumedAt: null, attempts: 0 }, { consumedAt: new Date(), attempts: { increment: i + 1 } })),
      );
      expect(results.filter((n) => n === 1)).toHaveLength(1);
      expect(results.filter((n) => n === 0)).toHaveLength(19);
      expect((await read(id)).attempts).toBe(results.indexOf(1) + 1);
    }
  });

  it('works inside an interactive transaction', async () => {
    const { prisma } = t.deps.db;
    const { id } = await newCode();
    const won = await prisma.$transaction((tx) => compareAndSet(tx, 'VerificationCode', { id, consumedAt: null }, { attempts: { increment: 1 }, consumedAt: new Date() }));
    expect(won).toBe(1);
    expect((await read(id)).attempts).toBe(1);
  });

  it('renders one UPDATE; refuses an empty where, undefined values and odd identifiers', () => {
    expect(compareAndSetSql('Job', { id: 'j', leaseOwner: null, attempts: 2, done: true }, { attempts: { increment: 1 }, status: 'running' })).toEqual({
      sql: 'UPDATE `Job` SET `attempts` = `attempts` + ?, `status` = ? WHERE `id` = ? AND `leaseOwner` IS NULL AND `attempts` = ? AND `done` = ?',
      values: [1, 'running', 'j', 2, 1],
    });
    expect(() => compareAndSetSql('Job', {}, { status: 'x' })).toThrow('empty where');
    expect(() => compareAndSetSql('Job', { id: undefined }, { status: 'x' })).toThrow('undefined');
    expect(() => compareAndSetSql('Job', { id: 'j' }, { status: undefined })).toThrow('undefined');
    expect(() => compareAndSetSql('Job', { id: 'j' }, {})).toThrow('nothing to set');
    expect(() => compareAndSetSql('Job; DROP', { id: 'j' }, { status: 'x' })).toThrow('bad identifier');
    expect(() => compareAndSetSql('Job', { runAfter: new Date() }, { status: 'x' })).toThrow('compares a date');
  });

  it('types: no date comparisons, and updatedAt set by hand where Prisma would set it', () => {
    const { prisma } = t.deps.db;
    const never = false as boolean; // type checks only
    if (never) {
      // @ts-expect-error a DateTime column can only be tested IS NULL
      void compareAndSet(prisma, 'VerificationCode', { expiresAt: new Date() }, { attempts: 1 });
      // @ts-expect-error Job has updatedAt @updatedAt, which raw SQL does not maintain
      void compareAndSet(prisma, 'Job', { id: 'j' }, { status: 'running' });
      // @ts-expect-error not a column
      void compareAndSet(prisma, 'Job', { nope: 1 }, { status: 'running', updatedAt: new Date() });
    }
  });
});
