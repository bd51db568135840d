/**
 * npm run demo:reset — forgets the local demo data (the embedded SQLite file and stored files), so
 * the next `npm start` installs the demo corp and its content afresh. Only for a development setup:
 * it refuses when a real WeCom (WECOM_API_BASE) or a MySQL/MariaDB database (DATABASE_URL) is
 * configured, where deleting data is never a reset.
 */
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig, ROOT_DIR, usesSandbox } from '@qixue/config';

const envFile = resolve(ROOT_DIR, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);
const config = loadConfig();
if (!usesSandbox(config) || config.DATABASE_URL) {
  console.error('demo:reset only resets the local demo (embedded SQLite with the sandbox); WECOM_API_BASE or DATABASE_URL is set, nothing deleted.');
  process.exit(1);
}
const database = resolve(ROOT_DIR, config.SQLITE_PATH);
const removed = [database, `${database}-wal`, `${database}-shm`, `${database}-journal`, resolve(ROOT_DIR, config.STORAGE_DIR)].filter((p) => existsSync(p));
for (const path of removed) rmSync(path, { recursive: true, force: true });
console.log(removed.length ? `演示数据已清除 / Demo data removed: ${removed.join(', ')}\nRun npm start to install the demo corp and its content again.` : 'Nothing to remove: no local demo data yet.');
