/**
 * Daily jobs: every server process checks hourly that today's run of each daily job exists, and
 * creates it if not. The job id is derived from the date, so however many processes check, the
 * primary key lets exactly one run a day into the queue (the others' inserts fail as duplicates).
 */
import type { AppDeps } from '../core/context';
import { SWEEP_JOB } from '../modules/privacy/inactivity';
import { MODERATION_JOB } from '../modules/moderation/jobs';

const DAILY: { kind: string; key: string }[] = [
  { kind: SWEEP_JOB, key: 'privacy-sweep' },
  { kind: MODERATION_JOB, key: 'moderation-daily' },
];
const CHECK_EVERY_MS = 3600_000;

const day = (at: Date) => at.toISOString().slice(0, 10).replace(/-/g, '');

/** Creates today's run of every daily job that has none yet; returns how many it created. */
export async function enqueueDailyJobs(deps: AppDeps, now = new Date()): Promise<number> {
  let created = 0;
  for (const { kind, key } of DAILY) {
    try {
      await deps.db.prisma.job.create({ data: { id: `${key}-${day(now)}`, kind, tenantId: null, runAfter: now }, select: { id: true } });
      created++;
    } catch (err) {
      if ((err as { code?: string })?.code !== 'P2002') throw err;
    }
  }
  return created;
}

/**
 * Starts the hourly check (main.ts); returns a function that stops it. Not in test processes: they
 * share one database with test files running at the same time, which a sweep over every enterprise
 * would reach into (tests run the jobs themselves, per enterprise).
 */
export function startDailyJobs(deps: AppDeps): () => void {
  if (deps.config.NODE_ENV === 'test') return () => undefined;
  const check = () => void enqueueDailyJobs(deps).catch((err) => deps.logger.error({ err }, 'daily jobs: enqueue failed'));
  check();
  const timer = setInterval(check, CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
