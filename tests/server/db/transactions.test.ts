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
