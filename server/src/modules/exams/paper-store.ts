/**
 * Papers as drawn, stored once (ExamPaper) and never changed. A paper's id is derived from what it
 * is — tenant, exam and entries — so the fixed paper a crowd gets is one row, written by whichever
 * batch of starts comes first, and an attempt row carries only its paper's id. The same id always
 * means the same entries, so each process keeps the papers it has written or read, without expiry.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Database } from '../../db/client';
import type { TenantDb } from '../../core/tenancy';
import { onePer } from '../../core/one-per';
import type { PaperEntry } from './paper';

const PAPERS_KEPT = 10_000;

export interface DrawnPaper {
  id: string;
  entries: PaperEntry[];
  json: string;
}

/** A fixed paper is one array (the exam cache's): its id and JSON are worked out once. */
const drawn = new WeakMap<PaperEntry[], DrawnPaper>();
/** By tenant and paper id. */
const entriesByKey = new LRUCache<string, PaperEntry[]>({ max: PAPERS_KEPT });

export function drawnPaper(tenantId: string, examId: string, entries: PaperEntry[]): DrawnPaper {
  let paper = drawn.get(entries);
  if (!paper) {
    const json = JSON.stringify(entries);
    const id = `p${createHash('sha256').update(`${tenantId}\n${examId}\n${json}`).digest('hex').slice(0, 30)}`;
    drawn.set(entries, (paper = { id, entries, json }));
  }
  return paper;
}

/** The entries of one of the tenant's stored papers ([] if it has none by that id). */
export async function paperEntries(db: TenantDb, tenantId: string, paperId: string): Promise<PaperEntry[]> {
  const key = `${tenantId}:${paperId}`;
  const hit = entriesByKey.get(key);
  if (hit) return hit;
  const row = await db.examPaper.findFirst({ where: { id: paperId }, select: { entries: true } });
  if (!row) return [];
  const entries = Array.isArray(row.entries) ? (row.entries as unknown as PaperEntry[]) : [];
  entriesByKey.set(key, entries);
  return entries;
}

/** Writes papers to one database, skipping those it has written or seen there before. */
class PaperWriter {
  private readonly stored = new LRUCache<string, true>({ max: PAPERS_KEPT });

  constructor(private readonly db: Database) {}

  /** A paper that is there already is left as it is. */
  async store(tenantId: string, examId: string, papers: DrawnPaper[]): Promise<void> {
    const fresh = [...new Map(papers.filter((p) => !this.stored.has(p.id)).map((p) => [p.id, p])).values()];
    if (fresh.length === 0) return;
    const { raw, dialect } = this.db;
    const sql = dialect.upsertSql('ExamPaper', ['id', 'tenantId', 'examId', 'entries'], fresh.length, ['id'], { id: dialect.existing('ExamPaper', 'id') });
    await raw.execute(sql, fresh.flatMap((p) => [p.id, tenantId, examId, p.json]));
    for (const p of fresh) {
      this.stored.set(p.id, true);
      entriesByKey.set(`${tenantId}:${p.id}`, p.entries);
    }
  }
}

export const paperWriter = onePer((db: Database) => new PaperWriter(db));
