/**
 * Compare-and-set in one UPDATE statement: `UPDATE T SET … WHERE a = ? AND b IS NULL AND …`,
 * returning how many rows it changed. It is the lock wherever only one caller may win (claiming a
 * job, using a one-time code, recording credit hours once, answering a request once, saving on top
 * of a revision): the database checks the condition and writes under the same row lock, so of
 * concurrent callers exactly one gets 1.
 *
 * Prisma 7's `updateMany({ where, data })` is NOT a compare-and-set: it first SELECTs the ids that
 * match, then runs `UPDATE … WHERE id IN (…)` without the condition, so two callers can both read
 * the row as matching and both "win". Every "only one wins" update goes through here instead.
 *
 * The count is what the database reports for the UPDATE: on MySQL/MariaDB both the mariadb
 * connector and mysql2 report FOUND (matched) rows by default, not rows whose values changed;
 * SQLite's changes() counts matched rows too. So give every call a WHERE that the SET makes false
 * (or a SET that changes a column the WHERE pins), then "matched" is "won".
 *
 * Raw SQL skips what the Prisma client would add:
 * - the tenant scope (core/tenancy): a caller holding a tenant-scoped client MUST put `tenantId`
 *   in `where` itself;
 * - `@updatedAt`: for a model with `updatedAt DateTime @updatedAt`, pass `updatedAt: new Date()` in
 *   `set` (the type asks for it whenever the model has an `updatedAt` column).
 *
 * DateTime columns can be set from a Date, but not compared: SQLite keeps dates as text in Prisma's
 * format, which a bound Date parameter need not equal. In `where` the type allows them only `null`.
 */
import type { Prisma } from './generated/mysql/client';

/** A Prisma client, a tenant-scoped client or an interactive-transaction client. */
export interface SqlExecutor {
  $executeRawUnsafe(sql: string, ...values: unknown[]): Promise<number>;
}

type Fields<M extends Prisma.ModelName> = Prisma.TypeMap['model'][M]['fields'];
type Condition = string | number | boolean | null;

/** Equality on each column (`null`: IS NULL). A DateTime column can only be tested IS NULL (see the top). */
export type CasWhere<M extends Prisma.ModelName> = {
  [K in keyof Fields<M>]?: Fields<M>[K] extends Prisma.FieldRef<M, 'DateTime'> ? null : Condition;
};

/** New values; `{ increment: n }` adds n to the stored value. */
export type CasSet<M extends Prisma.ModelName> = { [K in keyof Fields<M>]?: unknown } & ('updatedAt' extends keyof Fields<M> ? { updatedAt: Date } : unknown);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

// Backticks quote identifiers in MySQL, and SQLite accepts them too (for MySQL compatibility), so
// one spelling serves both dialects without passing the Dialect around.
function quote(identifier: string): string {
  if (!IDENTIFIER.test(identifier)) throw new Error(`compareAndSet: bad identifier ${JSON.stringify(identifier)}`);
  return `\`${identifier}\``;
}

const isIncrement = (value: unknown): value is { increment: number } =>
  typeof value === 'object' && value !== null && !(value instanceof Date) && Object.keys(value).length === 1 && typeof (value as { increment?: unknown }).increment === 'number';

// Booleans as 1/0: the column type in both dialects, and better-sqlite3 binds no booleans.
const param = (value: unknown) => (typeof value === 'boolean' ? Number(value) : value);

export function compareAndSetSql(table: string, where: Record<string, unknown>, set: Record<string, unknown>): { sql: string; values: unknown[] } {
  const sets = Object.entries(set);
  const conditions = Object.entries(where);
  if (sets.length === 0) throw new Error(`compareAndSet on ${table}: nothing to set`);
  if (conditions.length === 0) throw new Error(`compareAndSet on ${table}: empty where`);
  const values: unknown[] = [];
  const assignments = sets.map(([column, value]) => {
    if (value === undefined) throw new Error(`compareAndSet on ${table}: set.${column} is undefined`);
    if (isIncrement(value)) {
      values.push(value.increment);
      return `${quote(column)} = ${quote(column)} + ?`;
    }
    values.push(param(value));
    return `${quote(column)} = ?`;
  });
  const tests = conditions.map(([column, value]) => {
    if (value === undefined) throw new Error(`compareAndSet on ${table}: where.${column} is undefined`);
    if (value instanceof Date) throw new Error(`compareAndSet on ${table}: where.${column} compares a date`);
    if (value === null) return `${quote(column)} IS NULL`;
    values.push(param(value));
    return `${quote(column)} = ?`;
  });
  return { sql: `UPDATE ${quote(table)} SET ${assignments.join(', ')} WHERE ${tests.join(' AND ')}`, values };
}

/**
 * Sets `set` on the rows of `table` (the model's name) that match `where`, in one statement, and
 * returns how many: 1 means this caller won, 0 that the condition no longer held.
 *
 *   const won = await compareAndSet(db, 'Enrolment', { id, tenantId, completedAt: null }, { completedAt: now, updatedAt: now });
 */
export function compareAndSet<M extends Prisma.ModelName>(db: SqlExecutor, table: M, where: CasWhere<M>, set: CasSet<M>): Promise<number> {
  const { sql, values } = compareAndSetSql(table, where as Record<string, unknown>, set as Record<string, unknown>);
  return db.$executeRawUnsafe(sql, ...values);
}
