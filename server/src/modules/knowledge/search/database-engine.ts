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
import { CJK, documentPostings, normalise, parseQuery, type ParsedQuery, type Term } from './tokens';

const BATCH = 500;
const TITLE_BONUS = 40;
const MAX_TF = 30;

interface Candidate {
  nodeId: string;
  spaceId: string;
  title: string;
  plain: string;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Not preceded by a letter or digit of a word (CJK characters are separate tokens, so they may precede).
const wordStart = (word: string) => new RegExp(`(?<!(?![${CJK}])[\\p{L}\\p{N}])${escapeRe(word)}`, 'u');

function occurrences(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0 && n < MAX_TF; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Relevance: for every term, a bonus when the title has it plus its (capped) count in the text. */
function score(terms: Term[], title: string, plain: string): number {
  const t = normalise(title);
  const body = normalise(plain.slice(plain.indexOf('\n') + 1));
  return terms.reduce((sum, term) => sum + (t.includes(term.text) ? TITLE_BONUS : 0) + occurrences(body, term.text), 0);
}
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
    const words = parsed.terms.filter((t) => t.kind === 'word').map((t) => wordStart(t.text));
    const hits = pool
      // A word matches at the start of a word, as the index does ("pyth" → python, not "apython").
      .filter((row) => words.every((re) => re.test(normalise(row.plain))))
      .map((row) => ({ row, score: score(parsed.terms, row.title, row.plain) }))
      .sort((a, b) => b.score - a.score || (a.row.nodeId < b.row.nodeId ? 1 : -1))
      .slice(0, request.limit);
    return hits.map(({ row, score: s }) => {
      const body = row.plain.slice(row.plain.indexOf('\n') + 1);
      return { nodeId: row.nodeId, spaceId: row.spaceId, title: row.title, score: s, titleHighlight: highlight(row.title, parsed.terms), snippet: snippet(body, parsed.terms) };
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

  /**
   * Hits in best-first order of the driving token, until `pool` of them pass every check. Only the
   * driver's postings are read (one contiguous index range); every other term is checked in the
   * entry's text, which is small enough to stay in memory — lookups in the much larger postings
   * would each be a random read.
   */
  private async candidates(request: SearchRequest, parsed: ParsedQuery, pool: number): Promise<Candidate[]> {
    const mysql = this.dialect.name === 'mysql';
    const params: unknown[] = [];
    let drive: string;
    let order: string;
    let driver: string | null = null;
    if (parsed.tokens.length) {
      driver = await this.rarest(request.tenantId, parsed.tokens);
      drive = 'p.tenantId = ? AND p.token = ?';
      params.push(request.tenantId, driver);
      order = 'ORDER BY p.weight DESC, p.nodeId DESC';
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
    for (const term of parsed.terms) {
      if (term.text === driver) continue;
      // MySQL compares under the column's case-insensitive collation; SQLite's instr is exact.
      where.push(mysql ? 'LOCATE(?, e.plain) > 0' : term.kind === 'word' ? 'instr(lower(e.plain), ?) > 0' : 'instr(e.plain, ?) > 0');
      params.push(term.text);
    }
    if (request.readableRoots) {
      where.push(`(${request.readableRoots.map(() => 'e.aclPath LIKE ?').join(' OR ')})`);
      params.push(...request.readableRoots.map((id) => `%/${id}/%`));
    }
    // Join order and index are pinned: the postings drive, best-first, and the scan stops at LIMIT.
    const from = mysql
      ? 'KbSearchPosting p FORCE INDEX (KbSearchPosting_tenantId_token_weight_idx) STRAIGHT_JOIN KbSearchEntry e ON e.nodeId = p.nodeId'
      : 'KbSearchPosting p INDEXED BY KbSearchPosting_tenantId_token_weight_idx CROSS JOIN KbSearchEntry e ON e.nodeId = p.nodeId';
    const rows = await this.raw.query<Candidate>(
      `SELECT ${order ? '' : 'DISTINCT '}e.nodeId AS nodeId, e.spaceId AS spaceId, e.title AS title, e.plain AS plain
       FROM ${from} WHERE ${drive} AND ${where.join(' AND ')} ${order} LIMIT ${Number(pool)}`,
      params,
    );
    return rows;
  }
}
