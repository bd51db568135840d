/**
 * Question bank, exams and attempts.
 *   admin:  /questions (CRUD — delete archives —, template, import, export), /exams (CRUD, paper, publish/close, attempts)
 *   member: /exams (published), POST /exams/:id/attempts, /attempts/:id (answers, switch-away, submit)
 * Nothing a taker receives before submitting contains an answer key.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import type { AppDeps, AppState } from '../../core/context';
import { authenticate } from '../../core/auth/authenticate';
import { isAdmin, requireAdmin } from '../../core/auth/policy';
import { audit } from '../../core/audit';
import { AppError, errors } from '../../core/errors';
import { pageArgs, pageQuery, toPage } from '../../core/pagination';
import { inputOf, validate } from '../../core/validate';
import type { TenantDb } from '../../core/tenancy';
import { readRaw } from '../../core/http/read-raw';
import { clock } from '../courses/clock';
import { assertQuota } from '../editions/gate';
import { exportXlsx, parseImport, templateXlsx, XLSX_TYPE } from './excel';
import { forgetExam, loadExamForTaking } from './paper';
import { createQuestion, importQuestions, updateQuestion } from './question-bank';
import { deleteExam } from './authoring';
import { disqualifyAttempt } from './disqualify';
import { examErrors } from './errors';
import { attemptSelect, examSelect, presentAttempt, presentExam, presentQuestion, questionSelect, type AttemptRow } from './presenter';
import {
  answersBody, createExamBody, disqualifyBody, idParams, listQuestionsQuery, paperBody, questionBody, updateExamBody, updateQuestionBody,
} from './schema';
import { attemptResult, finalize, GRACE_MS, presentOpenAttempt, reportSwitchAway, saveAnswers, startAttempt } from './service';

const IMPORT_LIMIT = 5 * 1024 * 1024;

function download(ctx: Context, filename: string, body: Buffer) {
  ctx.set('Content-Type', XLSX_TYPE);
  ctx.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`);
  ctx.body = body;
}

export function examRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = authenticate(deps);
  const admin = requireAdmin();
  const one = { params: idParams };

  // ── question bank (admins) ───────────────────────────────────────────────
  const listQ = { query: listQuestionsQuery };
  router.get('/questions', auth, admin, validate(listQ), async (ctx) => {
    const { query } = inputOf(ctx, listQ);
    const rows = await ctx.state.db!.question.findMany({
      where: {
        archived: query.archived,
        ...(query.type && { type: query.type }),
        ...(query.difficulty && { difficulty: query.difficulty }),
        // QuestionTag rows, not the JSON list: the filter runs before paging, so every page is full.
        ...(query.tag && { questionTags: { some: { tag: query.tag } } }),
      },
      select: questionSelect,
      ...pageArgs(query),
    });
    ctx.body = toPage(rows, query, presentQuestion);
  });

  router.get('/questions/template', auth, admin, async (ctx) => download(ctx, '题库导入模板.xlsx', await templateXlsx()));

  router.get('/questions/export', auth, admin, async (ctx) => {
    const rows = await ctx.state.db!.question.findMany({ where: { archived: false }, select: questionSelect, orderBy: { createdAt: 'asc' } });
    download(ctx, '题库.xlsx', await exportXlsx(rows));
  });

  router.post('/questions/import', auth, admin, async (ctx) => {
    const { questions, problems } = await parseImport(await readRaw(ctx, IMPORT_LIMIT));
    if (problems.length) throw errors.badRequest('import_invalid', '导入文件有错误，未导入任何题目 / The file has errors; nothing was imported', { problems });
    if (questions.length === 0) throw errors.badRequest('import_empty', '文件中没有题目 / The file has no questions');
    const { db, actor } = ctx.state;
    await importQuestions(db!, actor!.tenantId, questions);
    await audit(db!, { tenantId: actor!.tenantId, actorType: 'member', actorId: actor!.memberId, action: 'question.import', ip: ctx.ip, details: { count: questions.length } });
    ctx.status = 201;
    ctx.body = { imported: questions.length };
  });

  const newQ = { body: questionBody };
  router.post('/questions', auth, admin, validate(newQ), async (ctx) => {
    const { body } = inputOf(ctx, newQ);
    const { db, actor } = ctx.state;
    const q = await createQuestion(db!, actor!.tenantId, body);
    await audit(db!, { tenantId: actor!.tenantId, actorType: 'member', actorId: actor!.memberId, action: 'question.create', targetType: 'question', targetId: q.id, ip: ctx.ip });
    ctx.status = 201;
    ctx.body = { question: presentQuestion(q) };
  });

  router.get('/questions/:id', auth, admin, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const q = await ctx.state.db!.question.findUnique({ where: { id: params.id }, select: questionSelect });
    if (!q) throw errors.notFound('question');
    ctx.body = { question: presentQuestion(q) };
  });

  const updQ = { params: idParams, body: updateQuestionBody };
  router.patch('/questions/:id', auth, admin, validate(updQ), async (ctx) => {
    const { params, body } = inputOf(ctx, updQ);
    const { db, actor } = ctx.state;
    const before = await db!.question.findUnique({ where: { id: params.id }, select: questionSelect });
    if (!before) throw errors.notFound('question');
    const q = await updateQuestion(db!, before, body);
    await audit(db!, { tenantId: actor!.tenantId, actorType: 'member', actorId: actor!.memberId, action: 'question.update', targetType: 'question', targetId: q.id, ip: ctx.ip, details: { fields: Object.keys(body) } });
    ctx.body = { question: presentQuestion(q) };
  });

  // Papers and past attempts name the question, so deleting it archives it: it leaves the bank and random papers.
  router.delete('/questions/:id', auth, admin, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const { db, actor } = ctx.state;
    if (!(await db!.question.findUnique({ where: { id: params.id }, select: { id: true } }))) throw errors.notFound('question');
    await db!.question.update({ where: { id: params.id }, data: { archived: true }, select: { id: true } });
    await audit(db!, { tenantId: actor!.tenantId, actorType: 'member', actorId: actor!.memberId, action: 'question.delete', targetType: 'question', targetId: params.id, ip: ctx.ip });
    ctx.status = 204;
  });

  // ── exams ────────────────────────────────────────────────────────────────
  const listE = { query: pageQuery };
  router.get('/exams', auth, validate(listE), async (ctx) => {
    const { query } = inputOf(ctx, listE);
    const asAdmin = isAdmin(ctx.state.actor!);
    const rows = await ctx.state.db!.exam.findMany({ where: asAdmin ? {} : { status: 'published' }, select: examSelect, ...pageArgs(query) });
    ctx.body = toPage(rows, query, (e) => presentExam(e, { admin: asAdmin }));
  });

  const newE = { body: createExamBody };
  router.post('/exams', auth, admin, validate(newE), async (ctx) => {
    const { body } = inputOf(ctx, newE);
    const { db, actor } = ctx.state;
    await assertCourse(db!, body.courseId);
    await assertQuota({ db: db!, tenantId: actor!.tenantId }, 'examsPerMonth');
    const exam = await db!.exam.create({ data: { ...body, rules: body.rules ?? undefined, tenantId: actor!.tenantId }, select: examSelect });
    await audit(db!, { tenantId: actor!.tenantId, actorType: 'member', actorId: actor!.memberId, action: 'exam.create', targetType: 'exam', targetId: exam.id, ip: ctx.ip });
    ctx.status = 201;
    ctx.body = { exam: presentExam(exam, { admin: true }) };
  });

  router.get('/exams/:id', auth, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const { db, actor } = ctx.state;
    const asAdmin = isAdmin(actor!);
    // Takers (a crowd opening the exam page at once) read the published exam from the short cache.
    const exam = asAdmin
      ? await db!.exam.findUnique({ where: { id: params.id }, select: examSelect })
      : (await loadExamForTaking(db!, actor!.tenantId, params.id)).exam;
    if (!exam) throw errors.notFound('exam');
    const attempts = await db!.examAttempt.findMany({ where: { examId: exam.id, memberId: actor!.memberId }, select: attemptSelect, orderBy: { attemptNo: 'asc' } });
    const body: Record<string, unknown> = { exam: presentExam(exam, { admin: asAdmin }), myAttempts: attempts.map((a) => presentAttempt(a, exam.resultVisibility)) };
    if (asAdmin) {
      const links = await db!.examQuestion.findMany({ where: { examId: exam.id }, orderBy: { sortOrder: 'asc' }, select: { questionId: true, score: true } });
      const qs = new Map((await db!.question.findMany({ where: { id: { in: links.map((l) => l.questionId) } }, select: questionSelect })).map((q) => [q.id, q]));
      body.questions = links.filter((l) => qs.has(l.questionId)).map((l) => ({ ...presentQuestion(qs.get(l.questionId)!), score: l.score }));
    }
    ctx.body = body;
  });

  const updE = { params: idParams, body: updateExamBody };
  router.patch('/exams/:id', auth, admin, validate(updE), async (ctx) => {
    const { params, body } = inputOf(ctx, updE);
    const { db, actor } = ctx.state;
    const before = await db!.exam.findUnique({ where: { id: params.id }, select: { id: true, opensAt: true, closesAt: true } });
    if (!before) throw errors.notFound('exam');
    const opensAt = body.opensAt !== undefined ? body.opensAt : before.opensAt;
    const closesAt = body.closesAt !== undefined ? body.closesAt : before.closesAt;
    if (opensAt && closesAt && closesAt <= opensAt) throw examErrors.windowInvalid();
    await assertCourse(db!, body.courseId);
    const exam = await db!.exam.update({ where: { id: params.id }, data: { ...body, rules: body.rules ?? undefined }, select: examSelect });
    forgetExam(actor!.tenantId, exam.id);
    await audit(db!, { tenantId: actor!.tenantId, actorType: 'member', actorId: actor!.memberId, action: 'exam.update', targetType: 'exam', targetId: exam.id, ip: ctx.ip, details: { fields: Object.keys(body) } });
    ctx.body = { exam: presentExam(exam, { admin: true }) };
  });

  const paper = { params: idParams, body: paperBody };
  router.put('/exams/:id/questions', auth, admin, validate(paper), async (ctx) => {
    const { params, body } = inputOf(ctx, paper);
    const { db, actor } = ctx.state;
    if (!(await db!.exam.findUnique({ where: { id: params.id }, select: { id: true } }))) throw errors.notFound('exam');
    const ids = [...new Set(body.questions.map((q) => q.questionId))];
    if (ids.length !== body.questions.length) throw errors.badRequest('duplicate_question', '题目重复 / A question appears twice');
    const found = await db!.question.count({ where: { id: { in: ids } } });
    if (found !== ids.length) throw errors.badRequest('unknown_question', '题目不存在 / Unknown question');
    await db!.examQuestion.deleteMany({ where: { examId: params.id } });
    await db!.examQuestion.createMany({ data: body.questions.map((q, i) => ({ tenantId: actor!.tenantId, examId: params.id, questionId: q.questionId, score: q.score, sortOrder: i })) });
    forgetExam(actor!.tenantId, params.id);
    await audit(db!, { tenantId: actor!.tenantId, actorType: 'member', actorId: actor!.memberId, action: 'exam.paper', targetType: 'exam', targetId: params.id, ip: ctx.ip, details: { questions: body.questions.length } });
    ctx.body = { questions: body.questions.length, totalScore: body.questions.reduce((s, q) => s + q.score, 0) };
  });

  for (const [path, status] of [['publish', 'published'], ['close', 'closed']] as const) {
    router.post(`/exams/:id/${path}`, auth, admin, validate(one), async (ctx) => {
      const { params } = inputOf(ctx, one);
      const { db, actor } = ctx.state;
      if (!(await db!.exam.findUnique({ where: { id: params.id }, select: { id: true } }))) throw errors.notFound('exam');
      const exam = await db!.exam.update({ where: { id: params.id }, data: { status }, select: examSelect });
      forgetExam(actor!.tenantId, exam.id);
      await audit(db!, { tenantId: actor!.tenantId, actorType: 'member', actorId: actor!.memberId, action: `exam.${path}`, targetType: 'exam', targetId: exam.id, ip: ctx.ip });
      ctx.body = { exam: presentExam(exam, { admin: true }) };
    });
  }

  router.delete('/exams/:id', auth, admin, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const { db, actor } = ctx.state;
    await deleteExam(db!, actor!, params.id, ctx.ip);
    ctx.status = 204;
  });

  const attemptsOf = { params: idParams, query: pageQuery };
  router.get('/exams/:id/attempts', auth, admin, validate(attemptsOf), async (ctx) => {
    const { params, query } = inputOf(ctx, attemptsOf);
    const db = ctx.state.db!;
    const exam = await db.exam.findUnique({ where: { id: params.id }, select: { id: true, resultVisibility: true } });
    if (!exam) throw errors.notFound('exam');
    const rows = await db.examAttempt.findMany({ where: { examId: exam.id }, select: attemptSelect, ...pageArgs(query) });
    ctx.body = toPage(rows, query, (a) => presentAttempt(a, exam.resultVisibility, { admin: true }));
  });

  // ── attempts (takers) ────────────────────────────────────────────────────
  router.post('/exams/:id/attempts', auth, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const { db, actor } = ctx.state;
    const { attempt, resumed } = await startAttempt(deps, db!, actor!, params.id);
    ctx.status = resumed ? 200 : 201;
    ctx.body = await presentOpenAttempt(db!, actor!.tenantId, attempt, { fresh: !resumed });
  });

  /** The caller's attempt (admins: any attempt of the enterprise); past its deadline it is submitted first. */
  async function loadAttempt(ctx: Context & { state: AppState }, id: string) {
    const { db, actor } = ctx.state;
    const found: AttemptRow | null = await db!.examAttempt.findUnique({ where: { id }, select: attemptSelect });
    if (!found || (found.memberId !== actor!.memberId && !isAdmin(actor!))) throw errors.notFound('attempt');
    let attempt = found;
    const exam = (await db!.exam.findUnique({ where: { id: attempt.examId }, select: { resultVisibility: true, maxSwitchAways: true } }))!;
    if (attempt.status === 'in_progress' && clock.now() > attempt.deadlineAt.getTime() + GRACE_MS) {
      attempt = await finalize(db!, actor!.tenantId, attempt, 'time_limit');
    }
    return { attempt, exam, own: attempt.memberId === actor!.memberId };
  }

  router.get('/attempts/:id', auth, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const { attempt, exam, own } = await loadAttempt(ctx, params.id);
    const db = ctx.state.db!;
    if (attempt.status === 'in_progress') {
      ctx.body = own ? await presentOpenAttempt(db, ctx.state.actor!.tenantId, attempt) : { attempt: presentAttempt(attempt, exam.resultVisibility, { admin: true }) };
    } else {
      ctx.body = await attemptResult(db, ctx.state.actor!.tenantId, attempt, exam.resultVisibility, { admin: !own });
    }
  });

  const answers = { params: idParams, body: answersBody };
  router.put('/attempts/:id/answers', auth, validate(answers), async (ctx) => {
    const { params, body } = inputOf(ctx, answers);
    const { attempt, own } = await loadAttempt(ctx, params.id);
    if (!own) throw errors.notFound('attempt');
    if (attempt.status !== 'in_progress' && attempt.endReason === 'time_limit') throw timeUp();
    ctx.body = await saveAnswers(deps, ctx.state.db!, ctx.state.actor!, attempt, body.answers);
  });

  router.post('/attempts/:id/switch-away', auth, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const { attempt, exam, own } = await loadAttempt(ctx, params.id);
    if (!own) throw errors.notFound('attempt');
    const result = await reportSwitchAway(ctx.state.db!, ctx.state.actor!, attempt, exam.maxSwitchAways);
    ctx.body = { switchAways: result.attempt.switchAways, limit: result.limit, submitted: result.attempt.status === 'submitted', attempt: presentAttempt(result.attempt, exam.resultVisibility) };
  });

  router.post('/attempts/:id/submit', auth, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const { attempt, exam, own } = await loadAttempt(ctx, params.id);
    if (!own) throw errors.notFound('attempt');
    const done = await finalize(ctx.state.db!, ctx.state.actor!.tenantId, attempt, 'submitted');
    ctx.body = await attemptResult(ctx.state.db!, ctx.state.actor!.tenantId, done, exam.resultVisibility);
  });

  const disqualify = { params: idParams, body: disqualifyBody };
  router.post('/attempts/:id/disqualify', auth, admin, validate(disqualify), async (ctx) => {
    const { params, body } = inputOf(ctx, disqualify);
    const result = await disqualifyAttempt(ctx.state.db!, ctx.state.actor!, params.id, body.reason, ctx.ip);
    const exam = await ctx.state.db!.exam.findUnique({ where: { id: result.attempt.examId }, select: { resultVisibility: true } });
    ctx.body = { attempt: presentAttempt(result.attempt, exam?.resultVisibility ?? 'full', { admin: true }), penaltyId: result.penaltyId, certificateRevoked: result.certificateRevoked };
  });

  return router;
}

const timeUp = () => new AppError(409, 'time_limit_exceeded', '考试时间已到，答卷已提交 / Time is up: the attempt has been submitted');

/** The course an exam belongs to is one of this enterprise's. */
async function assertCourse(db: TenantDb, courseId: string | null | undefined) {
  if (courseId && !(await db.course.findUnique({ where: { id: courseId }, select: { id: true } }))) {
    throw errors.badRequest('unknown_course', '课程不存在 / Unknown course', { courseId });
  }
}
