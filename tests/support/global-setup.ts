import { openDatabase } from '../../server/src/db/client';
import { migrate } from '../../server/src/db/migrate';
import { ENV_KEY, planTestDatabase } from './test-database';

/** Creates and migrates the run's database once; workers inherit its location. */
export default async function globalSetup(): Promise<void> {
  const info = planTestDatabase();
  process.env[ENV_KEY] = JSON.stringify(info);
  const db = await openDatabase({ databaseUrl: info.databaseUrl, sqlitePath: info.sqlitePath, poolSize: 2 });
  await migrate(db);
  await db.close();
}
