/**
 * Search in the database itself, the same on MySQL 8, MariaDB and SQLite: an inverted index in
 * ordinary B-trees. KbSearchEntry holds each live document's filter columns and normalised text;
 * KbSearchPosting one row per distinct token with a weight (tokens.ts).
 *
 * A query reads the postings of its rarest token best-first through (tenantId, token, weight),
 * checks the other tokens by primary-key lookups and the entry's filters (enterprise, space,
 * readable roots, exact text of longer words) row by row, and stops once it has a pool of hits —
 * so a frequent word costs about as much as a rare one. The pool is then ranked by the summed
 * weights of all tokens. The dialect-specific SQL of search lives only in this file.
 */
import type { RawSql } from '../../../db/client';
import type { Dialect } from '../../../db/dialect';
import type { SearchDocument, SearchEngine, SearchHit, SearchRequest } from './engine';
import { highlight, snippet } from './snippet';
import { documentPostings, parseQuery, type ParsedQuery } from './tokens';

const BATCH = 500;
const POOL_FACTOR = 3;
/** Counting a token's postings stops here: enough to tell the rarest token apart. */
const DF_CAP = 2000;

export function entryRow(doc: SearchDocument, now = new Date()): unknown[] {
  return [doc.nodeId, doc.tenantId, doc.spaceId, doc.aclPath, doc.title, plainOf(doc.title, doc.text), now];
}
export const ENTRY_COLUMNS = ['nodeId', 'tenantId', 'spaceId', 'aclPath', 'title', 'plain', 'updatedAt'];
export const POSTING_COLUMNS = ['tenantId', 'token', 'nodeId', 'weight'];

export function postingRows(doc: Pick<SearchDocument, 'tenantId' | 'nodeId' | 'title' | 'text'>): unknown[][] {
  return [...documentPostings(doc.title, doc.text)].map(([token, weight]) => [doc.tenantId, token, doc.nodeId, weight]);
}

const plainOf = (title: string, text: string) => `${title.normalize('NFKC')}\n${text.normalize('NFKC')}`;

export class DatabaseSearchEngine implements SearchEngine {
  constructor(
    private readonly raw: RawSql,
    private readonly dialect: Dialect,
  ) {}

  private q(identifier: string): string {
    return this.dialect.quote(identifier);
  }

