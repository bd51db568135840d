/**
 * The database a test run uses: a fresh SQLite file, or — with TEST_DATABASE_URL=mysql://… — a
 * freshly created MySQL/MariaDB database that globalTeardown drops.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

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
