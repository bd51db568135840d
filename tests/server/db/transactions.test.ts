/**
 * A transaction takes back only its own writes. On SQLite every query shares one connection, so a
 * query made while a transaction is open waits for it (db/sqlite-adapter.ts) instead of running
 * inside it and being rolled back with it.
 */
import { startTestApp, type TestApp } from '../../support/test-app';
import { createTenant } from '../../factories';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

it('a write made while another transaction is open survives that transaction rolling back', async () => {
  const a = await createTenant(t);
  const prisma = t.deps.db.prisma;
  const question = (stem: string) => ({ data: { tenantId: a.id, type: 'fill' as const, stem, answer: ['x'] } });
  let opened!: () => void;
  const open = new Promise<void>((resolve) => (opened = resolve));
  const rolledBack = prisma.$transaction(async (tx) => {
    await tx.question.create(question('inside'));
    opened();
    await new Promise((resolve) => setTimeout(resolve, 50));
    throw new Error('roll back');
  });
  await open;
  const outside = prisma.question.create(question('outside')).then((q) => q); // sent now (Prisma's queries are lazy)
  await expect(rolledBack).rejects.toThrow('roll back');
  await outside;
  const stems = (await prisma.question.findMany({ where: { tenantId: a.id }, select: { stem: true } })).map((q) => q.stem);
  expect(stems).toEqual(['outside']);
});

it('a raw transaction commits its writes together, or none of them', async () => {
  const a = await createTenant(t);
  const { db } = t.deps;
  const q = db.dialect.quote;
  const insert = `INSERT INTO ${q('XapiActivity')} (${['tenantId', 'activityKey', 'activityId', 'definition', 'updatedAt'].map(q).join(', ')}) VALUES (?, ?, ?, ?, ?)`;
  const row = (key: string) => [a.id, key, `http://example.com/${key}`, '{}', new Date()];
  await db.rawTransaction(async (tx) => {
    await tx.execute(insert, row('one'));
    await tx.execute(insert, row('two'));
  });
  // The second insert repeats the first's key: the unique key refuses it and the first is taken back too.
  const refused = await db.rawTransaction(async (tx) => {
    await tx.execute(insert, row('three'));
    await tx.execute(insert, row('three'));
  }).catch((err: unknown) => err);
  expect(db.dialect.isDuplicateKey(refused)).toBe(true);
  const keys = await db.raw.query<{ activityKey: string }>(`SELECT ${q('activityKey')} FROM ${q('XapiActivity')} WHERE ${q('tenantId')} = ? ORDER BY ${q('activityKey')}`, [a.id]);
  expect(keys.map((k) => k.activityKey)).toEqual(['one', 'two']);
});
