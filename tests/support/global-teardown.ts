import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import mysql from 'mysql2/promise';
import { readTestDatabase } from './test-database';

export default async function globalTeardown(): Promise<void> {
  const info = readTestDatabase();
  if (info.mysqlServerUrl && info.mysqlDatabase) {
    const connection = await mysql.createConnection(info.mysqlServerUrl);
    await connection.query(`DROP DATABASE IF EXISTS \`${info.mysqlDatabase}\``);
    await connection.end();
  } else if (info.sqlitePath) {
    rmSync(dirname(info.sqlitePath), { recursive: true, force: true });
  }
}
