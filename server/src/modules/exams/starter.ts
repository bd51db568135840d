/**
 * Starting attempts, group-committed: a crowd starting one exam at the same moment costs one
 * lookup of their existing attempts and one multi-row INSERT per batch instead of several queries
 * per person. The paper comes from the per-process exam cache (paper.ts) and is stored once
 * (paper-store.ts): the attempt rows carry its id. The insert's key
 * (tenant, exam, member, attempt number) settles races between processes: a row that lost the
 * race is read back and resumed.
 */
import type { AppDeps } from '../../core/context';
import { onePer } from '../../core/one-per';
import type { TenantDb } from '../../core/tenancy';
import { clock } from '../courses/clock';
import { GroupCommit, type BatchOutcome } from '../../core/group-commit';
import { newRowId } from '../../core/tokens';
import { examErrors } from './errors';
import { drawPaper, loadExamForTaking } from './paper';
import { drawnPaper, paperWriter, type DrawnPaper } from './paper-store';
import type { AttemptRow } from './presenter';
import { GRACE_MS } from './service';

interface StartRequest {
  db: TenantDb;
  tenantId: string;
  examId: string;
  memberId: string;
}
export interface Started {
  attempt: AttemptRow;
  resumed: boolean;
  /** An open attempt past its deadline: the caller finalizes it and starts again. */
  expired?: boolean;
}

const COLUMNS = ['id', 'tenantId', 'examId', 'memberId', 'attemptNo', 'status', 'paperId', 'startedAt', 'deadlineAt', 'maxScore', 'switchAways'];
const toDate = (v: unknown) => (v instanceof Date ? v : new Date(v as string));

export class AttemptStarter {
  private readonly commit = new GroupCommit<StartRequest, Started>((items) => this.startBatch(items), 500);

  constructor(private readonly deps: Pick<AppDeps, 'db'>) {}

  start(request: StartRequest): Promise<Started> {
    return this.commit.submit(request);
  }

  private async startBatch(items: StartRequest[]): Promise<BatchOutcome<Started>[]> {
    const outcomes: BatchOutcome<Started>[] = new Array(items.length);
    const groups = new Map<string, number[]>();
    items.forEach((it, i) => groups.set(`${it.tenantId}|${it.examId}`, [...(groups.get(`${it.tenantId}|${it.examId}`) ?? []), i]));
    for (const indexes of groups.values()) {
      try {
        await this.startGroup(items, indexes, outcomes);
      } catch (err) {
        for (const i of indexes) outcomes[i] ??= err instanceof Error ? err : new Error(String(err));
      }
    }
    return outcomes;
  }

  private async attemptsOf(tenantId: string, examId: string, memberIds: string[]) {
    const { raw, dialect } = this.deps.db;
    const q = dialect.quote;
    const rows = await raw.query<Record<string, unknown>>(
      `SELECT ${[...COLUMNS, 'submittedAt', 'score', 'passed', 'endReason'].map(q).join(', ')} FROM ${q('ExamAttempt')} ` +
        `WHERE ${q('tenantId')} = ? AND ${q('examId')} = ? AND ${q('memberId')} IN (${memberIds.map(() => '?').join(', ')})`,
      [tenantId, examId, ...memberIds],
    );
    const byMember = new Map<string, AttemptRow[]>();
    for (const r of rows) {
      const a: AttemptRow = {
        id: String(r.id), examId: String(r.examId), memberId: String(r.memberId), attemptNo: Number(r.attemptNo), status: String(r.status),
        paperId: String(r.paperId), startedAt: toDate(r.startedAt), deadlineAt: toDate(r.deadlineAt),
        submittedAt: r.submittedAt ? toDate(r.submittedAt) : null, score: r.score === null ? null : Number(r.score), maxScore: Number(r.maxScore),
        passed: r.passed === null ? null : r.passed === true || Number(r.passed) === 1, switchAways: Number(r.switchAways), endReason: (r.endReason as string) ?? null,
      };
      byMember.set(a.memberId, [...(byMember.get(a.memberId) ?? []), a]);
    }
    return byMember;
  }

