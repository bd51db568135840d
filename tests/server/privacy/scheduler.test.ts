/**
 * The daily sweep over every enterprise. Runs on a database of its own: a sweep of the run's shared
 * database would reach into the enterprises of test files running at the same time.
 */
import type { TestApp } from '../../support/test-app';
import { createMember, createTenant } from '../../factories';
import { enqueueDailyJobs } from '../../../server/src/jobs/scheduler';
import { SWEEP_JOB } from '../../../server/src/modules/privacy/inactivity';
import { daysAgo, startPrivateApp } from './helpers';

let t: TestApp;
beforeAll(async () => (t = await startPrivateApp()));
afterAll(() => t.close());

it('enqueues each daily job once a day however often (and from however many processes) it is asked', async () => {
  const now = new Date('2026-03-01T08:00:00Z');
  // The privacy sweep and the moderation job (penalty expiry, evidence retention).
  expect(await enqueueDailyJobs(t.deps, now)).toBe(2);
  expect(await enqueueDailyJobs(t.deps, new Date('2026-03-01T20:00:00Z'))).toBe(0);
  expect(await enqueueDailyJobs(t.deps, new Date('2026-03-02T00:10:00Z'))).toBe(2);
  expect(await t.deps.db.prisma.job.count({ where: { kind: SWEEP_JOB } })).toBe(2);
});

it('the daily sweep covers every enterprise, each by its own policy', async () => {
  const a = await createTenant(t);
  const b = await createTenant(t);
  await t.deps.db.prisma.accountPolicy.create({ data: { tenantId: b.id, freezeAfterDays: 30, retentionDays: 60 } });
  const idleA = await createMember(t, a.id);
  const fortyDaysA = await createMember(t, a.id);
  const fortyDaysB = await createMember(t, b.id);
  await t.deps.db.prisma.member.update({ where: { id: idleA.id }, data: { lastActiveAt: daysAgo(200) } });
  await t.deps.db.prisma.member.update({ where: { id: fortyDaysA.id }, data: { lastActiveAt: daysAgo(40) } });
  await t.deps.db.prisma.member.update({ where: { id: fortyDaysB.id }, data: { lastActiveAt: daysAgo(40) } });
  await enqueueDailyJobs(t.deps);
  await t.deps.jobs.drain([SWEEP_JOB]);
  const status = async (id: string) => (await t.deps.db.prisma.member.findUnique({ where: { id } }))!.status;
  expect(await status(idleA.id)).toBe('frozen');
  expect(await status(fortyDaysA.id)).toBe('active');
  expect(await status(fortyDaysB.id)).toBe('frozen');
  const jobs = await t.deps.db.prisma.job.findMany({ where: { kind: SWEEP_JOB, status: 'done' } });
  expect(jobs.length).toBeGreaterThanOrEqual(1);
});
