/**
 * Search in the database itself, for MySQL 8, MariaDB and SQLite alike: KbSearchEntry holds each
 * live document's tenant-tagged tokens (tokens.ts), under an InnoDB FULLTEXT index on MySQL/MariaDB
 * and an FTS5 table (KbSearchFts, kept in step by triggers) on SQLite. A query requires every
 * token, checks longer Chinese words as substrings (their bigrams may occur apart), filters by
 * enterprise, space and readable roots, and ranks inside the one statement: relevance on
 * MySQL/MariaDB, bm25 on SQLite. The dialect-specific SQL of search lives only in this file.
 */
import type { RawSql } from '../../../db/client';
import type { Dialect } from '../../../db/dialect';
import type { SearchDocument, SearchEngine, SearchHit, SearchRequest } from './engine';
import { highlight, snippet } from './snippet';
import { documentTokens, parseQuery, tenantTag, type ParsedQuery } from './tokens';

const COLUMNS = ['nodeId', 'tenantId', 'spaceId', 'aclPath', 'title', 'plain', 'tokens', 'updatedAt'];
const BATCH = 500;

export function searchRow(doc: SearchDocument, now = new Date()): unknown[] {
  const title = doc.title.normalize('NFKC');
  return [doc.nodeId, doc.tenantId, doc.spaceId, doc.aclPath, doc.title, `${title}\n${doc.text.normalize('NFKC')}`, documentTokens(tenantTag(doc.tenantId), doc.title, doc.text), now];
}

interface Ranked {
  nodeId: string;
  score: number;
}

export class DatabaseSearchEngine implements SearchEngine {
  constructor(
    private readonly raw: RawSql,
    private readonly dialect: Dialect,
  ) {}

  async index(doc: SearchDocument): Promise<void> {
    await this.indexMany([doc]);
  }

  /** Multi-row upsert, in batches (bulk loads, restoring a subtree). */
  async indexMany(docs: SearchDocument[]): Promise<void> {
    const d = this.dialect;
    const updates = Object.fromEntries(COLUMNS.filter((c) => c !== 'nodeId' && c !== 'tenantId').map((c) => [c, d.incoming(c)]));
    for (let i = 0; i < docs.length; i += BATCH) {
      const batch = docs.slice(i, i + BATCH);
      const now = new Date();
      await this.raw.execute(d.upsertSql('KbSearchEntry', COLUMNS, batch.length, ['nodeId'], updates), batch.flatMap((doc) => searchRow(doc, now)));
    }
  }

  async remove(tenantId: string, nodeIds: string[]): Promise<void> {
    for (let i = 0; i < nodeIds.length; i += BATCH) {
      const ids = nodeIds.slice(i, i + BATCH);
      await this.raw.execute(`DELETE FROM ${this.q('KbSearchEntry')} WHERE ${this.q('tenantId')} = ? AND ${this.q('nodeId')} IN (${ids.map(() => '?').join(', ')})`, [tenantId, ...ids]);
    }
  }

  async relocate(tenantId: string, nodes: { nodeId: string; spaceId: string; aclPath: string }[]): Promise<void> {
    const q = (id: string) => this.q(id);
    for (const n of nodes) {
      await this.raw.execute(`UPDATE ${q('KbSearchEntry')} SET ${q('spaceId')} = ?, ${q('aclPath')} = ? WHERE ${q('tenantId')} = ? AND ${q('nodeId')} = ?`, [n.spaceId, n.aclPath, tenantId, n.nodeId]);
    }
  }

  async search(request: SearchRequest): Promise<SearchHit[]> {
    const parsed = parseQuery(tenantTag(request.tenantId), request.query);
    if (parsed.tokens.length === 0) return [];
    if (request.readableRoots && request.readableRoots.length === 0) return [];
    const ranked = this.dialect.name === 'mysql' ? await this.rankMysql(request, parsed) : await this.rankSqlite(request, parsed);
    if (ranked.length === 0) return [];
    const rows = await this.raw.query<{ nodeId: string; spaceId: string; title: string; plain: string }>(
      `SELECT ${this.q('nodeId')}, ${this.q('spaceId')}, ${this.q('title')}, ${this.q('plain')} FROM ${this.q('KbSearchEntry')}
       WHERE ${this.q('tenantId')} = ? AND ${this.q('nodeId')} IN (${ranked.map(() => '?').join(', ')})`,
      [request.tenantId, ...ranked.map((r) => r.nodeId)],
    );
    const byId = new Map(rows.map((r) => [r.nodeId, r]));
    return ranked.flatMap((r) => {
      const row = byId.get(r.nodeId);
      if (!row) return [];
      const body = row.plain.slice(row.plain.indexOf('\n') + 1);
      return [{ nodeId: r.nodeId, spaceId: row.spaceId, title: row.title, score: r.score, titleHighlight: highlight(row.title, parsed.terms), snippet: snippet(body, parsed.terms) }];
    });
  }

  /** WHERE conditions shared by both dialects (alias e = KbSearchEntry). */
  private filters(request: SearchRequest, parsed: ParsedQuery, contains: (column: string) => string): { sql: string; params: unknown[] } {
    const parts: string[] = ['e.tenantId = ?'];
    const params: unknown[] = [request.tenantId];
    if (request.spaceId) {
      parts.push('e.spaceId = ?');
      params.push(request.spaceId);
    }
    for (const phrase of parsed.phrases) {
      parts.push(contains('e.plain'));
      params.push(phrase);
    }
    if (request.readableRoots) {
      parts.push(`(${request.readableRoots.map(() => 'e.aclPath LIKE ?').join(' OR ')})`);
      params.push(...request.readableRoots.map((id) => `%/${id}/%`));
    }
    return { sql: parts.join(' AND '), params };
  }

  private async rankMysql(request: SearchRequest, parsed: ParsedQuery): Promise<Ranked[]> {
    const against = parsed.tokens.map((t) => `+${t.token}${t.prefix ? '*' : ''}`).join(' ');
    const where = this.filters(request, parsed, (column) => `LOCATE(?, ${column}) > 0`);
    const rows = await this.raw.query<{ nodeId: string; score: number }>(
      `SELECT e.nodeId, MATCH(e.tokens) AGAINST (? IN BOOLEAN MODE) AS score FROM KbSearchEntry e
       WHERE MATCH(e.tokens) AGAINST (? IN BOOLEAN MODE) AND ${where.sql}
       ORDER BY score DESC, e.nodeId LIMIT ?`,
      [against, against, ...where.params, request.limit],
    );
    return rows.map((r) => ({ nodeId: r.nodeId, score: Number(r.score) }));
  }

  private async rankSqlite(request: SearchRequest, parsed: ParsedQuery): Promise<Ranked[]> {
    const match = parsed.tokens.map((t) => `"${t.token}"${t.prefix ? '*' : ''}`).join(' AND ');
    const where = this.filters(request, parsed, (column) => `instr(${column}, ?) > 0`);
    const rows = await this.raw.query<{ nodeId: string; score: number }>(
      `SELECT e.nodeId AS nodeId, -bm25(KbSearchFts) AS score FROM KbSearchFts JOIN KbSearchEntry e ON e.rowid = KbSearchFts.rowid
       WHERE KbSearchFts MATCH ? AND ${where.sql}
       ORDER BY score DESC, e.nodeId LIMIT ?`,
      [match, ...where.params, request.limit],
    );
    return rows.map((r) => ({ nodeId: r.nodeId, score: Number(r.score) }));
  }

  private q(identifier: string): string {
    return this.dialect.quote(identifier);
  }
}
