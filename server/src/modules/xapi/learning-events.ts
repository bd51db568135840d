/**
 * Qixue's own learning events as xAPI statements in the enterprise's store, so its records can be
 * exported as standard statements. The member is an `account` agent: homePage = the enterprise's
 * Qixue address, name = the member id (never a name or phone number).
 *
 *   chapter completed · course completed · exam passed / failed (score) · credit hours earned ·
 *   certificate earned · document read
 *
 * Statements of concurrent events are gathered and stored together (group commit); the caller's
 * promise settles once its statement is stored, so the event's request is acknowledged after it.
 * Statement ids derive from the event (tenant, kind, subject), so an event recorded twice is one
 * statement. A failure never fails the learner's request: the statement goes to the job queue
 * (STORE_JOB), which stores it later and retries with backoff; a statement that lost to another
 * one with its id (the event was recorded before, differently) is dropped with a warning.
 */
import { createHash } from 'node:crypto';
import type { AppDeps, LrsClient } from '../../core/context';
import { GroupCommit } from '../../core/group-commit';
import { metrics } from '../../core/metrics';
import { databaseKeyOf, type TenantDb } from '../../core/tenancy';
import { AppError } from '../../core/errors';
import { enterpriseHomePage } from './credentials';
import { storeStatements } from './statement-store';

/** The job that stores a learning statement whose first write failed (retried with the queue's backoff). */
export const STORE_JOB = 'xapi.store-learning-statement';

type Json = Record<string, unknown>;

export type LearningEvent =
  | { kind: 'chapter-completed'; memberId: string; courseId: string; chapterId: string; at: Date }
  | { kind: 'course-completed'; memberId: string; courseId: string; courseTitle: string; at: Date }
  | { kind: 'exam-graded'; memberId: string; examId: string; attemptId: string; score: number; passed: boolean; at: Date }
  | { kind: 'credit-hours-earned'; memberId: string; courseId: string; courseTitle: string; hours: number; year: number; at: Date }
  | { kind: 'certificate-earned'; memberId: string; courseId: string; certificateId: string; courseTitle: string; at: Date }
  | { kind: 'document-read'; memberId: string; documentId: string; at: Date };

const VERBS = {
  completed: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'zh-CN': '完成', 'en-US': 'completed' } },
  passed: { id: 'http://adlnet.gov/expapi/verbs/passed', display: { 'zh-CN': '通过', 'en-US': 'passed' } },
  failed: { id: 'http://adlnet.gov/expapi/verbs/failed', display: { 'zh-CN': '未通过', 'en-US': 'failed' } },
  earned: { id: 'http://id.tincanapi.com/verb/earned', display: { 'zh-CN': '获得', 'en-US': 'earned' } },
  read: { id: 'http://activitystrea.ms/schema/1.0/read', display: { 'zh-CN': '阅读', 'en-US': 'read' } },
};
const TYPES = {
  course: 'http://adlnet.gov/expapi/activities/course',
  lesson: 'http://adlnet.gov/expapi/activities/lesson',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
  certificate: 'http://id.tincanapi.com/activitytype/certificate',
  document: 'http://id.tincanapi.com/activitytype/document',
  creditHours: 'http://id.tincanapi.com/activitytype/credit',
};

/** A UUID (variant 1, version 8: custom) derived from the event, so the same event is the same statement. */
function eventStatementId(parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\0')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${'89ab'[parseInt(h[16]!, 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function learningStatement(home: string, tenantId: string, e: LearningEvent): Json {
  const actor = { objectType: 'Agent', account: { homePage: home, name: e.memberId } };
  const activity = (path: string, type: string, name?: string) => ({
    objectType: 'Activity', id: `${home}/${path}`, definition: { type, ...(name && { name: { 'zh-CN': name } }) },
  });
  const base = (verb: Json, object: Json, subject: string, extra: Json = {}) => ({
    id: eventStatementId([tenantId, e.kind, e.memberId, subject]), actor, verb, object, timestamp: e.at.toISOString(), ...extra,
  });
  switch (e.kind) {
    case 'chapter-completed':
      return base(VERBS.completed, activity(`courses/${e.courseId}/chapters/${e.chapterId}`, TYPES.lesson), e.chapterId, {
        result: { completion: true }, context: { contextActivities: { parent: [activity(`courses/${e.courseId}`, TYPES.course)] } },
      });
    case 'course-completed':
      return base(VERBS.completed, activity(`courses/${e.courseId}`, TYPES.course, e.courseTitle), e.courseId, { result: { completion: true } });
    case 'exam-graded':
      return base(e.passed ? VERBS.passed : VERBS.failed, activity(`exams/${e.examId}`, TYPES.assessment), e.attemptId, {
        result: { score: { raw: e.score }, success: e.passed, completion: true },
      });
    case 'credit-hours-earned':
      return base(VERBS.earned, activity(`courses/${e.courseId}/credit-hours/${e.year}`, TYPES.creditHours, `${e.courseTitle} 学时`), `${e.courseId}/${e.year}`, {
        result: { extensions: { [`${home}/xapi/extensions/credit-hours`]: e.hours } },
        context: { contextActivities: { parent: [activity(`courses/${e.courseId}`, TYPES.course, e.courseTitle)] } },
      });
    case 'certificate-earned':
      return base(VERBS.earned, activity(`certificates/${e.certificateId}`, TYPES.certificate, `${e.courseTitle} 结业证书`), e.certificateId, {
        context: { contextActivities: { parent: [activity(`courses/${e.courseId}`, TYPES.course, e.courseTitle)] } },
      });
    case 'document-read':
      return base(VERBS.read, activity(`documents/${e.documentId}`, TYPES.document), e.documentId);
  }
}

