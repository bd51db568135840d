/**
 * The document resources: State (activity + agent [+ registration]), Activity Profile (activity)
 * and Agent Profile (agent). Documents are stored as bytes with their media type; POST merges JSON
 * objects one level deep; PUT, POST and DELETE honour If-Match / If-None-Match, and a PUT that
 * names neither over an existing document is a conflict (xAPI 2.0 §4.1.4).
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../db/client';
import { AppError, errors } from '../../core/errors';
import { documentKey, scopeKey } from './keys';
import { nextStoredUs } from './stored-time';

export type DocumentResource = 'state' | 'activityProfile' | 'agentProfile';

export interface DocumentScope {
  tenantId: string;
  resource: DocumentResource;
  activityId: string | null;
  agentIfi: string | null;
  /** State only; '' for none. */
  registration: string;
}

export interface StoredDocument {
  docId: string;
  contentType: string;
  content: Buffer;
  etag: string;
  updatedUs: number;
}

export interface Preconditions {
  ifMatch?: string;
  ifNoneMatch?: string;
}

const etagOf = (content: Buffer) => createHash('sha1').update(content).digest('hex');
const isJson = (contentType: string) => contentType.split(';')[0]!.trim().toLowerCase() === 'application/json';

const preconditionFailed = () => new AppError(412, 'precondition_failed', '文档已被修改（ETag 不符）/ The document changed (ETag mismatch)');

