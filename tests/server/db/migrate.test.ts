/**
 * Migrations are numbered by domain (1xxx core, 4xxx training…), so one can land with a version
 * below what a database already ran. Postgrator alone moves only forward from the highest applied
 * version and would skip it for good; migrate() runs such a migration too.
 */
import { openDatabase } from '../../../server/src/db/client';
import { migrate } from '../../../server/src/db/migrate';
import { privateDatabase } from '../../support/test-database';
import { testConfig } from '../../support/test-app';

it('runs a migration numbered below the versions the database already ran', async () => {
  const { overrides, drop } = privateDatabase('gaps');
  const config = testConfig(overrides);
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, sqlitePath: config.SQLITE_PATH, poolSize: 2 });
  const q = db.dialect.quote;
  const versions = async () => (await db.raw.query<{ version: number }>('SELECT version FROM schemaversion')).map((r) => Number(r.version));
  try {
    await migrate(db);
    // A database from before 1003 landed: it ran everything above 1003 but not 1003 itself.
    await db.raw.execute(`ALTER TABLE ${q('Tenant')} DROP COLUMN ${q('timeZone')}`);
    await db.raw.execute('DELETE FROM schemaversion WHERE version = 1003');
    expect(Math.max(...(await versions()))).toBeGreaterThan(1003);

    expect(await migrate(db)).toBe(1);
    expect(await versions()).toContain(1003);
    const columns = await db.raw.query(`SELECT ${q('timeZone')} FROM ${q('Tenant')} WHERE 1 = 0`);
    expect(columns).toEqual([]);
    expect(await migrate(db)).toBe(0);
  } finally {
    await db.close();
    await drop();
  }
});