interface Pending {
  tenantId: string;
  statement: Json;
}

class LearningRecords {
  private readonly commit = new GroupCommit<Pending, void>((items) => this.write(items), 200);

  constructor(private readonly deps: AppDeps) {}

  async record(tenantId: string, events: LearningEvent[]): Promise<void> {
    const home = enterpriseHomePage(this.deps.config, tenantId);
    try {
      await Promise.all(events.map((e) => this.commit.submit({ tenantId, statement: learningStatement(home, tenantId, e) })));
      for (const e of events) metrics.xapiEventsEmitted.inc({ event: e.kind });
    } catch (err) {
      this.deps.logger.error({ err, tenantId, events: events.map((e) => e.kind) }, 'learning events not recorded as xAPI statements');
    }
  }

  private async write(items: Pending[]): Promise<void[]> {
    const byTenant = new Map<string, Json[]>();
    for (const item of items) byTenant.set(item.tenantId, [...(byTenant.get(item.tenantId) ?? []), item.statement]);
    for (const [tenantId, statements] of byTenant) {
      try {
        await storeStatements(this.deps.db, qixueClient(this.deps, tenantId), statements, new Map());
      } catch {
        // One statement of the batch was stored before with other content, or the write failed:
        // store them one by one so that one cannot hold the others back.
        for (const s of statements) await storeLearningStatement(this.deps, tenantId, s).catch((err) => this.later(tenantId, s, err));
      }
    }
    return items.map(() => undefined);
  }

  /** The write failed: the job queue keeps the statement and retries. */
  private async later(tenantId: string, statement: Json, err: unknown): Promise<void> {
    this.deps.logger.warn({ err, tenantId, id: statement.id }, 'learning statement not stored yet: queued for retry');
    try {
      await this.deps.jobs.enqueue({ tenantId, kind: STORE_JOB, payload: { statement } });
    } catch (queueErr) {
      this.deps.logger.error({ err: queueErr, tenantId, statement }, 'learning statement lost: neither stored nor queued');
    }
  }
}

/** Qixue itself, as the authority of the statements it records. */
function qixueClient(deps: Pick<AppDeps, 'config'>, tenantId: string): LrsClient {
  const home = enterpriseHomePage(deps.config, tenantId);
  return { tenantId, credentialId: 'qixue', authority: { objectType: 'Agent', name: 'Qixue', account: { homePage: home, name: 'qixue' } } };
}

/** Stores one learning statement; a conflict with the statement already stored under its id is final, not a failure. */
async function storeLearningStatement(deps: Pick<AppDeps, 'config' | 'db' | 'logger'>, tenantId: string, statement: Json): Promise<'stored' | 'conflict'> {
  try {
    await storeStatements(deps.db, qixueClient(deps, tenantId), [statement], new Map());
    return 'stored';
  } catch (err) {
    if (!(err instanceof AppError && err.status === 409)) throw err;
    deps.logger.warn({ tenantId, id: statement.id }, 'learning statement not stored: its id holds another statement');
    return 'conflict';
  }
}

export function registerXapiJobs(deps: AppDeps): void {
  deps.jobs.register(STORE_JOB, async (job) => ({ outcome: await storeLearningStatement(deps, job.tenantId!, (job.payload as { statement: Json }).statement) }));
}

const registry = new WeakMap<object, LearningRecords>();

/** Called once per app (bootstrap): events recorded through a tenant db of this database go here. */
export function registerLearningRecords(deps: AppDeps): void {
  // Dependencies built only to list routes have no database client: nothing to record into.
  if (!deps.db.prisma) return;
  registry.set(databaseKeyOf(deps.db.prisma), new LearningRecords(deps));
}

/** Records learning events as statements in the enterprise's store. Never throws. */
export async function recordLearningEvents(db: TenantDb, tenantId: string, ...events: LearningEvent[]): Promise<void> {
  if (!events.length) return;
  await registry.get(databaseKeyOf(db))?.record(tenantId, events);
}
