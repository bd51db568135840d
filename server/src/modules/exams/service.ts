/**
 * Attempts: start (draw a paper, deadline set by the server), save answers (raw multi-row upsert,
 * acknowledged after commit), switch-away reports, submit and grade on the server. Submitting
 * twice returns the same result; an attempt past its deadline is submitted with the answers saved
 * in time.
 *
 * Saving and submitting are ordered by the attempt row: each writes it first, in its transaction,
 * so the other waits for its commit. An answer acknowledged as saved was committed before the
 * submit's update and is graded; a save that comes after it finds the attempt submitted and is
 * refused, changing nothing.
 */
import type { Actor, AppDeps } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { compareAndSet, type CasSet, type SqlExecutor } from '../../db/compare-and-set';
import { errors } from '../../core/errors';
import { EncodedJson } from '../../core/http/json-body';
import { clock } from '../courses/clock';
import { trainingErrors } from '../courses/errors';
import { activeEnrolment } from '../courses/service';
import { evaluateCourse } from '../credits/service';
import { recordItemDone } from '../tasks/completion';
import { examErrors } from './errors';
import { answerFits, isCorrect, type Given } from './grading';
import { loadExamForTaking, type CachedExam } from './paper';
import { paperEntries } from './paper-store';
import { attemptStarter } from './starter';
import { attemptSelect, presentAttempt, presentTakerQuestion, type AttemptRow } from './presenter';
import { recordLearningEvents } from '../xapi/learning-events';

/** Network slack after the deadline for answers already on their way. */
export const GRACE_MS = 5_000;

export async function startAttempt(deps: AppDeps, db: TenantDb, actor: Actor, examId: string) {
  const entry = await loadExamForTaking(db, actor.tenantId, examId);
  const { opensAt, closesAt } = entry.exam;
  const now = clock.now();
  if (opensAt && now < opensAt.getTime()) throw examErrors.notOpenYet(opensAt);
  if (closesAt && now >= closesAt.getTime()) await refuseAfterClose(db, actor, examId, closesAt);
  if (entry.courseId) {
    // Seed 001 §4.4: the exam comes after every chapter, inside the enrolment window.
    const enrolment = await activeEnrolment(db, actor.memberId, entry.courseId);
    if (!enrolment.chaptersDoneAt) {
      const state = await evaluateCourse(db, actor.tenantId, actor.memberId, entry.courseId);
      if (!state?.chaptersComplete) throw trainingErrors.chaptersIncomplete();
    }
  }
  const request = { db, tenantId: actor.tenantId, examId, memberId: actor.memberId };
  let started = await attemptStarter(deps).start(request);
  if (started.expired) {
    // The open attempt ran out of time unseen: submit it, then start the next one if allowed.
    await finalize(db, actor.tenantId, started.attempt, 'time_limit');
    started = await attemptStarter(deps).start(request);
  }
  return { attempt: started.attempt, entry, resumed: started.resumed };
}

/** After the window closes only an attempt already open may be resumed (it runs to its own deadline). */
async function refuseAfterClose(db: TenantDb, actor: Actor, examId: string, closesAt: Date) {
  const open = await db.examAttempt.findFirst({ where: { examId, memberId: actor.memberId, status: 'in_progress' }, select: { id: true } });
  if (!open) throw examErrors.windowClosed(closesAt);
}

/**
 * A fixed paper's questions, presented and encoded once for the crowd that starts it, by paper id.
 * Kept per exam-cache entry (paper.ts), so an edited question reaches takers when the exam is next
 * loaded, as everything else in that cache does.
 */
const presentedPapers = new WeakMap<CachedExam, Map<string, EncodedJson>>();

function presentedOf(entry: CachedExam): Map<string, EncodedJson> {
  let byPaper = presentedPapers.get(entry);
  if (!byPaper) presentedPapers.set(entry, (byPaper = new Map()));
  return byPaper;
}

/** The attempt as its taker sees it while answering: questions without keys, and saved answers. */
export async function presentOpenAttempt(db: TenantDb, tenantId: string, attempt: AttemptRow, opts: { fresh?: boolean } = {}) {
  const entry = await loadExamForTaking(db, tenantId, attempt.examId);
  const paper = await paperEntries(db, tenantId, attempt.paperId);
  const missing = paper.filter((p) => !entry.questions.has(p.questionId)).map((p) => p.questionId);
  const extra = missing.length
    ? new Map((await db.question.findMany({ where: { id: { in: missing } }, select: { id: true, type: true, stem: true, options: true } })).map((q) => [q.id, q]))
    : new Map();
  // A just-created attempt has no answers yet.
  const saved = opts.fresh ? [] : await db.examAnswer.findMany({ where: { attemptId: attempt.id }, select: { questionId: true, answer: true } });
  const presented = entry.exam.mode === 'fixed' && missing.length === 0 ? presentedOf(entry) : null;
  let questions = presented?.get(attempt.paperId);
  if (!questions) {
    questions = new EncodedJson(paper.map((p) => presentTakerQuestion(entry.questions.get(p.questionId) ?? extra.get(p.questionId), p.score)));
    presented?.set(attempt.paperId, questions);
  }
  return {
    attempt: presentAttempt(attempt, entry.exam.resultVisibility),
    questions,
    answers: saved.map((s) => ({ questionId: s.questionId, answer: s.answer })),
  };
}

