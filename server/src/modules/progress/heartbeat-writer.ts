/**
 * The heartbeat hot path. Concurrent heartbeats are gathered (group commit) and each batch costs
 * a few statements whatever its size: read the study sessions, the chapters (cached) and the
 * progress rows; apply the rules in memory, in arrival order; write every progress row with one
 * raw multi-row upsert and every session with another. A heartbeat is acknowledged only after
 * its batch has committed.
 *
 * The upsert is guarded by (studySessionId, lastSeq), so a replayed or reordered heartbeat never
 * moves a row backwards, even when two server processes write the same row.
 */
import type { AppDeps } from '../../core/context';
import { newRowId } from '../../core/tokens';
import { errors } from '../../core/errors';
import { clock } from '../courses/clock';
import { trainingErrors } from '../courses/errors';
import { GroupCommit, type BatchOutcome } from '../../core/group-commit';
import { onePer } from '../../core/one-per';
import { applyBeat, emptyProgress, type Beat, type ChapterInfo, type Flag, type ProgressState } from './rules';
import { metrics } from '../../core/metrics';

/** A session with no heartbeat for this long has ended; a new one may start. */
export const SESSION_TTL_MS = 90_000;
const CHAPTER_CACHE_MS = 30_000;
/**
 * Session rows are re-read after this long, and lastSeenAt is written at most this often: the
 * session timeout is 90 s, so liveness needs no finer grain. An end of session made by another
 * process is seen within this time.
 */
const SESSION_CACHE_MS = 2_000;
const SEEN_WRITE_MS = 5_000;

export interface HeartbeatInput extends Beat {
  tenantId: string;
  memberId: string;
  chapterId: string;
}

export interface HeartbeatResult {
  chapterId: string;
  positionSec: number;
  furthestSec: number;
  creditedSec: number;
  completed: boolean;
  duplicate: boolean;
  flagged: string[];
  /** Set when this heartbeat completed the chapter (the caller then evaluates the course). */
  newlyCompleted: boolean;
  courseId: string;
}

interface SessionRow {
  id: string; tenantId: string; memberId: string; courseId: string; validUntil: Date; startedAt: Date; lastSeenAt: Date;
  creditedUntil: Date | null; endedAt: Date | null;
}

const toDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(v as string));
const toBool = (v: unknown) => v === true || Number(v) === 1;

const PROGRESS_COLUMNS = [
  'tenantId', 'memberId', 'chapterId', 'courseId', 'positionSec', 'furthestSec', 'creditedSec', 'completed', 'completedAt',
  'lastState', 'lastBeatAt', 'lastSeq', 'studySessionId', 'updatedAt',
];
const SESSION_COLUMNS = ['id', 'tenantId', 'memberId', 'courseId', 'validUntil', 'startedAt', 'lastSeenAt', 'creditedUntil'];

export class HeartbeatWriter {
  private readonly commit: GroupCommit<HeartbeatInput, HeartbeatResult>;
  private readonly chapters = new Map<string, { info: ChapterInfo; at: number }>();
  /** Sessions this process wrote last, briefly trusted instead of re-read (see SESSION_CACHE_MS). */
  private readonly sessions = new Map<string, { row: SessionRow; at: number; savedSeenAt: number; creditedChapter: string | null }>();
  /**
   * Progress rows as this process last wrote them, trusted for SESSION_CACHE_MS like the sessions
   * (one active study session per member makes this process the row's only writer meanwhile): a
   * learner's next heartbeat then needs no read of the row it just wrote.
   */
  private readonly written = new Map<string, { state: ProgressState; at: number }>();
  private readonly progressSql = new Map<number, string>();
  private readonly sessionSql = new Map<number, string>();

  /**
   * One batch in flight at a time: it keeps one member's heartbeats in order, and two concurrent
   * upsert batches into ChapterProgress measured several times slower on MariaDB than one.
   */
  constructor(private readonly deps: Pick<AppDeps, 'db' | 'logger'>, maxBatch = 500) {
    this.commit = new GroupCommit((items) => this.measured(items), maxBatch);
  }

