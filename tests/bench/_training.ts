/** Shared by the training benchmarks: a fresh MariaDB database, migrated, dropped afterwards. */
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { openDatabase, type Database } from '../../server/src/db/client';
import { migrate } from '../../server/src/db/migrate';
import { benchServerUrl } from './_support';

export async function withBenchDatabase<T>(name: string, run: (db: Database, databaseUrl: string) => Promise<T>, poolSize = 10): Promise<T> {
  const server = benchServerUrl();
  const dbName = `qixue_bench_${name.replace(/\W/g, '_')}_${randomBytes(3).toString('hex')}`;
  const url = new URL(server);
  url.pathname = `/${dbName}`;
  const db = await openDatabase({ databaseUrl: url.toString(), sqlitePath: '', poolSize });
  try {
    await migrate(db);
    return await run(db, url.toString());
  } finally {
    await db.close();
    const admin = await mysql.createConnection(server);
    await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await admin.end();
  }
}

/** Inserts rows with multi-row INSERTs of `batch` rows. */
export async function bulkInsert(db: Database, table: string, columns: string[], rows: unknown[][], batch = 1000): Promise<void> {
  const q = db.dialect.quote;
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    const values = chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    await db.raw.execute(`INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES ${values}`, chunk.flat());
  }
}

export const id = (prefix: string, n: number) => `${prefix}${n.toString(36).padStart(8, '0')}`;
