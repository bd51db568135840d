/**
 * Runs Qixue: loads configuration (refusing to boot on an invalid value), migrates the database,
 * listens, and on SIGTERM/SIGINT stops accepting connections and drains in-flight requests.
 * With WEB_CONCURRENCY > 1 this process supervises that many workers that each do all of this (cluster.ts).
 */
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig, ROOT_DIR, usesSandbox } from '@qixue/config';
import { createApp, LISTEN_BACKLOG } from './app';
import { bootstrap } from './bootstrap';
import { superviseWorkers } from './cluster';
import { createLogger } from './core/logger';
import { startLocalHosts } from '../sandbox/local';
import { startDailyJobs } from './jobs/scheduler';

const DRAIN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const envFile = resolve(ROOT_DIR, '.env');
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const logger = createLogger(config);
  if (config.WEB_CONCURRENCY > 1 && cluster.isPrimary) {
    superviseWorkers(config.WEB_CONCURRENCY, logger);
    return;
  }
  // No real WeCom configured: the sandbox stands in for WeCom and WeChat (server/sandbox/local.ts).
  const local = usesSandbox(config) ? await startLocalHosts(config, logger) : null;
  if (local) config = { ...config, WECOM_API_BASE: local.url };
  const deps = await bootstrap(config, logger);
  const app = createApp(deps);
  const server = app.listen(config.PORT, config.HOST, LISTEN_BACKLOG, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    logger.info({ port, db: deps.db.dialect.name }, `Qixue listening on http://localhost:${port}`);
    // The two addresses a person needs (with the sandbox, its demo banner prints them once the demo is in place).
    if (local) local.connect(deps, port).catch((err) => logger.error({ err }, 'sandbox: connecting to Qixue failed'));
    else console.log(`\n  员工端 Employee app:    ${config.PUBLIC_URL}/app/\n  管理后台 Admin console: ${config.PUBLIC_URL}/admin\n`);
  });
  // Clients that opened a page keep their connection for the next tap (2,000 people on the exam
  // page pressing 开始考试); longer than the 60 s idle timeout of common load balancers.
  server.keepAliveTimeout = 65_000;
  deps.jobs.start();
  const stopDailyJobs = startDailyJobs(deps);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: draining in-flight requests');
    const force = setTimeout(() => {
      logger.warn('drain timed out; closing remaining connections');
      server.closeAllConnections();
    }, DRAIN_TIMEOUT_MS);
    force.unref();
    server.close(async () => {
      stopDailyJobs();
      await deps.jobs.stop();
      await local?.close();
      await deps.db.close();
      logger.info('stopped');
      process.exit(0);
    });
    // Keep-alive sockets turn idle as their last response is sent: close them as they do.
    const reaper = setInterval(() => server.closeIdleConnections(), 50);
    reaper.unref();
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