  submit(beat: HeartbeatInput): Promise<HeartbeatResult> {
    return this.commit.submit(beat);
  }

  /** Forget a cached session (it was ended through this process). */
  invalidateSession(id: string): void {
    this.sessions.delete(id);
  }

  /** Forget cached chapter facts (after an admin edits a chapter). */
  invalidateChapter(id: string): void {
    this.chapters.delete(id);
  }

  private async measured(items: HeartbeatInput[]): Promise<BatchOutcome<HeartbeatResult>[]> {
    const end = metrics.heartbeatCommitSeconds.startTimer();
    metrics.heartbeatBatchSize.observe(items.length);
    try {
      return await this.writeBatch(items);
    } finally {
      end();
    }
  }

  private async writeBatch(items: HeartbeatInput[]): Promise<BatchOutcome<HeartbeatResult>[]> {
    const { raw, dialect } = this.deps.db;
    const q = dialect.quote;
    const now = clock.now();
    const [sessions, chapters, progress] = await Promise.all([this.loadSessions(items, now), this.loadChapters(items, now), this.loadProgress(items, now)]);

    const touched = new Map<string, { input: HeartbeatInput; state: ProgressState; courseId: string }>();
    const touchedSessions = new Map<string, SessionRow>();
    const flags: { input: HeartbeatInput; courseId: string; flag: Flag }[] = [];
    const outcomes: BatchOutcome<HeartbeatResult>[] = items.map((input) => {
      try {
        const session = sessions.get(input.studySessionId);
        if (!session || session.tenantId !== input.tenantId || session.memberId !== input.memberId) return errors.notFound('study session');
        if (now >= session.validUntil.getTime()) return trainingErrors.enrolmentExpired(session.validUntil);
        if (session.endedAt || now - session.lastSeenAt.getTime() > SESSION_TTL_MS) return trainingErrors.sessionEnded();
        const chapter = chapters.get(input.chapterId);
        if (!chapter || chapter.tenantId !== input.tenantId) return errors.notFound('chapter');
        if (chapter.courseId !== session.courseId) return trainingErrors.chapterNotInCourse();
        const key = `${input.tenantId}|${input.memberId}|${input.chapterId}`;
        const prev = touched.get(key)?.state ?? progress.get(key) ?? emptyProgress();
        const applied = applyBeat(prev, input, chapter, now, session.creditedUntil?.getTime() ?? 0);
        if (!applied.duplicate) {
          touched.set(key, { input, state: applied.next, courseId: chapter.courseId });
          const cached = this.sessions.get(session.id);
          session.lastSeenAt = new Date(now);
          if (now - (cached?.savedSeenAt ?? 0) >= SEEN_WRITE_MS) touchedSessions.set(session.id, session);
          if (applied.creditedNow > 0) {
            session.creditedUntil = new Date(now);
            // Credit moving to another chapter must be durable at once (it stops two chapters
            // earning the same minutes); while one chapter plays, its own lastBeatAt says the same.
            if (cached?.creditedChapter !== input.chapterId) touchedSessions.set(session.id, session);
            if (cached) cached.creditedChapter = input.chapterId;
          }
          for (const flag of applied.flags) flags.push({ input, courseId: chapter.courseId, flag });
        }
        const s = applied.next;
        return {
          chapterId: input.chapterId, courseId: chapter.courseId, positionSec: s.positionSec, furthestSec: s.furthestSec,
          creditedSec: Math.round(s.creditedSec * 10) / 10, completed: s.completed, duplicate: applied.duplicate,
          flagged: applied.flags.map((f) => f.kind), newlyCompleted: applied.newlyCompleted,
        };
      } catch (err) {
        return err instanceof Error ? err : new Error(String(err));
      }
    });

    if (touched.size > 0) {
      const rows = [...touched.values()];
      const params: unknown[] = [];
      for (const { input, state, courseId } of rows) {
        params.push(
          input.tenantId, input.memberId, input.chapterId, courseId, state.positionSec, state.furthestSec, state.creditedSec, state.completed ? 1 : 0,
          state.completedAt, state.lastState, state.lastBeatAt, state.lastSeq, state.studySessionId, new Date(now),
        );
      }
      try {
        await raw.execute(this.progressUpsert(rows.length), params);
      } catch (err) {
        for (const key of touched.keys()) this.written.delete(key);
        throw err;
      }
      if (this.written.size > 100_000) this.written.clear();
      for (const [key, { state }] of touched) this.written.set(key, { state, at: now });
    }
    if (touchedSessions.size > 0) {
      const rows = [...touchedSessions.values()];
      const params = rows.flatMap((s) => [s.id, s.tenantId, s.memberId, s.courseId, s.validUntil, s.startedAt, s.lastSeenAt, s.creditedUntil]);
      await raw.execute(this.sessionUpsert(rows.length), params);
      for (const s of rows) {
        const cached = this.sessions.get(s.id);
        if (cached) cached.savedSeenAt = now;
      }
    }
    if (flags.length > 0) {
      // Rare, and not worth failing heartbeats over: recorded after the progress commit.
      const sql = `INSERT INTO ${q('SuspiciousEvent')} (${['id', 'tenantId', 'memberId', 'kind', 'courseId', 'chapterId', 'details', 'createdAt'].map(q).join(', ')}) VALUES ` +
        flags.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
      const params = flags.flatMap(({ input, courseId, flag }) => [
        newRowId(), input.tenantId, input.memberId, flag.kind, courseId, input.chapterId, JSON.stringify(flag.details), new Date(now),
      ]);
      await raw.execute(sql, params).catch((err) => this.deps.logger.error({ err }, 'suspicious events not recorded'));
    }
    return outcomes;
  }

