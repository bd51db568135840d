/**
 * WEB_CONCURRENCY > 1: this process becomes the primary of a node:cluster. It only supervises —
 * forks the workers (each one is the whole server: main.ts from the top), replaces a worker that
 * dies, and on SIGTERM/SIGINT passes the signal on and exits once every worker has drained.
 * The workers share the port; everything they share beyond it lives in the database (sessions,
 * tokens, the job queue, rate limits), which is why more than one process needs MySQL.
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

/** A worker that dies this soon after starting is failing to boot: give up rather than loop. */
const MIN_UPTIME_MS = 5_000;
const RESTART_DELAY_MS = 1_000;

/**
 * A larger young generation for the workers. A crowd arriving at once (2,000 people starting an
 * exam) keeps a thousand requests alive per worker, and every scavenge during the burst copies
 * them all: fewer scavenges, less copying. npm run bench -- exam-start, in alternating runs:
 * 32–64 MB semi-spaces used a fifth to a third less CPU than V8's default (16 MB), yet GC was still
 * a fifth of the workers' CPU; 64–128 MB used a further fifth less than 32–64 (fixed 64 or 128 MB
 * did no better). The price is memory: up to 256 MB of young generation per worker under load.
 * Flags given on the command line come later and win.
 */
const WORKER_V8_FLAGS = ['--min-semi-space-size=64', '--max-semi-space-size=128'];

export function superviseWorkers(count: number, logger: Logger): void {
  let stopping = false;
  /** Exit code 1 when a worker could not boot or did not stop cleanly; a worker replaced on the way does not count. */
  let failed = false;
  const startedAt = new Map<Worker, number>();

  cluster.setupPrimary({ execArgv: [...WORKER_V8_FLAGS, ...process.execArgv] });
  const fork = () => startedAt.set(cluster.fork(), Date.now());
  for (let i = 0; i < count; i++) fork();

  cluster.on('exit', (worker, code, signal) => {
    const uptime = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      if (code !== 0) failed = true;
      if (startedAt.size === 0) {
        logger.info('all workers stopped');
        process.exit(failed ? 1 : 0);
      }
      return;
    }
    if (uptime < MIN_UPTIME_MS) {
      logger.fatal({ pid: worker.process.pid, code, signal }, 'worker failed while starting; stopping');
      failed = true;
      stop('worker-failed');
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, 'worker died; starting a new one');
    setTimeout(() => stopping || fork(), RESTART_DELAY_MS);
  });

  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ reason, workers: startedAt.size }, 'stopping workers');
    for (const worker of startedAt.keys()) worker.process.kill('SIGTERM');
    if (startedAt.size === 0) process.exit(1);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  logger.info({ workers: count }, 'Qixue primary: forked workers');
}
