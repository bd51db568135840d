/**
 * Storing statements: ids, stored times and authority assigned, then one transaction that writes
 * every table with one multi-row insert each (attachments, activities, index refs, statements),
 * then voiding. Everything a request acknowledged has been committed by then.
 *
 * The hot path is optimistic: a batch of new statements needs no read first. Concurrent batches
 * are gathered (group commit) into one transaction, so a crowd of clients pays one commit for
 * many batches. Only when the unique (tenantId, statementId) key refuses a row — a statement sent
 * again, or an id taken by another statement — is the batch stored the careful way: read what
 * exists, compare, insert the rest.
 */
import { randomUUID } from 'node:crypto';
import type { Database, RawSql } from '../../db/client';
import type { Dialect } from '../../db/dialect';
import { errors } from '../../core/errors';
import { newRowId } from '../../core/tokens';
import type { LrsClient } from '../../core/context';
import { GroupCommit } from '../../core/group-commit';
import { activityKey, agentIfi, agentKey, verbKey } from './keys';
import { VOIDED_VERB } from './statement-validation';
import { sameStatement } from './statement-equivalence';
import { isoFromUs, nextStoredUs, toUtc } from './stored-time';
import { metrics } from '../../core/metrics';

type Json = Record<string, unknown>;

export interface AttachmentContent {
  contentType: string;
  body: Buffer;
}

interface Row {
  rowId: string;
  tenantId: string;
  statementId: string;
  statement: Json;
  storedUs: number;
}

/** Rows per INSERT (SQLite binds at most 32,766 parameters; 9 columns × 1,000 stays clear). */
const INSERT_CHUNK = 1000;
/** Batches gathered into one transaction, and transactions at once (each holds a pooled connection). */
const GROUP_MAX_BATCHES = 20;
const GROUP_IN_FLIGHT = 4;

/** Stores a batch (already validated). Returns the statement ids in the order given. */
export async function storeStatements(db: Database, client: LrsClient, statements: Json[], attachments: Map<string, AttachmentContent>): Promise<string[]> {
  const ids = statements.map((s) => (typeof s.id === 'string' ? s.id.toLowerCase() : randomUUID()));
  if (new Set(ids).size !== ids.length) throw errors.badRequest('duplicate_statement_id', '同一批次中语句 id 重复 / The batch repeats a statement id');
  const normalised = statements.map(normaliseContext);

  let rows: Row[] | null = null;
  if (attachments.size === 0) {
    const fresh = normalised.map((s, i) => newRow(client, s, ids[i]!));
    if ((await writerOf(db).submit(fresh)) === 'stored') rows = fresh;
  }
  rows ??= await storeCarefully(db, client, normalised, ids, attachments);
  await applyVoiding(db, client.tenantId, rows);
  metrics.xapiStatementsStored.inc(rows.length);
  return ids;
}

/** A new statement's row: id, stored time, authority and version set by the store. */
function newRow(client: LrsClient, s: Json, id: string): Row {
  const storedUs = nextStoredUs();
  const storedIso = isoFromUs(storedUs);
  const statement: Json = {
    ...s,
    id,
    timestamp: typeof s.timestamp === 'string' ? toUtc(s.timestamp) : storedIso,
    stored: storedIso,
    authority: client.authority,
    version: typeof s.version === 'string' ? s.version : '2.0.0',
  };
  return { rowId: newRowId(), tenantId: client.tenantId, statementId: id, statement, storedUs };
}

