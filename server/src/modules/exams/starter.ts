/**
 * Starting attempts, group-committed: a crowd starting one exam at the same moment costs one
 * lookup of their existing attempts and one multi-row INSERT per batch instead of several queries
 * per person. The paper comes from the per-process exam cache (paper.ts). The insert's key
 * (tenant, exam, member, attempt number) settles races between processes: a row that lost the
 * race is read back and resumed.
 */
import type { AppDeps } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { clock } from '../courses/clock';
import { GroupCommit, type BatchOutcome } from '../progress/group-commit';
import { eventId } from '../progress/heartbeat-writer';
import { examErrors } from './errors';
import { drawPaper, loadExamForTaking } from './paper';
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

const COLUMNS = ['id', 'tenantId', 'examId', 'memberId', 'attemptNo', 'status', 'paper', 'startedAt', 'deadlineAt', 'maxScore', 'switchAways'];
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
        paper: typeof r.paper === 'string' ? JSON.parse(r.paper) : r.paper, startedAt: toDate(r.startedAt), deadlineAt: toDate(r.deadlineAt),
        submittedAt: r.submittedAt ? toDate(r.submittedAt) : null, score: r.score === null ? null : Number(r.score), maxScore: Number(r.maxScore),
        passed: r.passed === null ? null : r.passed === true || Number(r.passed) === 1, switchAways: Number(r.switchAways), endReason: (r.endReason as string) ?? null,
      };
      byMember.set(a.memberId, [...(byMember.get(a.memberId) ?? []), a]);
    }
    return byMember;
  }

  private async startGroup(items: StartRequest[], indexes: number[], outcomes: BatchOutcome<Started>[]) {
    const { tenantId, examId, db } = items[indexes[0]];
    const entry = await loadExamForTaking(db, tenantId, examId);
    const memberIds = [...new Set(indexes.map((i) => items[i].memberId))];
    const existing = await this.attemptsOf(tenantId, examId, memberIds);
    const now = clock.now();
    const fresh = new Map<string, unknown[]>();
    for (const memberId of memberIds) {
      const attempts = existing.get(memberId) ?? [];
      const open = attempts.find((a) => a.status === 'in_progress');
      if (open || attempts.length >= entry.exam.maxAttempts) continue;
      const paper = drawPaper(entry);
      fresh.set(memberId, [
        eventId(), tenantId, examId, memberId, attempts.length + 1, 'in_progress', JSON.stringify(paper), new Date(now),
        new Date(now + entry.exam.timeLimitSec * 1000), paper.reduce((s, p) => s + p.score, 0), 0,
      ]);
    }
    if (fresh.size) {
      const { raw, dialect } = this.deps.db;
      // A conflicting row (another process started the same attempt) is kept as it is.
      const sql = dialect.upsertSql('ExamAttempt', COLUMNS, fresh.size, ['tenantId', 'examId', 'memberId', 'attemptNo'], { id: dialect.existing('ExamAttempt', 'id') });
      await raw.execute(sql, [...fresh.values()].flat());
    }
    // Which of our rows went in: read back ids only; a lost race reads the winner's row in full.
    const after = new Map<string, AttemptRow[]>();
    if (fresh.size) {
      const { raw, dialect } = this.deps.db;
      const q = dialect.quote;
      const ids = await raw.query<{ id: string; memberId: string }>(
        `SELECT ${q('id')} AS id, ${q('memberId')} AS memberId FROM ${q('ExamAttempt')} WHERE ${q('id')} IN (${[...fresh.values()].map(() => '?').join(', ')})`,
        [...fresh.values()].map((v) => v[0]),
      );
      const inserted = new Set(ids.map((r) => String(r.id)));
      const lost: string[] = [];
      for (const [memberId, v] of fresh) {
        if (!inserted.has(v[0] as string)) {
          lost.push(memberId);
          continue;
        }
        after.set(memberId, [{
          id: v[0] as string, examId, memberId, attemptNo: v[4] as number, status: 'in_progress', paper: JSON.parse(v[6] as string), startedAt: v[7] as Date,
          deadlineAt: v[8] as Date, submittedAt: null, score: null, maxScore: v[9] as number, passed: null, switchAways: 0, endReason: null,
        }]);
      }
      if (lost.length) for (const [m, rows] of await this.attemptsOf(tenantId, examId, lost)) after.set(m, rows);
    }
    const reported = new Set<string>();
    for (const i of indexes) {
      const memberId = items[i].memberId;
      const attempts = after.get(memberId) ?? existing.get(memberId) ?? [];
      const open = attempts.find((a) => a.status === 'in_progress');
      if (open) {
        // A member asking twice in one batch: the first request created it, the second resumes it.
        const mine = fresh.get(memberId)?.[0] === open.id && !reported.has(memberId);
        reported.add(memberId);
        outcomes[i] = { attempt: open, resumed: !mine, expired: now > open.deadlineAt.getTime() + GRACE_MS };
      } else {
        outcomes[i] = examErrors.attemptsExhausted(entry.exam.maxAttempts);
      }
    }
  }
}

const starters = new WeakMap<object, AttemptStarter>();
export function attemptStarter(deps: AppDeps): AttemptStarter {
  let s = starters.get(deps);
  if (!s) starters.set(deps, (s = new AttemptStarter(deps)));
  return s;
}
