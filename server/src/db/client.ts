/**
 * Opens Qixue's database: MySQL/MariaDB when DATABASE_URL is set, otherwise the embedded SQLite
 * file. Both use the Prisma client generated from the same schema, through driver adapters.
 *
 * This module hands out the *unscoped* client. Only db/, platform-staff code, host callbacks and
 * jobs that name their tenant explicitly may import it (eslint enforces this); route handlers get
 * the tenant-scoped client from core/tenancy.
 */
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import mysql from 'mysql2/promise';
import { ROOT_DIR, type Config } from '@qixue/config';
import { PrismaClient as MysqlPrismaClient } from './generated/mysql/client';
import { PrismaClient as SqlitePrismaClient } from './generated/sqlite/client';
import { dialects, type Dialect } from './dialect';
import { appendOnly } from './append-only';
import { PrismaSqliteOneConnection } from './sqlite-adapter';

export type BasePrismaClient = MysqlPrismaClient;
export type PrismaClient = ReturnType<typeof appendOnly>;

/** Plain SQL for the few places that earn it (bulk writes, reports). Placeholders are `?`. */
export interface RawSql {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  execute(sql: string, params?: unknown[]): Promise<number>;
}

export interface Database {
  dialect: Dialect;
  prisma: PrismaClient;
  raw: RawSql;
  /**
   * Runs `work` in one transaction on one connection (committed when it resolves, rolled back when
   * it throws): several raw writes that stand or fall together, for the price of one commit.
   */
  rawTransaction<T>(work: (tx: RawSql) => Promise<T>): Promise<T>;
  /** Connections of the raw-SQL pool (MySQL/MariaDB; null for the one embedded SQLite connection). */
  poolStats(): { total: number; idle: number; waiting: number } | null;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  sqlitePath: string;
  poolSize: number;
}

export function databaseOptions(config: Config): DatabaseOptions {
  return { databaseUrl: config.DATABASE_URL, sqlitePath: config.SQLITE_PATH, poolSize: config.DB_POOL_SIZE };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl ? openMysql(options.databaseUrl, options.poolSize) : openSqlite(options.sqlitePath);
}

async function openMysql(databaseUrl: string, poolSize: number): Promise<Database> {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) throw new Error('DATABASE_URL must name a database, e.g. mysql://root@127.0.0.1:3306/qixue');
  await ensureMysqlDatabase(url, database);

  const connection = {
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
  };
  // Text protocol: one round trip per query. The binary protocol costs three here (the adapter
  // turns the driver's statement cache off, so every query is prepared, run and closed).
  const adapter = new PrismaMariaDb({ ...connection, connectionLimit: poolSize }, { useTextProtocol: true });
  const base = new MysqlPrismaClient({ adapter });
  // trace: false — capturing a stack for every query cost more than the query on hot paths.
  const pool = mysql.createPool({ ...connection, connectionLimit: poolSize, timezone: 'Z', supportBigNumbers: true, trace: false });
  const rawOn = (on: mysql.Pool | mysql.PoolConnection): RawSql => ({
    async query<T>(sql: string, params: unknown[] = []) {
      const [rows] = await on.query(sql, params);
      return rows as T[];
    },
    async execute(sql: string, params: unknown[] = []) {
      const [result] = await on.query(sql, params);
      return (result as mysql.ResultSetHeader).affectedRows;
    },
  });
  return {
    dialect: dialects.mysql,
    prisma: appendOnly(base),
    raw: rawOn(pool),
    async rawTransaction(work) {
      const connection = await pool.getConnection();
      try {
        await connection.query('BEGIN');
        const result = await work(rawOn(connection));
        await connection.query('COMMIT');
        return result;
      } catch (err) {
        await connection.query('ROLLBACK').catch(() => connection.destroy());
        throw err;
      } finally {
        connection.release();
      }
    },
    poolStats() {
      // mysql2 keeps these lists on the callback pool behind the promise wrapper (not public API).
      const core = (pool as unknown as { pool?: { _allConnections?: { length: number }; _freeConnections?: { length: number }; _connectionQueue?: { length: number } } }).pool;
      if (!core?._allConnections) return null;
      return { total: core._allConnections.length, idle: core._freeConnections?.length ?? 0, waiting: core._connectionQueue?.length ?? 0 };
    },
    async close() {
      await Promise.all([base.$disconnect(), pool.end()]);
    },
  };
}

async function ensureMysqlDatabase(url: URL, database: string): Promise<void> {
  const admin = await mysql.createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${database.replace(/`/g, '')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
}

async function openSqlite(sqlitePath: string): Promise<Database> {
  const file = isAbsolute(sqlitePath) ? sqlitePath : resolve(ROOT_DIR, sqlitePath);
  mkdirSync(dirname(file), { recursive: true });
  const adapter = new PrismaSqliteOneConnection({ url: `file:${file}` });
  const base = new SqlitePrismaClient({ adapter }) as unknown as MysqlPrismaClient;
  await base.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await base.$executeRawUnsafe('PRAGMA busy_timeout = 10000');
  // One connection serves Prisma and raw SQL alike, so the two never contend for the write lock.
  const raw: RawSql = {
    query: <T>(sql: string, params: unknown[] = []) => base.$queryRawUnsafe<T[]>(sql, ...params),
    execute: (sql: string, params: unknown[] = []) => base.$executeRawUnsafe(sql, ...params),
  };
  return {
    dialect: dialects.sqlite,
    prisma: appendOnly(base),
    raw,
    // The adapter holds every other query back while the transaction is open (sqlite-adapter.ts).
    rawTransaction: (work) =>
      base.$transaction(
        (tx) => work({
          query: <T>(sql: string, params: unknown[] = []) => tx.$queryRawUnsafe<T[]>(sql, ...params),
          execute: (sql: string, params: unknown[] = []) => tx.$executeRawUnsafe(sql, ...params),
        }),
        // Behind other transactions on the one connection: wait for a turn longer than Prisma's 2 s default.
        { maxWait: 30_000, timeout: 30_000 },
      ),
    poolStats: () => null,
    close: () => base.$disconnect(),
  };
}
