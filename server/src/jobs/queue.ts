/**
 * A small durable job queue in the database, shared by every server process.
 *
 *   queue.register('directory.full-sync', async (job, io) => { …; await io.progress(done, total, state); })
 *   const id = await queue.enqueue({ tenantId, kind: 'directory.full-sync', payload })
 *
 * A worker claims a job with a lease (a compare-and-set, db/compare-and-set), and every later write
 * names that lease, so a worker that stalled past it stops quietly; a job whose lease ran out
 * (its process died) is claimed again and resumes from the `state` its handler checkpointed.
 * Failures retry with backoff up to MAX_ATTEMPTS. Tests call drain() to run everything now.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { PrismaClient } from '../db/client';
import { compareAndSet } from '../db/compare-and-set';

export interface JobRecord {
  id: string;
  tenantId: string | null;
  kind: string;
  payload: unknown;
  state: unknown;
  attempts: number;
  createdById: string | null;
}

export interface JobIO {
  /** Reports progress and checkpoints the handler's state (to resume after a crash). Renews the lease. */
  progress(done: number, total: number, state?: unknown): Promise<void>;
}

export type JobHandler = (job: JobRecord, io: JobIO) => Promise<unknown>;

const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 5;

export class JobQueue {
  private readonly handlers = new Map<string, JobHandler>();
  private readonly owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  private timer: NodeJS.Timeout | null = null;
  private running = 0;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly logger: Logger,
    private readonly concurrency = 2,
  ) {}

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  async enqueue(input: { tenantId: string | null; kind: string; payload?: unknown; createdById?: string; runAfter?: Date }): Promise<string> {
    const job = await this.prisma.job.create({
      data: {
        tenantId: input.tenantId,
        kind: input.kind,
        payload: (input.payload ?? undefined) as object | undefined,
        createdById: input.createdById,
        runAfter: input.runAfter ?? new Date(),
      },
      select: { id: true },
    });
    this.kick();
    return job.id;
  }

  /** Polls for due jobs every `intervalMs` (main.ts); enqueue() also wakes it. */
  start(intervalMs = 1000): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.running > 0) await new Promise((r) => setTimeout(r, 50));
  }

  /** Runs due jobs until none is left (tests, CLI). Returns how many ran. */
  async drain(kinds?: string[]): Promise<number> {
    let ran = 0;
    for (;;) {
      const job = await this.claim(kinds);
      if (!job) return ran;
      await this.run(job);
      ran++;
    }
  }

  private kick(): void {
    if (!this.timer) return;
    while (this.running < this.concurrency) {
      this.running++;
      void this.claim()
        .then((job) => (job ? this.run(job).then(() => true) : false))
        .catch((err) => {
          this.logger.error({ err }, 'job queue: claim failed');
          return false;
        })
        .then((more) => {
          this.running--;
          if (more) this.kick();
        });
    }
  }

  private async claim(kinds?: string[]): Promise<JobRecord | null> {
    const now = new Date();
    const registered = kinds ?? [...this.handlers.keys()];
    if (registered.length === 0) return null;
    const candidates = await this.prisma.job.findMany({
      where: {
        kind: { in: registered },
        runAfter: { lte: now },
        OR: [{ status: 'queued' }, { status: 'running', leaseUntil: { lt: now } }],
      },
      orderBy: { runAfter: 'asc' },
      take: 5,
      select: { id: true, attempts: true, status: true, leaseOwner: true },
    });
    for (const candidate of candidates) {
      // The compare-and-set is the lock: only one process wins a given attempt. It compares the
      // values just read, not the lease time (no date comparisons in raw SQL, see the helper):
      // every claim adds 1 to attempts and every other write comes from the claimant (finishing
      // or failing changes status or leaseOwner), so unchanged values mean nobody took the job
      // since the read found it claimable. An owner past its lease that renews it in between is
      // overtaken, as it would have been a moment later.
      const at = new Date();
      const won = await compareAndSet(
        this.prisma,
        'Job',
        { id: candidate.id, attempts: candidate.attempts, status: candidate.status, leaseOwner: candidate.leaseOwner },
        { status: 'running', leaseOwner: this.owner, leaseUntil: new Date(at.getTime() + LEASE_MS), attempts: { increment: 1 }, updatedAt: at },
      );
      if (won === 1) {
        return this.prisma.job.findUniqueOrThrow({
          where: { id: candidate.id },
          select: { id: true, tenantId: true, kind: true, payload: true, state: true, attempts: true, createdById: true },
        });
      }
    }
    return null;
  }

  private async run(job: JobRecord): Promise<void> {
    const handler = this.handlers.get(job.kind);
    // Every write names this worker's lease: a worker that stalled past its lease while another
    // claimed the job again must not report progress on it, nor finish it (jobs write JSON as text).
    const writeMine = (set: Omit<Parameters<typeof compareAndSet<'Job'>>[3], 'updatedAt'>) =>
      compareAndSet(this.prisma, 'Job', { id: job.id, attempts: job.attempts, status: 'running', leaseOwner: this.owner }, { ...set, updatedAt: new Date() });
    const io: JobIO = {
      progress: async (done, total, state) => {
        const held = await writeMine({
          progressDone: done, progressTotal: total, ...(state !== undefined && { state: JSON.stringify(state) }), leaseUntil: new Date(Date.now() + LEASE_MS),
        });
        if (held !== 1) throw new LeaseLost(job.id);
      },
    };
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      const result = await handler(job, io);
      const held = await writeMine({
        status: 'done', result: result === undefined ? null : JSON.stringify(result), finishedAt: new Date(), leaseOwner: null, leaseUntil: null,
      });
      if (held !== 1) throw new LeaseLost(job.id);
    } catch (err) {
      if (err instanceof LeaseLost) {
        this.logger.warn({ jobId: job.id, kind: job.kind }, 'job lease lost: another worker has the job now; stopped without writing');
        return;
      }
      const final = job.attempts >= MAX_ATTEMPTS;
      this.logger.warn({ err, jobId: job.id, kind: job.kind, attempt: job.attempts, final }, 'job failed');
      await writeMine({
        status: final ? 'failed' : 'queued',
        error: String((err as Error)?.message ?? err).slice(0, 1000),
        runAfter: new Date(Date.now() + 2 ** job.attempts * 1000),
        leaseOwner: null,
        leaseUntil: null,
        ...(final && { finishedAt: new Date() }),
      });
    }
  }
}

/** This worker's lease on the job ran out and another worker claimed it. */
export class LeaseLost extends Error {
  constructor(jobId: string) {
    super(`job ${jobId}: lease lost`);
    this.name = 'LeaseLost';
  }
}
