import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createTenant, createMember } from '../../factories';
import { expectOtherTenantGets404 } from '../../support/isolation';
import pino from 'pino';
import { JobQueue } from '../../../server/src/jobs/queue';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

describe('job queue', () => {
  it('runs a job, records progress and result; the enterprise reads it, others get 404', async () => {
    const a = await createTenant(t);
    const kind = `test.count.${Date.now()}`;
    t.deps.jobs.register(kind, async (job, io) => {
      const { n } = job.payload as { n: number };
      for (let i = 1; i <= n; i++) await io.progress(i, n, { i });
      return { counted: n };
    });
    const id = await t.deps.jobs.enqueue({ tenantId: a.id, kind, payload: { n: 3 }, createdById: a.admin.id });
    const queued = await t.http.get(`/api/v1/jobs/${id}`).set(bearer(a.admin.token)).expect(200);
    expect(queued.body.job).toMatchObject({ status: 'queued', progress: { percent: 0 } });
    expect(await t.deps.jobs.drain([kind])).toBe(1);
    const done = await t.http.get(`/api/v1/jobs/${id}`).set(bearer(a.admin.token)).expect(200);
    expect(done.body.job).toMatchObject({ status: 'done', progress: { done: 3, total: 3, percent: 100 }, result: { counted: 3 } });
    await t.http.get(`/api/v1/jobs/${id}`).expect(401);
    const member = await createMember(t, a.id);
    await t.http.get(`/api/v1/jobs/${id}`).set(bearer(member.token)).expect(404);
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/jobs/${id}` });
  });

  it('resumes from its checkpoint when a lease expires (a crashed worker), and retries failures', async () => {
    const kind = `test.resume.${Date.now()}`;
    const seen: unknown[] = [];
    let crash = true;
    t.deps.jobs.register(kind, async (job, io) => {
      seen.push(job.state);
      await io.progress(1, 2, { step: 1 });
      if (crash) {
        crash = false;
        throw new Error('worker died');
      }
      return { ok: true };
    });
    const id = await t.deps.jobs.enqueue({ tenantId: null, kind });
    await t.deps.jobs.drain([kind]);
    await t.deps.db.prisma.job.update({ where: { id }, data: { runAfter: new Date(0) } });
    await t.deps.jobs.drain([kind]);
    const job = await t.deps.db.prisma.job.findUniqueOrThrow({ where: { id } });
    expect(job.status).toBe('done');
    expect(job.attempts).toBe(2);
    expect(seen).toEqual([null, { step: 1 }]);
  });

  it('workers claiming the same job at the same moment: it runs once', async () => {
    const kind = `test.race.${Date.now()}`;
    const runs = new Map<string, number>();
    const workers = Array.from({ length: 3 }, () => new JobQueue(t.deps.db.prisma, pino({ level: 'silent' })));
    for (const w of workers) {
      w.register(kind, async (job) => {
        runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      });
    }
    const ids: string[] = [];
    for (let round = 0; round < 15; round++) {
      ids.push(await workers[0].enqueue({ tenantId: null, kind }));
      const ran = await Promise.all(workers.map((w) => w.drain([kind])));
      expect(ran.reduce((sum, n) => sum + n, 0)).toBe(1);
    }
    expect(ids.map((id) => runs.get(id))).toEqual(ids.map(() => 1));
    const jobs = await t.deps.db.prisma.job.findMany({ where: { id: { in: ids } }, select: { status: true, attempts: true } });
    expect(jobs).toEqual(ids.map(() => ({ status: 'done', attempts: 1 })));
  });

  it('a worker whose lease ran out stops: it writes neither progress nor a result over the new owner', async () => {
    const kind = `test.lease.${Date.now()}`;
    const { prisma } = t.deps.db;
    const stalled = new JobQueue(prisma, pino({ level: 'silent' }));
    const next = new JobQueue(prisma, pino({ level: 'silent' }));
    let wake!: () => void;
    const asleep = new Promise<void>((resolve) => (wake = resolve));
    stalled.register(kind, async (_job, io) => {
      await asleep;
      await io.progress(1, 1, { by: 'stalled' });
      return { by: 'stalled' };
    });
    next.register(kind, async (_job, io) => {
      await io.progress(1, 1, { by: 'next' });
      return { by: 'next' };
    });
    const id = await stalled.enqueue({ tenantId: null, kind });
    const stalledRun = stalled.drain([kind]);
    for (let i = 0; i < 100 && (await prisma.job.findUniqueOrThrow({ where: { id } })).status !== 'running'; i++) await new Promise((r) => setTimeout(r, 20));
    await prisma.job.update({ where: { id }, data: { leaseUntil: new Date(Date.now() - 1000) } }); // the lease runs out
    expect(await next.drain([kind])).toBe(1);
    wake();
    await stalledRun;
    const job = await prisma.job.findUniqueOrThrow({ where: { id } });
    expect(job).toMatchObject({ status: 'done', attempts: 2, state: { by: 'next' }, result: { by: 'next' }, leaseOwner: null });
  });
});
