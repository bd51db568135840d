/**
 * Reading statements: one by id, or pages filtered by agent, verb, activity, registration and
 * stored time, newest first unless ascending. Every filter is an indexed column or an indexed ref
 * (XapiStatementRef); pages continue from a cursor (storedUs, row id) in the `more` link.
 */
import type { Database } from '../../db/client';
import { activityKey, agentIfi, agentKey, verbKey } from './keys';

type Json = Record<string, unknown>;

export interface StatementFilter {
  agent?: Json;
  verb?: string;
  activity?: string;
  registration?: string;
  relatedAgents: boolean;
  relatedActivities: boolean;
  sinceUs?: number;
  untilUs?: number;
  ascending: boolean;
  limit: number;
  cursor?: { storedUs: number; rowId: string };
}

export interface StatementPage {
  statements: Json[];
  next?: { storedUs: number; rowId: string };
}

/** A single statement by id; `voided` picks voided statements (voidedStatementId) or the others. */
export async function findStatement(db: Database, tenantId: string, statementId: string, voided: boolean): Promise<Json | null> {
  const q = db.dialect.quote;
  const rows = await db.raw.query<{ statement: string; voided: unknown }>(
    `SELECT ${q('statement')}, ${q('voided')} FROM ${q('XapiStatement')} WHERE ${q('tenantId')} = ? AND ${q('statementId')} = ?`,
    [tenantId, statementId.toLowerCase()],
  );
  const row = rows[0];
  if (!row || Boolean(Number(row.voided)) !== voided) return null;
  return JSON.parse(row.statement) as Json;
}

/** The filter's conditions on the statements aliased `t`, or null when the filter has none. */
function filterConditions(db: Database, f: StatementFilter, t: string): { sql: string[]; params: unknown[] } | 'nothing' | null {
  const q = db.dialect.quote;
  const sql: string[] = [];
  const params: unknown[] = [];
  if (f.verb !== undefined) {
    sql.push(`${t}.${q('verbKey')} = ?`);
    params.push(verbKey(f.verb));
  }
  if (f.registration !== undefined) {
    sql.push(`${t}.${q('registration')} = ?`);
    params.push(f.registration.toLowerCase());
  }
  const refs: { key: string; related: boolean }[] = [];
  if (f.agent) {
    const ifi = agentIfi(f.agent);
    // An anonymous group has no identifier to match: nothing matches it.
    if (!ifi) return 'nothing';
    refs.push({ key: agentKey(ifi), related: f.relatedAgents });
  }
  if (f.activity !== undefined) refs.push({ key: activityKey(f.activity), related: f.relatedActivities });
  for (const ref of refs) {
    sql.push(
      `EXISTS (SELECT 1 FROM ${q('XapiStatementRef')} r WHERE r.${q('statementId')} = ${t}.${q('id')} AND r.${q('refKey')} = ?${ref.related ? '' : ` AND r.${q('related')} = ?`})`,
    );
    params.push(ref.key, ...(ref.related ? [] : [false]));
  }
  return sql.length ? { sql, params } : null;
}

export async function queryStatements(db: Database, tenantId: string, f: StatementFilter): Promise<StatementPage> {
  const q = db.dialect.quote;
  const where = [`s.${q('tenantId')} = ?`, `s.${q('voided')} = ?`];
  const params: unknown[] = [tenantId, false];
  const direct = filterConditions(db, f, 's');
  if (direct === 'nothing') return { statements: [] };
  if (direct) {
    // A statement that refers to a matching statement (StatementRef: a voiding statement, a
    // comment on it) matches too — even when the one it refers to is voided.
    const target = filterConditions(db, f, 't') as { sql: string[]; params: unknown[] };
    where.push(
      `((${direct.sql.join(' AND ')}) OR s.${q('targetId')} IN (SELECT t.${q('statementId')} FROM ${q('XapiStatement')} t WHERE t.${q('tenantId')} = ? AND ${target.sql.join(' AND ')}))`,
    );
    params.push(...direct.params, tenantId, ...target.params);
  }
  if (f.sinceUs !== undefined) {
    where.push(`s.${q('storedUs')} > ?`);
    params.push(f.sinceUs);
  }
  if (f.untilUs !== undefined) {
    where.push(`s.${q('storedUs')} <= ?`);
    params.push(f.untilUs);
  }
  if (f.cursor) {
    const op = f.ascending ? '>' : '<';
    where.push(`(s.${q('storedUs')} ${op} ? OR (s.${q('storedUs')} = ? AND s.${q('id')} ${op} ?))`);
    params.push(f.cursor.storedUs, f.cursor.storedUs, f.cursor.rowId);
  }
  const direction = f.ascending ? 'ASC' : 'DESC';
  const rows = await db.raw.query<{ id: string; storedUs: unknown; statement: string }>(
    `SELECT s.${q('id')}, s.${q('storedUs')}, s.${q('statement')} FROM ${q('XapiStatement')} s WHERE ${where.join(' AND ')} ` +
      `ORDER BY s.${q('storedUs')} ${direction}, s.${q('id')} ${direction} LIMIT ?`,
    [...params, f.limit + 1],
  );
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return {
    statements: page.map((r) => JSON.parse(r.statement) as Json),
    ...(rows.length > f.limit && last && { next: { storedUs: Number(last.storedUs), rowId: last.id } }),
  };
}

/** The most recent stored time of the tenant's statements (Last-Modified of a statement list). */
export async function lastStoredUs(db: Database, tenantId: string): Promise<number | null> {
  const q = db.dialect.quote;
  const rows = await db.raw.query<{ storedUs: unknown }>(
    `SELECT ${q('storedUs')} FROM ${q('XapiStatement')} WHERE ${q('tenantId')} = ? ORDER BY ${q('storedUs')} DESC LIMIT 1`,
    [tenantId],
  );
  return rows[0] ? Number(rows[0].storedUs) : null;
}

export async function findActivity(db: Database, tenantId: string, activityId: string): Promise<Json> {
  const q = db.dialect.quote;
  const rows = await db.raw.query<{ definition: string }>(
    `SELECT ${q('definition')} FROM ${q('XapiActivity')} WHERE ${q('tenantId')} = ? AND ${q('activityKey')} = ?`,
    [tenantId, activityKey(activityId)],
  );
  return { objectType: 'Activity', id: activityId, ...(rows[0] && { definition: JSON.parse(rows[0].definition) as Json }) };
}
