/**
 * Prometheus metrics (prom-client), one registry per process. Counters and histograms are updated
 * where things happen; gauges that need the database (job queue) are read when /metrics is scraped.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const latencyBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const metrics = {
  httpRequests: new Counter({ name: 'qixue_http_requests_total', help: 'HTTP requests by route and status', labelNames: ['method', 'route', 'status'] as const, registers: [registry] }),
  httpDuration: new Histogram({
    name: 'qixue_http_request_duration_seconds', help: 'HTTP request latency by route', labelNames: ['method', 'route'] as const, buckets: latencyBuckets, registers: [registry],
  }),
  heartbeatBatchSize: new Histogram({
    name: 'qixue_heartbeat_batch_size', help: 'Heartbeats written per group commit', buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1000], registers: [registry],
  }),
  heartbeatCommitSeconds: new Histogram({ name: 'qixue_heartbeat_commit_seconds', help: 'Latency of a heartbeat group commit', buckets: latencyBuckets, registers: [registry] }),
  xapiStatementsStored: new Counter({ name: 'qixue_xapi_statements_stored_total', help: 'xAPI statements stored', registers: [registry] }),
  xapiEventsEmitted: new Counter({ name: 'qixue_xapi_learning_events_total', help: 'Qixue learning events recorded as xAPI statements', labelNames: ['event'] as const, registers: [registry] }),
};

/** Gauges read at scrape time from a source the running server provides (main/bootstrap). */
export function registerScrapeGauges(sources: {
  jobQueue: () => Promise<{ depth: number; oldestAgeSeconds: number }>;
  dbPool: () => { total: number; idle: number; waiting: number } | null;
}): void {
  for (const name of ['qixue_job_queue_depth', 'qixue_job_queue_oldest_age_seconds', 'qixue_db_pool_connections']) registry.removeSingleMetric(name);
  let pending: Promise<{ depth: number; oldestAgeSeconds: number }> | null = null;
  const queue = () => (pending ??= sources.jobQueue().finally(() => setTimeout(() => (pending = null), 0)));
  new Gauge({
    name: 'qixue_job_queue_depth', help: 'Queued jobs that are due', registers: [registry],
    async collect() {
      this.set((await queue()).depth);
    },
  });
  new Gauge({
    name: 'qixue_job_queue_oldest_age_seconds', help: 'Age of the oldest due queued job', registers: [registry],
    async collect() {
      this.set((await queue()).oldestAgeSeconds);
    },
  });
  new Gauge({
    name: 'qixue_db_pool_connections', help: 'Database pool connections by state (MySQL/MariaDB raw pool)', labelNames: ['state'] as const, registers: [registry],
    collect() {
      const pool = sources.dbPool();
      if (!pool) return;
      this.set({ state: 'total' }, pool.total);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'in_use' }, pool.total - pool.idle);
      this.set({ state: 'waiting' }, pool.waiting);
    },
  });
}
