/**
 * Applies the SQL migrations of the database's dialect (prisma/migrations/<dialect>/NNNN.do.name.sql)
 * with postgrator, which records each applied version with its checksum in `schemaversion` and
 * refuses to run when an applied file has changed. Runs at start-up and in tests.
 */
import { join, resolve } from 'node:path';
import type { Database } from './client';

export const MIGRATIONS_DIR = resolve(__dirname, '..', '..', 'prisma', 'migrations');

/** Applies every migration, or up to `target` (a version: tests of a data migration start before it). */
export async function migrate(db: Database, target = 'max'): Promise<number> {
  // postgrator is an ES module; Node 20.19+ loads it synchronously, jest through its transform.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: Postgrator } = require('postgrator') as typeof import('postgrator', { with: { 'resolution-mode': 'import' } });
  const { dialect, raw } = db;
  const postgrator = new Postgrator({
    migrationPattern: join(MIGRATIONS_DIR, dialect.name, '*.sql'),
    driver: dialect.name === 'mysql' ? 'mysql' : 'sqlite3',
    database: dialect.name === 'mysql' ? await currentMysqlDatabase(db) : undefined,
    schemaTable: 'schemaversion',
    execQuery: async (sql: string) => ({ rows: await runScript(db, sql) }),
  });
  if (dialect.migrationLock.acquire) await raw.query(dialect.migrationLock.acquire);
  try {
    const skipped = await skippedMigrations(postgrator, db, target);
    const filled = await postgrator.runMigrations(skipped);
    const applied = await postgrator.migrate(target);
    return filled.length + applied.length;
  } finally {
    if (dialect.migrationLock.release) await raw.query(dialect.migrationLock.release);
  }
}

type PostgratorInstance = InstanceType<typeof import('postgrator', { with: { 'resolution-mode': 'import' } }).default>;

/**
 * Migrations below the database's version that it never ran. Postgrator only moves forward from the
 * highest applied version, so a migration numbered in its domain's range (1xxx core, 4xxx training…)
 * that lands after a higher one would be skipped on every existing database; these run first, in order.
 */
async function skippedMigrations(postgrator: PostgratorInstance, db: Database, target: string) {
  const current = await postgrator.getDatabaseVersion();
  if (current === 0) return [];
  const limit = target === 'max' ? current : Math.min(current, Number(target));
  const rows = await db.raw.query<{ version: number | string }>('SELECT version FROM schemaversion');
  const applied = new Set(rows.map((row) => Number(row.version)));
  const migrations = await postgrator.getMigrations();
  return migrations
    .filter((m) => m.action === 'do' && m.version > 0 && m.version < limit && !applied.has(m.version))
    .sort((a, b) => a.version - b.version);
}

async function currentMysqlDatabase(db: Database): Promise<string> {
  const [row] = await db.raw.query<{ name: string }>('SELECT DATABASE() AS name');
  return row.name;
}

/** A migration file holds several statements; postgrator's own queries are single statements. */
async function runScript(db: Database, script: string): Promise<Record<string, unknown>[]> {
  const statements = splitStatements(script);
  let rows: Record<string, unknown>[] = [];
  for (const statement of statements) {
    if (/^\s*(SELECT|PRAGMA|SHOW|WITH)\b/i.test(statement)) rows = await db.raw.query(statement);
    else await db.raw.execute(statement);
  }
  return rows;
}

/** Splits on semicolons at line ends, keeping trigger bodies (BEGIN … END;) whole. */
export function splitStatements(script: string): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  let inBlock = false;
  for (const line of script.split('\n')) {
    if (/^\s*--/.test(line) && current.length === 0) continue;
    current.push(line);
    if (/\bBEGIN\b/i.test(line) && !/\bEND;\s*$/i.test(line)) inBlock = true;
    if (inBlock ? /\bEND;\s*$/i.test(line) : /;\s*$/.test(line)) {
      inBlock = false;
      const text = current.join('\n').trim().replace(/;$/, '');
      if (text) statements.push(text);
      current = [];
    }
  }
  const rest = current.join('\n').trim();
  if (rest) statements.push(rest);
  return statements;
}