  private progressUpsert(n: number): string {
    let sql = this.progressSql.get(n);
    if (sql) return sql;
    const { dialect } = this.deps.db;
    const t = 'ChapterProgress';
    const e = (c: string) => dialect.existing(t, c);
    const i = (c: string) => dialect.incoming(c);
    // Apply only a newer heartbeat (another session, or a higher sequence in the same one).
    // lastSeq and studySessionId come last: MySQL evaluates the assignments left to right.
    const newer = `(${e('studySessionId')} IS NULL OR ${e('studySessionId')} <> ${i('studySessionId')} OR ${i('lastSeq')} > ${e('lastSeq')})`;
    const guarded = (c: string) => `CASE WHEN ${newer} THEN ${i(c)} ELSE ${e(c)} END`;
    const updates: Record<string, string> = {};
    for (const c of ['positionSec', 'furthestSec', 'creditedSec', 'completed', 'completedAt', 'lastState', 'lastBeatAt', 'updatedAt', 'lastSeq', 'studySessionId']) updates[c] = guarded(c);
    sql = dialect.upsertSql(t, PROGRESS_COLUMNS, n, ['tenantId', 'memberId', 'chapterId'], updates);
    this.progressSql.set(n, sql);
    return sql;
  }

  private sessionUpsert(n: number): string {
    let sql = this.sessionSql.get(n);
    if (sql) return sql;
    const { dialect } = this.deps.db;
    const t = 'StudySession';
    const latest = (c: string) => `CASE WHEN ${dialect.existing(t, c)} IS NULL OR ${dialect.incoming(c)} > ${dialect.existing(t, c)} THEN ${dialect.incoming(c)} ELSE ${dialect.existing(t, c)} END`;
    sql = dialect.upsertSql(t, SESSION_COLUMNS, n, ['id'], { lastSeenAt: latest('lastSeenAt'), creditedUntil: latest('creditedUntil') });
    this.sessionSql.set(n, sql);
    return sql;
  }