/** Statements already stored are compared (the same one is fine, another is a conflict); the rest are inserted. */
async function storeCarefully(db: Database, client: LrsClient, statements: Json[], ids: string[], attachments: Map<string, AttachmentContent>): Promise<Row[]> {
  const existing = await loadExisting(db, client.tenantId, ids);
  const rows: Row[] = [];
  statements.forEach((s, i) => {
    const stored = existing.get(ids[i]!);
    if (stored === undefined) rows.push(newRow(client, s, ids[i]!));
    else if (!sameAsStored(s, stored)) throw conflict(ids[i]!);
  });
  if (rows.length === 0) return rows;
  try {
    await db.rawTransaction((tx) => insertRows(tx, db.dialect, rows, attachments));
    return rows;
  } catch (err) {
    if (!db.dialect.isDuplicateKey(err)) throw err;
  }
  // Another request stored one of these ids meanwhile: the same statement is fine, another is a conflict.
  const now = await loadExisting(db, client.tenantId, rows.map((r) => r.statementId));
  for (const r of rows) {
    const stored = now.get(r.statementId);
    if (stored !== undefined && !sameAsStored(statements[ids.indexOf(r.statementId)]!, stored)) throw conflict(r.statementId);
  }
  const missing = rows.filter((r) => !now.has(r.statementId));
  if (missing.length) await db.rawTransaction((tx) => insertRows(tx, db.dialect, missing, attachments));
  return missing;
}

/**
 * Gathers concurrent batches of new statements into one transaction. When the group fails — a key
 * refused a row, or anything else — nothing of it was written and each batch is stored on its own
 * the careful way ('alone'), so one batch's problem is answered to its own request only.
 */
class StatementWriter {
  private readonly commit = new GroupCommit<Row[], 'stored' | 'alone'>((batches) => this.write(batches), GROUP_MAX_BATCHES, GROUP_IN_FLIGHT);

  constructor(private readonly db: Database) {}

  submit(rows: Row[]): Promise<'stored' | 'alone'> {
    return this.commit.submit(rows);
  }

  private async write(batches: Row[][]): Promise<('stored' | 'alone')[]> {
    const rows = batches.flat();
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.rawTransaction((tx) => insertRows(tx, this.db.dialect, rows, new Map()));
        return batches.map(() => 'stored');
      } catch (err) {
        if (this.db.dialect.isDeadlock(err) && attempt < 3) continue;
        if (batches.length === 1 && !this.db.dialect.isDuplicateKey(err)) throw err;
        return batches.map(() => 'alone');
      }
    }
  }
}

const writers = new WeakMap<Database, StatementWriter>();

function writerOf(db: Database): StatementWriter {
  let writer = writers.get(db);
  if (!writer) writers.set(db, (writer = new StatementWriter(db)));
  return writer;
}

/** Context activities are stored (and returned) as arrays, also when one was sent as an object. */
function normaliseContext(s: Json): Json {
  const out: Json = { ...s };
  const context = s.context as Json | undefined;
  const activities = context?.contextActivities as Json | undefined;
  if (activities) {
    out.context = { ...context, contextActivities: Object.fromEntries(Object.entries(activities).map(([k, v]) => [k, Array.isArray(v) ? v : [v]])) };
  }
  const object = s.object as Json | undefined;
  if (object?.objectType === 'SubStatement') out.object = normaliseContext(object);
  return out;
}

const conflict = (id: string) =>
  errors.conflict('statement_conflict', `已存在内容不同的同 id 语句 / A different statement with id ${id} exists`);

async function loadExisting(db: Database, tenantId: string, ids: string[]): Promise<Map<string, Json>> {
  const q = db.dialect.quote;
  const found = new Map<string, Json>();
  for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
    const chunk = ids.slice(i, i + INSERT_CHUNK);
    const rows = await db.raw.query<{ statementId: string; statement: string }>(
      `SELECT ${q('statementId')}, ${q('statement')} FROM ${q('XapiStatement')} WHERE ${q('tenantId')} = ? AND ${q('statementId')} IN (${chunk.map(() => '?').join(', ')})`,
      [tenantId, ...chunk],
    );
    for (const r of rows) found.set(r.statementId, JSON.parse(r.statement) as Json);
  }
  return found;
}

/** The same statement, ignoring what the store set itself (stored, authority, version, a default timestamp). */
function sameAsStored(incoming: Json, stored: Json): boolean {
  return sameStatement({ ...incoming, id: stored.id }, stored, ['stored', 'authority', 'version', ...(incoming.timestamp === undefined ? ['timestamp'] : [])]);
}