export async function loadOwnAttempt(db: TenantDb, actor: Actor, id: string): Promise<AttemptRow> {
  const attempt = await db.examAttempt.findUnique({ where: { id }, select: attemptSelect });
  if (!attempt || attempt.memberId !== actor.memberId) throw errors.notFound('attempt');
  return attempt;
}

export async function saveAnswers(deps: AppDeps, db: TenantDb, actor: Actor, attempt: AttemptRow, answers: { questionId: string; answer: Given }[]) {
  if (attempt.status !== 'in_progress') throw examErrors.attemptSubmitted();
  const now = clock.now();
  if (now > attempt.deadlineAt.getTime() + GRACE_MS) {
    await finalize(db, actor.tenantId, attempt, 'time_limit');
    throw examErrors.timeLimitExceeded();
  }
  const onPaper = new Set((await paperEntries(db, actor.tenantId, attempt.paperId)).map((p) => p.questionId));
  const types = new Map(
    (await db.question.findMany({ where: { id: { in: answers.map((a) => a.questionId).filter((id) => onPaper.has(id)) } }, select: { id: true, type: true, options: true } })).map((q) => [q.id, q]),
  );
  const latest = new Map<string, Given>();
  for (const a of answers) {
    const q = types.get(a.questionId);
    if (!onPaper.has(a.questionId) || !q) throw examErrors.notInPaper(a.questionId);
    const keys = Array.isArray(q.options) ? (q.options as { key: string }[]).map((o) => o.key) : [];
    if (!answerFits(q.type, a.answer, keys)) throw examErrors.answerShape(a.questionId);
    latest.set(a.questionId, a.answer);
  }
  const { dialect } = deps.db;
  const sql = dialect.upsertSql('ExamAnswer', ['tenantId', 'attemptId', 'questionId', 'answer', 'updatedAt'], latest.size, ['tenantId', 'attemptId', 'questionId'], {
    answer: dialect.incoming('answer'),
    updatedAt: dialect.incoming('updatedAt'),
  });
  const at = new Date(now);
  await db.$transaction(async (tx) => {
    // Locks the attempt row until commit, and only while the attempt is open (see the top).
    if ((await updateIfInProgress(tx, actor.tenantId, attempt.id, { answersSavedAt: at })) === 0) throw examErrors.attemptSubmitted();
    await tx.$executeRawUnsafe(sql, ...[...latest].flatMap(([questionId, answer]) => [actor.tenantId, attempt.id, questionId, JSON.stringify(answer), at]));
  });
  return { saved: latest.size, deadlineAt: attempt.deadlineAt.toISOString() };
}

/**
 * Grades and closes an attempt. Submitting first, then reading the answers, in one transaction:
 * every save committed before is graded, and later saves are refused (see the top). When two
 * submits race, one grades and the other returns its result. Only answers saved before the
 * deadline (plus grace) count.
 */
