/**
 * Helpers for the privacy tests. Agreement versions are platform-wide: publishing one in the run's
 * shared database would ask every other test file's members to accept it. So the agreement tests
 * run on a database of their own (startPrivateApp), dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { createApp } from '../../../server/src/app';
import { buildDeps } from '../../../server/src/bootstrap';
import { openDatabase } from '../../../server/src/db/client';
import { migrate } from '../../../server/src/db/migrate';
import { sandboxSmsOutbox } from '../../../server/src/hosts/sms/sandbox';
import { privateDatabase } from '../../support/test-database';
import { bearer, staff, testClient, testConfig, type TestApp } from '../../support/test-app';

export async function startPrivateApp(): Promise<TestApp> {
  const { overrides, drop } = privateDatabase('p');
  const config = testConfig(overrides);
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, sqlitePath: config.SQLITE_PATH, poolSize: 4 });
  await migrate(db);
  const deps = buildDeps(config, db, pino({ level: 'silent' }));
  const app = createApp(deps);
  const http = testClient(app);
  return {
    deps, app, http,
    close: async () => {
      await db.close();
      await drop();
    },
  };
}

export async function publish(t: TestApp, kind: 'user_agreement' | 'privacy_policy', summary = '首次发布 / First version') {
  const version = `v${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  const res = await t.http
    .post('/platform/v1/agreements')
    .set(staff())
    .send({ kind, version, content: `《${kind}》${version} 正文 / text`, changeSummary: summary })
    .expect(201);
  return res.body.agreement as { id: string; kind: string; version: string };
}

/** Accepts every current version for this member. */
export async function acceptAll(t: TestApp, token: string) {
  const pending = await t.http.get('/api/v1/agreements/pending').set(bearer(token)).expect(200);
  for (const v of pending.body.items) await t.http.post(`/api/v1/agreements/${v.id}/accept`).set(bearer(token)).expect(201);
}

/** The code of the latest SMS sent to this phone. */
export const lastCode = (phone: string) => sandboxSmsOutbox.lastCode(phone)!;

export const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