/** The agents and activities a statement can be found by; `related` = only with related_agents / related_activities. */
export function statementRefs(s: Json): Map<string, boolean> {
  const refs = new Map<string, boolean>();
  const add = (key: string, related: boolean) => {
    if (!related) refs.set(key, false);
    else if (!refs.has(key)) refs.set(key, true);
  };
  const addAgent = (a: unknown, related: boolean) => {
    if (!a || typeof a !== 'object') return;
    const ifi = agentIfi(a as Json);
    if (ifi) add(agentKey(ifi), related);
    const members = (a as Json).member;
    if (Array.isArray(members)) for (const m of members) addAgent(m, true);
  };
  const addActivity = (a: unknown, related: boolean) => {
    if (a && typeof a === 'object' && typeof (a as Json).id === 'string') add(activityKey((a as Json).id as string), related);
  };
  const walk = (st: Json, related: boolean) => {
    addAgent(st.actor, related);
    const object = st.object as Json;
    if (object.objectType === 'Agent' || object.objectType === 'Group') addAgent(object, related);
    else if (object.objectType === 'SubStatement') walk(object, true);
    else if (object.objectType === undefined || object.objectType === 'Activity') addActivity(object, related);
    const context = st.context as Json | undefined;
    if (context) {
      addAgent(context.instructor, true);
      addAgent(context.team, true);
      if (Array.isArray(context.contextAgents)) for (const ca of context.contextAgents) addAgent((ca as Json).agent, true);
      if (Array.isArray(context.contextGroups)) for (const cg of context.contextGroups) addAgent((cg as Json).group, true);
      const activities = context.contextActivities as Json | undefined;
      if (activities) for (const list of Object.values(activities)) for (const a of Array.isArray(list) ? list : [list]) addActivity(a, true);
    }
  };
  walk(s, false);
  addAgent(s.authority, true);
  return refs;
}

async function insertRows(tx: RawSql, dialect: Dialect, rows: Row[], attachments: Map<string, AttachmentContent>): Promise<void> {
  const q = dialect.quote;

  // Attachment contents, once per hash (the careful path's one batch: one enterprise).
  const shas = new Set<string>();
  for (const r of rows) for (const a of (r.statement.attachments as Json[] | undefined) ?? []) if (attachments.has(a.sha2 as string)) shas.add(a.sha2 as string);
  for (const sha2 of shas) {
    const a = attachments.get(sha2)!;
    await tx.execute(dialect.insertIgnoreSql('XapiAttachment', ['tenantId', 'sha2', 'contentType', 'content', 'createdAt'], 1), [rows[0]!.tenantId, sha2, a.contentType, a.body, new Date()]);
  }

  await mergeActivities(tx, dialect, rows);

  // The statements first: a refused key then costs no other write.
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const chunk = rows.slice(i, i + INSERT_CHUNK);
    await tx.execute(
      `INSERT INTO ${q('XapiStatement')} (${STATEMENT_COLUMNS.map(q).join(', ')}) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      chunk.flatMap((r) => {
        const s = r.statement;
        const registration = (s.context as Json | undefined)?.registration;
        return [
          r.rowId, r.tenantId, r.statementId, verbKey((s.verb as Json).id as string),
          typeof registration === 'string' ? registration.toLowerCase() : null, false, targetOf(s), r.storedUs, JSON.stringify(s),
        ];
      }),
    );
  }

  const refRows: unknown[][] = [];
  for (const r of rows) for (const [key, related] of statementRefs(r.statement)) refRows.push([r.tenantId, r.rowId, key, related, r.storedUs]);
  for (let i = 0; i < refRows.length; i += INSERT_CHUNK) {
    const chunk = refRows.slice(i, i + INSERT_CHUNK);
    await tx.execute(
      `INSERT INTO ${q('XapiStatementRef')} (${REF_COLUMNS.map(q).join(', ')}) VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      chunk.flat(),
    );
  }
}

const STATEMENT_COLUMNS = ['id', 'tenantId', 'statementId', 'verbKey', 'registration', 'voided', 'targetId', 'storedUs', 'statement'];
const REF_COLUMNS = ['tenantId', 'statementId', 'refKey', 'related', 'storedUs'];

/**
 * The Activities resource answers with everything the store learned about an activity: each
 * definition that comes with a statement is merged into the stored one (language maps merged per
 * language, other properties replaced).
 */