export async function finalize(db: TenantDb, tenantId: string, attempt: AttemptRow, reason: 'submitted' | 'time_limit' | 'switch_limit'): Promise<AttemptRow> {
  if (attempt.status !== 'in_progress') return attempt;
  const paper = await paperEntries(db, tenantId, attempt.paperId);
  const cutoff = attempt.deadlineAt.getTime() + GRACE_MS;
  const [keys, exam] = await Promise.all([
    db.question.findMany({ where: { id: { in: paper.map((p) => p.questionId) } }, select: { id: true, type: true, answer: true } }),
    db.exam.findUnique({ where: { id: attempt.examId }, select: { passScore: true } }),
  ]);
  const keyOf = new Map(keys.map((k) => [k.id, k]));
  const now = clock.now();
  const graded = await db.$transaction(async (tx) => {
    const won = await updateIfInProgress(tx, tenantId, attempt.id, { status: 'submitted', submittedAt: new Date(Math.min(now, cutoff)), endReason: reason });
    if (won === 0) return null;
    // Read after the update, which waited for any save holding the row: a transaction's snapshot
    // starts at its first read, so this sees every save acknowledged before.
    const answers = await tx.examAnswer.findMany({ where: { attemptId: attempt.id }, select: { questionId: true, answer: true, updatedAt: true } });
    const given = new Map(answers.filter((a) => a.updatedAt.getTime() <= cutoff).map((a) => [a.questionId, a.answer as Given]));
    let score = 0;
    for (const p of paper) {
      const q = keyOf.get(p.questionId);
      if (q && isCorrect(q.type, q.answer, given.get(p.questionId))) score += p.score;
    }
    score = Math.round(score * 100) / 100;
    const passed = score >= (exam?.passScore ?? Infinity);
    return tx.examAttempt.update({ where: { id: attempt.id }, data: { score, passed }, select: attemptSelect });
  });
  // The loser of a race: its update waited for the winner's commit, so this reads the graded attempt.
  if (!graded) return (await db.examAttempt.findUnique({ where: { id: attempt.id }, select: attemptSelect }))!;
  await recordLearningEvents(db, tenantId, {
    kind: 'exam-graded', memberId: attempt.memberId, examId: attempt.examId, attemptId: attempt.id, score: graded.score ?? 0, passed: !!graded.passed, at: new Date(now),
  });
  if (graded.passed) {
    await recordItemDone(db, tenantId, attempt.memberId, 'exam', attempt.examId, new Date(now));
    const course = await db.course.findFirst({ where: { examId: attempt.examId }, select: { id: true } });
    if (course) await evaluateCourse(db, tenantId, attempt.memberId, course.id);
  }
  return graded;
}

/**
 * Changes the attempt only while it is in progress, and locks its row until the transaction ends:
 * 1 if it was in progress, else 0 — a compare-and-set (db/compare-and-set), because Prisma's
 * updateMany reads the matching ids first, without a lock, and then updates those ids whatever
 * their status has become meanwhile. Saving answers may set answersSavedAt to the value it already
 * has (same millisecond) and still counts: the count is of matched rows.
 */
function updateIfInProgress(tx: SqlExecutor, tenantId: string, attemptId: string, set: CasSet<'ExamAttempt'>): Promise<number> {
  return compareAndSet(tx, 'ExamAttempt', { id: attemptId, tenantId, status: 'in_progress' }, set);
}

/** After submission: per-question results with keys, when the exam shows full results. */
export async function attemptResult(db: TenantDb, tenantId: string, attempt: AttemptRow, visibility: string, opts: { admin?: boolean } = {}) {
  const header = presentAttempt(attempt, visibility, opts);
  if (attempt.status !== 'submitted' || (!opts.admin && visibility !== 'full')) return { attempt: header };
  const paper = await paperEntries(db, tenantId, attempt.paperId);
  const [questions, answers] = await Promise.all([
    db.question.findMany({ where: { id: { in: paper.map((p) => p.questionId) } }, select: { id: true, type: true, stem: true, options: true, answer: true, explanation: true } }),
    db.examAnswer.findMany({ where: { attemptId: attempt.id }, select: { questionId: true, answer: true } }),
  ]);
  const byId = new Map(questions.map((q) => [q.id, q]));
  const given = new Map(answers.map((a) => [a.questionId, a.answer as Given]));
  return {
    attempt: header,
    questions: paper.map((p) => {
      const q = byId.get(p.questionId);
      const answer = given.get(p.questionId) ?? null;
      return {
        id: p.questionId, type: q?.type, stem: q?.stem, options: q?.options ?? null, score: p.score, yourAnswer: answer,
        correctAnswer: q?.answer ?? null, explanation: q?.explanation ?? null, correct: !!q && isCorrect(q.type, q.answer, answer),
      };
    }),
  };
}

export async function reportSwitchAway(db: TenantDb, actor: Actor, attempt: AttemptRow, maxSwitchAways: number | null) {
  if (attempt.status !== 'in_progress') throw examErrors.attemptSubmitted();
  await db.examAttempt.updateMany({ where: { id: attempt.id, status: 'in_progress' }, data: { switchAways: { increment: 1 } } });
  const after = (await db.examAttempt.findUnique({ where: { id: attempt.id }, select: attemptSelect }))!;
  await db.suspiciousEvent.create({ data: { tenantId: actor.tenantId, memberId: actor.memberId, kind: 'switch_away', attemptId: attempt.id, details: { count: after.switchAways } } });
  if (maxSwitchAways !== null && after.switchAways > maxSwitchAways) {
    return { attempt: await finalize(db, actor.tenantId, after, 'switch_limit'), limit: maxSwitchAways };
  }
  return { attempt: after, limit: maxSwitchAways };
}