  private async loadSessions(items: HeartbeatInput[], now: number): Promise<Map<string, SessionRow>> {
    const out = new Map<string, SessionRow>();
    const ids: string[] = [];
    for (const id of new Set(items.map((i) => i.studySessionId))) {
      const hit = this.sessions.get(id);
      if (hit && now - hit.at < SESSION_CACHE_MS) out.set(id, hit.row);
      else ids.push(id);
    }
    if (ids.length === 0) return out;
    const { raw, dialect } = this.deps.db;
    const q = dialect.quote;
    const rows = await raw.query<Record<string, unknown>>(
      `SELECT ${SESSION_COLUMNS.concat('endedAt').map(q).join(', ')} FROM ${q('StudySession')} WHERE ${q('id')} IN (${ids.map(() => '?').join(', ')})`,
      ids,
    );
    for (const r of rows) {
      const row: SessionRow = {
        id: String(r.id), tenantId: String(r.tenantId), memberId: String(r.memberId), courseId: String(r.courseId), validUntil: toDate(r.validUntil)!,
        startedAt: toDate(r.startedAt)!, lastSeenAt: toDate(r.lastSeenAt)!, creditedUntil: toDate(r.creditedUntil), endedAt: toDate(r.endedAt),
      };
      const before = this.sessions.get(row.id);
      this.sessions.set(row.id, { row, at: now, savedSeenAt: row.lastSeenAt.getTime(), creditedChapter: before?.creditedChapter ?? null });
      out.set(row.id, row);
    }
    if (this.sessions.size > 100_000) this.sessions.clear();
    return out;
  }

  private async loadChapters(items: HeartbeatInput[], now: number): Promise<Map<string, ChapterInfo>> {
    const out = new Map<string, ChapterInfo>();
    const missing: string[] = [];
    for (const id of new Set(items.map((i) => i.chapterId))) {
      const hit = this.chapters.get(id);
      if (hit && now - hit.at < CHAPTER_CACHE_MS) out.set(id, hit.info);
      else missing.push(id);
    }
    if (missing.length) {
      const { raw, dialect } = this.deps.db;
      const q = dialect.quote;
      const rows = await raw.query<Record<string, unknown>>(
        `SELECT ${['id', 'tenantId', 'courseId', 'kind', 'durationSec', 'minReadSec'].map(q).join(', ')} FROM ${q('Chapter')} WHERE ${q('id')} IN (${missing.map(() => '?').join(', ')})`,
        missing,
      );
      for (const r of rows) {
        const info: ChapterInfo = {
          id: String(r.id), tenantId: String(r.tenantId), courseId: String(r.courseId), kind: r.kind as ChapterInfo['kind'],
          durationSec: r.durationSec === null ? null : Number(r.durationSec), minReadSec: r.minReadSec === null ? null : Number(r.minReadSec),
        };
        this.chapters.set(info.id, { info, at: now });
        out.set(info.id, info);
      }
    }
    return out;
  }

  private async loadProgress(items: HeartbeatInput[], now: number): Promise<Map<string, ProgressState>> {
    const out = new Map<string, ProgressState>();
    const keys = new Map<string, HeartbeatInput>();
    for (const i of items) {
      const key = `${i.tenantId}|${i.memberId}|${i.chapterId}`;
      const hit = this.written.get(key);
      if (hit && now - hit.at < SESSION_CACHE_MS) out.set(key, hit.state);
      else keys.set(key, i);
    }
    if (keys.size === 0) return out;
    const { raw, dialect } = this.deps.db;
    const q = dialect.quote;
    const where = dialect.rowIn(['tenantId', 'memberId', 'chapterId'], keys.size);
    const rows = await raw.query<Record<string, unknown>>(
      `SELECT ${PROGRESS_COLUMNS.filter((c) => c !== 'courseId' && c !== 'updatedAt').map(q).join(', ')} FROM ${q('ChapterProgress')} WHERE ${where}`,
      [...keys.values()].flatMap((i) => [i.tenantId, i.memberId, i.chapterId]),
    );
    for (const r of rows) {
      out.set(`${r.tenantId}|${r.memberId}|${r.chapterId}`, {
        positionSec: Number(r.positionSec), furthestSec: Number(r.furthestSec), creditedSec: Number(r.creditedSec), completed: toBool(r.completed),
        completedAt: toDate(r.completedAt), lastState: String(r.lastState), lastBeatAt: toDate(r.lastBeatAt),
        studySessionId: r.studySessionId === null ? null : String(r.studySessionId), lastSeq: Number(r.lastSeq),
      });
    }
    return out;
  }
}

/** One writer per running app (its batches are per process). */
export const heartbeatWriter = onePer((deps: AppDeps) => new HeartbeatWriter(deps));