async function mergeActivities(tx: RawSql, dialect: Dialect, rows: Row[]): Promise<void> {
  const byTenant = new Map<string, Map<string, { id: string; definitions: Json[] }>>();
  const collect = (tenantId: string, a: unknown) => {
    const act = a as Json | undefined;
    if (!act || typeof act.id !== 'string' || (act.objectType !== undefined && act.objectType !== 'Activity') || !act.definition) return;
    const key = activityKey(act.id);
    let incoming = byTenant.get(tenantId);
    if (!incoming) byTenant.set(tenantId, (incoming = new Map()));
    const entry = incoming.get(key) ?? { id: act.id, definitions: [] };
    entry.definitions.push(act.definition as Json);
    incoming.set(key, entry);
  };
  const walk = (tenantId: string, s: Json) => {
    collect(tenantId, s.object);
    const ca = (s.context as Json | undefined)?.contextActivities as Json | undefined;
    if (ca) for (const list of Object.values(ca)) for (const a of Array.isArray(list) ? list : [list]) collect(tenantId, a);
    if ((s.object as Json).objectType === 'SubStatement') walk(tenantId, s.object as Json);
  };
  rows.forEach((r) => walk(r.tenantId, r.statement));
  for (const [tenantId, incoming] of byTenant) await mergeTenantActivities(tx, dialect, tenantId, incoming);
}

async function mergeTenantActivities(tx: RawSql, dialect: Dialect, tenantId: string, incoming: Map<string, { id: string; definitions: Json[] }>): Promise<void> {
  const q = dialect.quote;
  // In key order, so that concurrent transactions lock the rows in the same order.
  const keys = [...incoming.keys()].sort();
  const stored = await tx.query<{ activityKey: string; definition: string }>(
    `SELECT ${q('activityKey')}, ${q('definition')} FROM ${q('XapiActivity')} WHERE ${q('tenantId')} = ? AND ${q('activityKey')} IN (${keys.map(() => '?').join(', ')})`,
    [tenantId, ...keys],
  );
  const known = new Map(stored.map((r) => [r.activityKey, JSON.parse(r.definition) as Json]));
  const now = new Date();
  const values = keys.map((key) => {
    const { id, definitions } = incoming.get(key)!;
    const merged = definitions.reduce((acc, d) => mergeDefinition(acc, d), known.get(key) ?? {});
    return [tenantId, key, id, JSON.stringify(merged), now];
  });
  const sql = dialect.upsertSql('XapiActivity', ['tenantId', 'activityKey', 'activityId', 'definition', 'updatedAt'], values.length, ['tenantId', 'activityKey'], {
    definition: dialect.incoming('definition'), updatedAt: dialect.incoming('updatedAt'),
  });
  await tx.execute(sql, values.flat());
}

const LANGUAGE_MAPS = ['name', 'description'];

function mergeDefinition(stored: Json, incoming: Json): Json {
  const merged: Json = { ...stored, ...incoming };
  for (const k of LANGUAGE_MAPS) if (stored[k] && incoming[k]) merged[k] = { ...(stored[k] as Json), ...(incoming[k] as Json) };
  return merged;
}

/** The statement this one's object refers to, or null. */
function targetOf(s: Json): string | null {
  const object = s.object as Json;
  return object.objectType === 'StatementRef' ? String(object.id).toLowerCase() : null;
}

const voidedTarget = (s: Json) => ((s.verb as Json).id === VOIDED_VERB ? targetOf(s) : null);

/** Marks the targets of voiding statements voided. A voiding statement itself cannot be voided. */
async function applyVoiding(db: Database, tenantId: string, rows: Row[]): Promise<void> {
  const targets = rows.map((r) => voidedTarget(r.statement)).filter((t): t is string => t !== null);
  if (!targets.length) return;
  const q = db.dialect.quote;
  await db.raw.execute(
    `UPDATE ${q('XapiStatement')} SET ${q('voided')} = ? WHERE ${q('tenantId')} = ? AND ${q('verbKey')} <> ? AND ${q('statementId')} IN (${targets.map(() => '?').join(', ')})`,
    [true, tenantId, verbKey(VOIDED_VERB), ...targets],
  );
}