function checkPreconditions(existing: StoredDocument | null, pre: Preconditions, method: 'PUT' | 'POST' | 'DELETE'): void {
  if (pre.ifMatch !== undefined) {
    const tags = pre.ifMatch.split(',').map((t) => t.trim().replace(/^W\//, '').replace(/^"|"$/g, ''));
    if (!existing || !(tags.includes('*') || tags.includes(existing.etag))) throw preconditionFailed();
  }
  if (pre.ifNoneMatch !== undefined) {
    const tags = pre.ifNoneMatch.split(',').map((t) => t.trim().replace(/^W\//, '').replace(/^"|"$/g, ''));
    if (existing && (tags.includes('*') || tags.includes(existing.etag))) throw preconditionFailed();
  }
  if (method === 'PUT' && existing && pre.ifMatch === undefined && pre.ifNoneMatch === undefined) {
    throw errors.conflict(
      'document_exists',
      '文档已存在：请用 If-Match 带上其 ETag 覆盖，或用 If-None-Match: * 仅在不存在时创建 / The document exists: send If-Match with its ETag to replace it, or If-None-Match: * to create only',
    );
  }
}

const cols = ['docId', 'contentType', 'content', 'etag', 'updatedUs'];

function toDocument(r: Record<string, unknown>): StoredDocument {
  return {
    docId: String(r.docId), contentType: String(r.contentType), content: Buffer.from(r.content as Uint8Array), etag: String(r.etag), updatedUs: Number(r.updatedUs),
  };
}

export async function getDocument(db: Database, scope: DocumentScope, docId: string): Promise<StoredDocument | null> {
  const q = db.dialect.quote;
  const rows = await db.raw.query<Record<string, unknown>>(
    `SELECT ${cols.map(q).join(', ')} FROM ${q('XapiDocument')} WHERE ${q('tenantId')} = ? AND ${q('scopeKey')} = ? AND ${q('registration')} = ? AND ${q('docKey')} = ?`,
    [scope.tenantId, scopeKey(scope.resource, scope.activityId, scope.agentIfi), scope.registration, documentKey(docId)],
  );
  return rows[0] ? toDocument(rows[0]) : null;
}

/** Ids of the documents in a scope, optionally only those changed after `sinceUs`; and the latest change. */
export async function listDocuments(db: Database, scope: DocumentScope, sinceUs: number | null, anyRegistration: boolean): Promise<{ ids: string[]; lastUs: number }> {
  const q = db.dialect.quote;
  const params: unknown[] = [scope.tenantId, scopeKey(scope.resource, scope.activityId, scope.agentIfi)];
  let sql = `SELECT ${q('docId')}, ${q('updatedUs')} FROM ${q('XapiDocument')} WHERE ${q('tenantId')} = ? AND ${q('scopeKey')} = ?`;
  if (!anyRegistration) {
    sql += ` AND ${q('registration')} = ?`;
    params.push(scope.registration);
  }
  if (sinceUs !== null) {
    sql += ` AND ${q('updatedUs')} > ?`;
    params.push(sinceUs);
  }
  const rows = await db.raw.query<{ docId: string; updatedUs: unknown }>(`${sql} ORDER BY ${q('updatedUs')} DESC LIMIT 10000`, params);
  return { ids: [...new Set(rows.map((r) => r.docId))], lastUs: rows.length ? Number(rows[0]!.updatedUs) : 0 };
}

async function write(db: Database, scope: DocumentScope, docId: string, contentType: string, content: Buffer): Promise<void> {
  const { dialect } = db;
  const columns = ['tenantId', 'scopeKey', 'registration', 'docKey', 'docId', 'contentType', 'content', 'etag', 'updatedUs'];
  const sql = dialect.upsertSql('XapiDocument', columns, 1, ['tenantId', 'scopeKey', 'registration', 'docKey'], {
    contentType: dialect.incoming('contentType'), content: dialect.incoming('content'), etag: dialect.incoming('etag'), updatedUs: dialect.incoming('updatedUs'),
  });
  await db.raw.execute(sql, [
    scope.tenantId, scopeKey(scope.resource, scope.activityId, scope.agentIfi), scope.registration, documentKey(docId), docId, contentType, content, etagOf(content), nextStoredUs(),
  ]);
}

export async function putDocument(db: Database, scope: DocumentScope, docId: string, contentType: string, content: Buffer, pre: Preconditions): Promise<void> {
  checkPreconditions(await getDocument(db, scope, docId), pre, 'PUT');
  await write(db, scope, docId, contentType, content);
}

function jsonObject(content: Buffer): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(content.toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export async function postDocument(db: Database, scope: DocumentScope, docId: string, contentType: string, content: Buffer, pre: Preconditions): Promise<void> {
  const existing = await getDocument(db, scope, docId);
  checkPreconditions(existing, pre, 'POST');
  const incoming = isJson(contentType) ? jsonObject(content) : null;
  if (isJson(contentType) && !incoming) throw errors.badRequest('invalid_document', '文档不是 JSON 对象 / The document is not a JSON object');
  if (!existing) return write(db, scope, docId, contentType, content);
  const stored = isJson(existing.contentType) ? jsonObject(existing.content) : null;
  if (!incoming || !stored) {
    throw errors.badRequest('document_not_mergeable', '只能合并两个 JSON 对象文档 / Only two JSON object documents can be merged');
  }
  await write(db, scope, docId, 'application/json', Buffer.from(JSON.stringify({ ...stored, ...incoming })));
}

export async function deleteDocument(db: Database, scope: DocumentScope, docId: string, pre: Preconditions): Promise<void> {
  const existing = await getDocument(db, scope, docId);
  checkPreconditions(existing, pre, 'DELETE');
  if (!existing) return;
  const q = db.dialect.quote;
  await db.raw.execute(
    `DELETE FROM ${q('XapiDocument')} WHERE ${q('tenantId')} = ? AND ${q('scopeKey')} = ? AND ${q('registration')} = ? AND ${q('docKey')} = ?`,
    [scope.tenantId, scopeKey(scope.resource, scope.activityId, scope.agentIfi), scope.registration, documentKey(docId)],
  );
}

/** Deletes every state document of an activity and agent (of one registration when given). */
export async function deleteStates(db: Database, scope: DocumentScope, anyRegistration: boolean): Promise<void> {
  const q = db.dialect.quote;
  await db.raw.execute(
    `DELETE FROM ${q('XapiDocument')} WHERE ${q('tenantId')} = ? AND ${q('scopeKey')} = ?${anyRegistration ? '' : ` AND ${q('registration')} = ?`}`,
    [scope.tenantId, scopeKey(scope.resource, scope.activityId, scope.agentIfi), ...(anyRegistration ? [] : [scope.registration])],
  );
}
