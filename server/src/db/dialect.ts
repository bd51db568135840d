/**
 * The only place with dialect-specific SQL. Each statement has a MySQL/MariaDB and a SQLite
 * implementation; tests/server/db/dialect.test.ts runs both.
 */
export type DialectName = 'mysql' | 'sqlite';

export interface Dialect {
  name: DialectName;
  /** Quotes an identifier (table or column name). */
  quote(identifier: string): string;
  /**
   * Multi-row insert that updates `updateColumns` when a row with the same unique key exists.
   * `updates` maps a column to an SQL expression over `existing` (the stored row) and `incoming`.
   */
  upsertSql(table: string, columns: string[], rowCount: number, conflictKeys: string[], updates: Record<string, string>): string;
  /** Expression referring to the incoming value of `column` inside an upsert's update clause. */
  incoming(column: string): string;
  /** Expression referring to the stored value of `column` inside an upsert's update clause. */
  existing(table: string, column: string): string;
  /** `(a, b) IN (…)` for `rowCount` tuples of placeholders: batched lookups by a compound key. */
  rowIn(columns: string[], rowCount: number): string;
  /** Multi-row insert that skips rows whose unique key is taken (content-addressed rows). */
  insertIgnoreSql(table: string, columns: string[], rowCount: number): string;
  /** Whether an error from a raw statement is a unique-key violation. */
  isDuplicateKey(err: unknown): boolean;
  /** Whether a transaction was chosen as a deadlock victim (rolled back whole: worth running again). */
  isDeadlock(err: unknown): boolean;
  /** Statements that take and release a cross-process lock around migrations. */
  migrationLock: { acquire: string | null; release: string | null };
}

const mysql: Dialect = {
  name: 'mysql',
  quote: (id) => `\`${id.replace(/`/g, '``')}\``,
  upsertSql(table, columns, rowCount, _conflictKeys, updates) {
    const row = `(${columns.map(() => '?').join(', ')})`;
    const sets = Object.entries(updates).map(([column, expr]) => `${this.quote(column)} = ${expr}`);
    return (
      `INSERT INTO ${this.quote(table)} (${columns.map((c) => this.quote(c)).join(', ')}) VALUES ` +
      Array.from({ length: rowCount }, () => row).join(', ') +
      ` ON DUPLICATE KEY UPDATE ${sets.join(', ')}`
    );
  },
  incoming: (column) => `VALUES(\`${column}\`)`,
  existing: (table, column) => `\`${table}\`.\`${column}\``,
  rowIn(columns, rowCount) {
    const row = `(${columns.map(() => '?').join(', ')})`;
    return `(${columns.map((c) => this.quote(c)).join(', ')}) IN (${Array.from({ length: rowCount }, () => row).join(', ')})`;
  },
  insertIgnoreSql(table, columns, rowCount) {
    // Not INSERT IGNORE: that would also turn other errors (a value too long) into warnings.
    const first = this.quote(columns[0]!);
    return `${insertValues(this, table, columns, rowCount)} ON DUPLICATE KEY UPDATE ${first} = ${first}`;
  },
  isDuplicateKey: (err) => (err as { code?: string; errno?: number })?.code === 'ER_DUP_ENTRY' || (err as { errno?: number })?.errno === 1062,
  isDeadlock: (err) => (err as { errno?: number })?.errno === 1213,
  migrationLock: { acquire: "SELECT GET_LOCK('qixue_migrations', 60) AS locked", release: "SELECT RELEASE_LOCK('qixue_migrations') AS released" },
};

const sqlite: Dialect = {
  name: 'sqlite',
  quote: (id) => `"${id.replace(/"/g, '""')}"`,
  upsertSql(table, columns, rowCount, conflictKeys, updates) {
    const row = `(${columns.map(() => '?').join(', ')})`;
    const sets = Object.entries(updates).map(([column, expr]) => `${this.quote(column)} = ${expr}`);
    return (
      `INSERT INTO ${this.quote(table)} (${columns.map((c) => this.quote(c)).join(', ')}) VALUES ` +
      Array.from({ length: rowCount }, () => row).join(', ') +
      ` ON CONFLICT (${conflictKeys.map((c) => this.quote(c)).join(', ')}) DO UPDATE SET ${sets.join(', ')}`
    );
  },
  incoming: (column) => `excluded."${column}"`,
  existing: (table, column) => `"${table}"."${column}"`,
  // SQLite takes a row-value IN only over a subquery: a VALUES list is one.
  rowIn(columns, rowCount) {
    const row = `(${columns.map(() => '?').join(', ')})`;
    return `(${columns.map((c) => this.quote(c)).join(', ')}) IN (VALUES ${Array.from({ length: rowCount }, () => row).join(', ')})`;
  },
  insertIgnoreSql(table, columns, rowCount) {
    return `${insertValues(this, table, columns, rowCount)} ON CONFLICT DO NOTHING`;
  },
  // Raw statements reach SQLite through Prisma, which wraps the driver's error (P2010) with its message.
  isDuplicateKey: (err) => /UNIQUE constraint failed|SQLITE_CONSTRAINT_(?:PRIMARYKEY|UNIQUE)/.test(String((err as Error)?.message ?? '')),
  // One connection: nothing to deadlock with.
  isDeadlock: () => false,
  // One embedded database belongs to one process; SQLite serialises writers itself.
  migrationLock: { acquire: null, release: null },
};

function insertValues(dialect: Dialect, table: string, columns: string[], rowCount: number): string {
  const row = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO ${dialect.quote(table)} (${columns.map((c) => dialect.quote(c)).join(', ')}) VALUES ${Array.from({ length: rowCount }, () => row).join(', ')}`;
}

export const dialects: Record<DialectName, Dialect> = { mysql, sqlite };
