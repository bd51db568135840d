/**
 * The database a test run uses: a fresh SQLite file, or — with TEST_DATABASE_URL=mysql://… — a
 * freshly created MySQL/MariaDB database that globalTeardown drops.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

export interface TestDatabaseInfo {
  databaseUrl?: string;
  sqlitePath: string;
  mysqlServerUrl?: string;
  mysqlDatabase?: string;
}

export function planTestDatabase(): TestDatabaseInfo {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const url = new URL(server);
    const name = `qixue_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    url.pathname = `/${name}`;
    return { databaseUrl: url.toString(), sqlitePath: '', mysqlServerUrl: server, mysqlDatabase: name };
  }
  return { sqlitePath: join(mkdtempSync(join(tmpdir(), 'qixue-test-')), 'test.db') };
}

export const ENV_KEY = 'QIXUE_TEST_DB';
export const readTestDatabase = (): TestDatabaseInfo => JSON.parse(process.env[ENV_KEY] ?? '{}');

/**
 * A database of one test file's own, on the run's server (or a SQLite file), for tests whose data
 * would disturb the shared database (published agreements, a sandbox's installs). `overrides` are
 * the configuration variables that point an app at it; drop() removes it.
 */
export function privateDatabase(label: string): { overrides: Record<string, string>; drop(): Promise<void> } {
  const run = readTestDatabase();
  if (run.mysqlServerUrl) {
    const name = `${run.mysqlDatabase}_${label}${randomBytes(4).toString('hex')}`;
    const url = new URL(run.mysqlServerUrl);
    url.pathname = `/${name}`;
    return {
      overrides: { DATABASE_URL: url.toString() },
      async drop() {
        const connection = await mysql.createConnection(run.mysqlServerUrl!);
        await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
        await connection.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), `qixue-${label}-`));
  return { overrides: { SQLITE_PATH: join(dir, 'test.db') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}
