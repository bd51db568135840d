/**
 * A Qixue app on the run's database, for supertest: `const t = await startTestApp()` in beforeAll,
 * `await t.close()` in afterAll. Each test then builds its own tenants with the factories.
 */
import { randomInt } from 'node:crypto';
import supertest from 'supertest';
import pino from 'pino';
import { loadConfig, type Config } from '@qixue/config';
import { createApp, type App } from '../../server/src/app';
import type { AppDeps } from '../../server/src/core/context';
import { buildDeps } from '../../server/src/bootstrap';
import { openDatabase } from '../../server/src/db/client';
import { readTestDatabase } from './test-database';

export const STAFF_KEY = 'qxs_test-platform-staff-key-0123456789';

export interface TestApp {
  deps: AppDeps;
  app: App;
  http: ReturnType<typeof supertest.agent> & supertest.SuperTest<supertest.Test>;
  close(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  const info = readTestDatabase();
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SQLITE_PATH: info.sqlitePath,
    DATABASE_URL: info.databaseUrl,
    PLATFORM_API_KEY: STAFF_KEY,
    BODY_LIMIT_KB: '64',
    // supertest connects over loopback: believing its X-Forwarded-For gives each test client its own address (testClient).
    TRUSTED_PROXIES: '127.0.0.0/8,::1',
    ...overrides,
  });
}

export async function startTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const config = testConfig(overrides);
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, sqlitePath: config.SQLITE_PATH, poolSize: 4 });
  const deps: AppDeps = buildDeps(config, db, pino({ level: 'silent' }));
  const app = createApp(deps);
  const http = testClient(app);
  return { deps, app, http, close: () => db.close() };
}

/**
 * supertest on the app, as one client with its own address: per-IP rate limits (SMS codes, logins)
 * then count each test file's requests apart, as they would for different people.
 */
export function testClient(app: App): TestApp['http'] {
  const ip = `10.${randomInt(256)}.${randomInt(256)}.${1 + randomInt(254)}`;
  return supertest.agent(app.callback()).set('X-Forwarded-For', ip) as unknown as TestApp['http'];
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
export const staff = () => bearer(STAFF_KEY);