  private async upsert(table: string, columns: string[], keys: string[], rows: unknown[][]) {
    const d = this.dialect;
    const updates = Object.fromEntries(columns.filter((c) => !keys.includes(c)).map((c) => [c, d.incoming(c)]));
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH);
      await this.raw.execute(d.upsertSql(table, columns, batch.length, keys, updates), batch.flat());
    }
  }

  /** Deletes a document's postings: the tokens of its stored text say which (primary-key deletes). */
  private async dropPostings(tenantId: string, nodeIds: string[]) {
    if (!nodeIds.length) return;
    const entries = await this.raw.query<{ nodeId: string; title: string; plain: string }>(
      `SELECT ${this.q('nodeId')}, ${this.q('title')}, ${this.q('plain')} FROM ${this.q('KbSearchEntry')} WHERE ${this.q('tenantId')} = ? AND ${this.q('nodeId')} IN (${nodeIds.map(() => '?').join(', ')})`,
      [tenantId, ...nodeIds],
    );
    for (const entry of entries) {
      const tokens = [...documentPostings(entry.title, entry.plain).keys()];
      for (let i = 0; i < tokens.length; i += BATCH) {
        const part = tokens.slice(i, i + BATCH);
        await this.raw.execute(
          `DELETE FROM ${this.q('KbSearchPosting')} WHERE ${this.q('tenantId')} = ? AND ${this.q('nodeId')} = ? AND ${this.q('token')} IN (${part.map(() => '?').join(', ')})`,
          [tenantId, entry.nodeId, ...part],
        );
      }
    }
  }

  async index(doc: SearchDocument): Promise<void> {
    await this.indexMany([doc]);
  }

  /** Re-indexes documents: old postings out, entry upserted, new postings in (multi-row). */
  async indexMany(docs: SearchDocument[]): Promise<void> {
    for (const tenantId of new Set(docs.map((d) => d.tenantId))) {
      await this.dropPostings(tenantId, docs.filter((d) => d.tenantId === tenantId).map((d) => d.nodeId));
    }
    const now = new Date();
    await this.upsert('KbSearchEntry', ENTRY_COLUMNS, ['nodeId'], docs.map((d) => entryRow(d, now)));
    await this.upsert('KbSearchPosting', POSTING_COLUMNS, ['tenantId', 'token', 'nodeId'], docs.flatMap(postingRows));
  }

  async remove(tenantId: string, nodeIds: string[]): Promise<void> {
    for (let i = 0; i < nodeIds.length; i += BATCH) {
      const ids = nodeIds.slice(i, i + BATCH);
      await this.dropPostings(tenantId, ids);
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
    const parsed = parseQuery(request.query);
    if (parsed.tokens.length === 0 && parsed.prefixes.length === 0) return [];
    if (request.readableRoots && request.readableRoots.length === 0) return [];
    const pool = await this.candidates(request, parsed, request.limit * POOL_FACTOR);
    if (pool.length === 0) return [];
    const ranked = await this.rank(request.tenantId, parsed, pool);
    const top = ranked.slice(0, request.limit);
    const rows = await this.raw.query<{ nodeId: string; spaceId: string; title: string; plain: string }>(
      `SELECT ${this.q('nodeId')}, ${this.q('spaceId')}, ${this.q('title')}, ${this.q('plain')} FROM ${this.q('KbSearchEntry')}
       WHERE ${this.q('tenantId')} = ? AND ${this.q('nodeId')} IN (${top.map(() => '?').join(', ')})`,
      [request.tenantId, ...top.map((r) => r.nodeId)],
    );
    const byId = new Map(rows.map((r) => [r.nodeId, r]));
    return top.flatMap((r) => {
      const row = byId.get(r.nodeId);
      if (!row) return [];
      const body = row.plain.slice(row.plain.indexOf('\n') + 1);
      return [{ nodeId: r.nodeId, spaceId: row.spaceId, title: row.title, score: r.score, titleHighlight: highlight(row.title, parsed.terms), snippet: snippet(body, parsed.terms) }];
    });
  }

  /** The token with the fewest postings (capped counts, one statement). */
  private async rarest(tenantId: string, tokens: string[]): Promise<string> {
    if (tokens.length === 1) return tokens[0];
    const counts = tokens
      .map((_t, i) => `(SELECT COUNT(*) FROM (SELECT 1 AS x FROM KbSearchPosting WHERE tenantId = ? AND token = ? LIMIT ${DF_CAP}) c${i}) AS n${i}`)
      .join(', ');
    const [row] = await this.raw.query<Record<string, number | bigint>>(`SELECT ${counts}`, tokens.flatMap((t) => [tenantId, t]));
    let best = 0;
    tokens.forEach((_t, i) => {
      if (Number(row[`n${i}`]) < Number(row[`n${best}`])) best = i;
    });
    return tokens[best];
  }

  /** Hits in best-first order of the driving token, until `pool` of them pass every check. */
  private async candidates(request: SearchRequest, parsed: ParsedQuery, pool: number): Promise<string[]> {
    const mysql = this.dialect.name === 'mysql';
    const contains = (column: string) => (mysql ? `LOCATE(?, ${column}) > 0` : `instr(${column}, ?) > 0`);
    const params: unknown[] = [];
    let drive: string;
    let order: string;
    if (parsed.tokens.length) {
      const driver = await this.rarest(request.tenantId, parsed.tokens);
      drive = 'p.tenantId = ? AND p.token = ?';
      params.push(request.tenantId, driver);
      order = 'ORDER BY p.weight DESC, p.nodeId DESC';
      parsed = { ...parsed, tokens: parsed.tokens.filter((t) => t !== driver) };
    } else {
      // Only single characters: the tokens they start, in index order.
      drive = 'p.tenantId = ? AND p.token >= ? AND p.token < ?';
      params.push(request.tenantId, parsed.prefixes[0], `${parsed.prefixes[0]}\u{10FFFF}`);
      order = '';
    }
    const where: string[] = ['e.tenantId = ?'];
    params.push(request.tenantId);
    if (request.spaceId) {
      where.push('e.spaceId = ?');
      params.push(request.spaceId);
    }
    for (const token of parsed.tokens) {
      where.push('EXISTS (SELECT 1 FROM KbSearchPosting o WHERE o.tenantId = p.tenantId AND o.token = ? AND o.nodeId = p.nodeId)');
      params.push(token);
    }
    for (const phrase of parsed.phrases) {
      where.push(contains('e.plain'));
      params.push(phrase);
    }
    if (request.readableRoots) {
      where.push(`(${request.readableRoots.map(() => 'e.aclPath LIKE ?').join(' OR ')})`);
      params.push(...request.readableRoots.map((id) => `%/${id}/%`));
    }
    // Join order and index are pinned: the postings drive, best-first, and the scan stops at LIMIT.
    const from = mysql
      ? 'KbSearchPosting p FORCE INDEX (KbSearchPosting_tenantId_token_weight_idx) STRAIGHT_JOIN KbSearchEntry e ON e.nodeId = p.nodeId'
      : 'KbSearchPosting p INDEXED BY KbSearchPosting_tenantId_token_weight_idx CROSS JOIN KbSearchEntry e ON e.nodeId = p.nodeId';
    const distinct = parsed.tokens.length || order ? '' : 'DISTINCT ';
    const rows = await this.raw.query<{ nodeId: string }>(
      `SELECT ${distinct}p.nodeId AS nodeId FROM ${from} WHERE ${drive} AND ${where.join(' AND ')} ${order} LIMIT ${Number(pool)}`,
      params,
    );
    return rows.map((r) => r.nodeId);
  }

  /** Ranks the pool by the summed weights of every query token; ties: newest first. */
  private async rank(tenantId: string, parsed: ParsedQuery, pool: string[]): Promise<{ nodeId: string; score: number }[]> {
    const scores = new Map(pool.map((id) => [id, 0]));
    if (parsed.tokens.length) {
      const rows = await this.raw.query<{ nodeId: string; score: number | bigint | string }>(
        `SELECT nodeId, SUM(weight) AS score FROM KbSearchPosting WHERE tenantId = ? AND token IN (${parsed.tokens.map(() => '?').join(', ')})
         AND nodeId IN (${pool.map(() => '?').join(', ')}) GROUP BY nodeId`,
        [tenantId, ...parsed.tokens, ...pool],
      );
      for (const r of rows) scores.set(r.nodeId, Number(r.score));
    }
    return [...scores].map(([nodeId, score]) => ({ nodeId, score })).sort((a, b) => b.score - a.score || (a.nodeId < b.nodeId ? 1 : -1));
  }
}