  /** Multi-row insert; a row that conflicts (that attempt number exists) is left as it is. Returns the ids that went in. */
  private async insert(rows: unknown[][]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const { raw, dialect } = this.deps.db;
    const q = dialect.quote;
    const sql = dialect.upsertSql('ExamAttempt', COLUMNS, rows.length, ['tenantId', 'examId', 'memberId', 'attemptNo'], { id: dialect.existing('ExamAttempt', 'id') });
    await raw.execute(sql, rows.flat());
    const ids = await raw.query<{ id: string }>(`SELECT ${q('id')} AS id FROM ${q('ExamAttempt')} WHERE ${q('id')} IN (${rows.map(() => '?').join(', ')})`, rows.map((r) => r[0]));
    return new Set(ids.map((r) => String(r.id)));
  }

  /**
   * Most of a crowd starts for the first time: insert attempt 1 for everyone straight away, and
   * look at existing attempts only for those whose insert met one (resume, next number, or none left).
   */
  private async startGroup(items: StartRequest[], indexes: number[], outcomes: BatchOutcome<Started>[]) {
    const { tenantId, examId, db } = items[indexes[0]];
    const entry = await loadExamForTaking(db, tenantId, examId);
    const now = clock.now();
    const startedAt = new Date(now);
    const deadlineAt = new Date(now + entry.exam.timeLimitSec * 1000);
    // A fixed paper is the same array for everyone: one paper row, and one id worked out once.
    let papers: DrawnPaper[] = [];
    // The papers first: an attempt row never names a paper that is not stored.
    const insert = async (rows: unknown[][]) => {
      await paperWriter(this.deps.db).store(tenantId, examId, papers);
      papers = [];
      return this.insert(rows);
    };
    const row = (memberId: string, attemptNo: number): unknown[] => {
      const paper = drawnPaper(tenantId, examId, drawPaper(entry));
      papers.push(paper);
      return [newRowId(), tenantId, examId, memberId, attemptNo, 'in_progress', paper.id, startedAt, deadlineAt, paper.entries.reduce((s, p) => s + p.score, 0), 0];
    };
    const asAttempt = (v: unknown[]): AttemptRow => ({
      id: v[0] as string, examId, memberId: v[3] as string, attemptNo: v[4] as number, status: 'in_progress', paperId: v[6] as string, startedAt,
      deadlineAt, submittedAt: null, score: null, maxScore: v[9] as number, passed: null, switchAways: 0, endReason: null,
    });
    const memberIds = [...new Set(indexes.map((i) => items[i].memberId))];
    const created = new Map<string, AttemptRow>();
    const first = memberIds.map((m) => row(m, 1));
    const went = await insert(first);
    for (const v of first) if (went.has(v[0] as string)) created.set(v[3] as string, asAttempt(v));

    const others = memberIds.filter((m) => !created.has(m));
    const existing = others.length ? await this.attemptsOf(tenantId, examId, others) : new Map<string, AttemptRow[]>();
    const next: unknown[][] = [];
    for (const m of others) {
      const attempts = existing.get(m) ?? [];
      if (!attempts.some((a) => a.status === 'in_progress') && attempts.length > 0 && attempts.length < entry.exam.maxAttempts) next.push(row(m, attempts.length + 1));
    }
    const went2 = await insert(next);
    for (const v of next) if (went2.has(v[0] as string)) created.set(v[3] as string, asAttempt(v));
    // Lost a race with another process on the next number: read what is there now.
    const lost = next.filter((v) => !went2.has(v[0] as string)).map((v) => v[3] as string);
    if (lost.length) for (const [m, rows] of await this.attemptsOf(tenantId, examId, lost)) existing.set(m, rows);

    const reported = new Set<string>();
    for (const i of indexes) {
      const memberId = items[i].memberId;
      const mineNew = created.get(memberId);
      const open = mineNew ?? (existing.get(memberId) ?? []).find((a) => a.status === 'in_progress');
      if (open) {
        // A member asking twice in one batch: the first request created it, the second resumes it.
        const mine = !!mineNew && !reported.has(memberId);
        reported.add(memberId);
        outcomes[i] = { attempt: open, resumed: !mine, expired: now > open.deadlineAt.getTime() + GRACE_MS };
      } else {
        outcomes[i] = examErrors.attemptsExhausted(entry.exam.maxAttempts);
      }
    }
  }
}

export const attemptStarter = onePer((deps: AppDeps) => new AttemptStarter(deps));
