/**
 * Courses, chapters, categories and enrolments.
 *   admin:  POST/PATCH courses, chapters, categories; publish/unpublish; delete an unused course;
 *           chapter order; enrol members; renew enrolments
 *   member: published courses only; chapter content only inside an active enrolment window
 */
import Router from '@koa/router';
import type { AppDeps, AppState } from '../../core/context';
import { authenticate } from '../../core/auth/authenticate';
import { isAdmin, requireAdmin } from '../../core/auth/policy';
import { audit } from '../../core/audit';
import { errors } from '../../core/errors';
import { pageArgs, pageQuery, toPage } from '../../core/pagination';
import { minimumReadSec } from '../progress/rules';
import { inputOf, validate } from '../../core/validate';
import { clock } from './clock';
import {
  categoryBody, chapterOrderBody, createChapterBody, createCourseBody, enrolBody, idParams, listCoursesQuery, updateChapterBody, updateCourseBody, updateEnrolmentBody,
} from './schema';
import { chapterSelect, courseSelect, enrolmentSelect, presentChapter, presentCourse, presentEnrolment } from './presenter';
import { activeEnrolment, assertCategory, assertExam, assertKnowledgeDocument, deleteCourse, enrol, loadCourse, reorderChapters, setCourseStatus } from './service';
import { trainingErrors } from './errors';
import { heartbeatWriter } from '../progress/heartbeat-writer';

export function courseRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = authenticate(deps);
  const admin = requireAdmin();

  router.get('/course-categories', auth, async (ctx) => {
    const rows = await ctx.state.db!.courseCategory.findMany({ orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }], select: { id: true, name: true, sortOrder: true } });
    ctx.body = { items: rows };
  });

  const newCategory = { body: categoryBody };
  router.post('/course-categories', auth, admin, validate(newCategory), async (ctx) => {
    const { body } = inputOf(ctx, newCategory);
    const db = ctx.state.db!;
    if (await db.courseCategory.findFirst({ where: { name: body.name }, select: { id: true } })) {
      throw errors.conflict('category_exists', '分类已存在 / The category already exists');
    }
    ctx.status = 201;
    ctx.body = { category: await db.courseCategory.create({ data: { tenantId: ctx.state.actor!.tenantId, ...body }, select: { id: true, name: true, sortOrder: true } }) };
  });

  const list = { query: listCoursesQuery };
  router.get('/courses', auth, validate(list), async (ctx) => {
    const { query } = inputOf(ctx, list);
    const asAdmin = isAdmin(ctx.state.actor!);
    const status = asAdmin ? query.status : 'published';
    const rows = await ctx.state.db!.course.findMany({
      where: { ...(status && { status }), ...(query.categoryId && { categoryId: query.categoryId }), ...(query.required !== undefined && { required: query.required }) },
      select: courseSelect,
      ...pageArgs(query),
    });
    ctx.body = toPage(rows, query, (c) => presentCourse(c, { admin: asAdmin }));
  });

  const create = { body: createCourseBody };
  router.post('/courses', auth, admin, validate(create), async (ctx) => {
    const { body } = inputOf(ctx, create);
    const { db, actor } = ctx.state;
    await assertCategory(db!, body.categoryId);
    await assertExam(db!, body.examId);
    const course = await db!.course.create({ data: { ...body, tenantId: actor!.tenantId, createdById: actor!.memberId }, select: courseSelect });
    await audit(db!, { tenantId: actor!.tenantId, actorType: 'member', actorId: actor!.memberId, action: 'course.create', targetType: 'course', targetId: course.id, ip: ctx.ip });
    ctx.status = 201;
    ctx.body = { course: presentCourse(course, { admin: true }) };
  });

  const one = { params: idParams };
  router.get('/courses/:id', auth, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const { db, actor } = ctx.state;
    const asAdmin = isAdmin(actor!);
    const course = await loadCourse(db!, params.id, { admin: asAdmin });
    const [chapters, enrolment] = await Promise.all([
      db!.chapter.findMany({ where: { courseId: course.id }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }], select: chapterSelect }),
      db!.enrolment.findFirst({ where: { courseId: course.id, memberId: actor!.memberId }, select: enrolmentSelect }),
    ]);
    const now = clock.now();
    const studying = !!enrolment && enrolment.startsAt.getTime() <= now && now < enrolment.expiresAt.getTime();
    ctx.body = {
      course: presentCourse(course, { admin: asAdmin }),
      chapters: chapters.map((c) => presentChapter(c, { withContent: asAdmin || studying })),
      enrolment: enrolment ? presentEnrolment(enrolment, now) : null,
    };
  });

  const update = { params: idParams, body: updateCourseBody };
  router.patch('/courses/:id', auth, admin, validate(update), async (ctx) => {
    const { params, body } = inputOf(ctx, update);
    const { db, actor } = ctx.state;
    await loadCourse(db!, params.id, { admin: true });
    await assertCategory(db!, body.categoryId);
    await assertExam(db!, body.examId);
    const course = await db!.course.update({ where: { id: params.id }, data: body, select: courseSelect });
    await audit(db!, { tenantId: actor!.tenantId, actorType: 'member', actorId: actor!.memberId, action: 'course.update', targetType: 'course', targetId: course.id, ip: ctx.ip, details: { fields: Object.keys(body) } });
    ctx.body = { course: presentCourse(course, { admin: true }) };
  });

  for (const [path, status] of [['publish', 'published'], ['unpublish', 'unpublished']] as const) {
    router.post(`/courses/:id/${path}`, auth, admin, validate(one), async (ctx) => {
      const { params } = inputOf(ctx, one);
      ctx.body = { course: presentCourse(await setCourseStatus(ctx.state.db!, ctx.state.actor!, params.id, status, ctx.ip), { admin: true }) };
    });
  }

  router.delete('/courses/:id', auth, admin, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const chapterIds = await deleteCourse(ctx.state.db!, ctx.state.actor!, params.id, ctx.ip);
    for (const id of chapterIds) heartbeatWriter(deps).invalidateChapter(id);
    ctx.status = 204;
  });

  const order = { params: idParams, body: chapterOrderBody };
  router.put('/courses/:id/chapter-order', auth, admin, validate(order), async (ctx) => {
    const { params, body } = inputOf(ctx, order);
    const { db, actor } = ctx.state;
    await reorderChapters(db!, actor!, params.id, body.chapterIds, ctx.ip);
    for (const id of body.chapterIds) heartbeatWriter(deps).invalidateChapter(id);
    const chapters = await db!.chapter.findMany({ where: { courseId: params.id }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }], select: chapterSelect });
    ctx.body = { chapters: chapters.map((c) => presentChapter(c, { withContent: true })) };
  });

  const newChapter = { params: idParams, body: createChapterBody };
  router.post('/courses/:id/chapters', auth, admin, validate(newChapter), async (ctx) => {
    const { params, body } = inputOf(ctx, newChapter);
    const db = ctx.state.db!;
    await loadCourse(db, params.id, { admin: true });
    await assertKnowledgeDocument(db, body.knowledgeDocId);
    const sortOrder = body.sortOrder ?? (await db.chapter.count({ where: { courseId: params.id } }));
    // Reading chapters always have a minimum reading time (30 s unless the author sets one).
    const minReadSec = minimumReadSec(body);
    const { actor } = ctx.state;
    const chapter = await db.chapter.create({ data: { ...body, sortOrder, minReadSec, tenantId: actor!.tenantId, courseId: params.id }, select: chapterSelect });
    await audit(db, { tenantId: actor!.tenantId, actorType: 'member', actorId: actor!.memberId, action: 'chapter.create', targetType: 'chapter', targetId: chapter.id, ip: ctx.ip, details: { courseId: params.id } });
    ctx.status = 201;
    ctx.body = { chapter: presentChapter(chapter, { withContent: true }) };
  });

  router.get('/chapters/:id', auth, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const { db, actor } = ctx.state;
    const chapter = await db!.chapter.findUnique({ where: { id: params.id }, select: chapterSelect });
    if (!chapter) throw errors.notFound('chapter');
    const asAdmin = isAdmin(actor!);
    await loadCourse(db!, chapter.courseId, { admin: asAdmin });
    if (!asAdmin) await activeEnrolment(db!, actor!.memberId, chapter.courseId);
    ctx.body = { chapter: presentChapter(chapter, { withContent: true }) };
  });

  const updateChapter = { params: idParams, body: updateChapterBody };
  router.patch('/chapters/:id', auth, admin, validate(updateChapter), async (ctx) => {
    const { params, body } = inputOf(ctx, updateChapter);
    const db = ctx.state.db!;
    if (!(await db.chapter.findUnique({ where: { id: params.id }, select: { id: true } }))) throw errors.notFound('chapter');
    await assertKnowledgeDocument(db, body.knowledgeDocId);
    const chapter = await db.chapter.update({ where: { id: params.id }, data: body, select: chapterSelect });
    heartbeatWriter(deps).invalidateChapter(chapter.id);
    const { actor } = ctx.state;
    await audit(db, { tenantId: actor!.tenantId, actorType: 'member', actorId: actor!.memberId, action: 'chapter.update', targetType: 'chapter', targetId: chapter.id, ip: ctx.ip, details: { fields: Object.keys(body) } });
    ctx.body = { chapter: presentChapter(chapter, { withContent: true }) };
  });

  router.delete('/chapters/:id', auth, admin, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const db = ctx.state.db!;
    const chapter = await db.chapter.findUnique({ where: { id: params.id }, select: { id: true, courseId: true } });
    if (!chapter) throw errors.notFound('chapter');
    await db.chapter.delete({ where: { id: params.id } });
    heartbeatWriter(deps).invalidateChapter(params.id);
    const { actor } = ctx.state;
    await audit(db, { tenantId: actor!.tenantId, actorType: 'member', actorId: actor!.memberId, action: 'chapter.delete', targetType: 'chapter', targetId: params.id, ip: ctx.ip, details: { courseId: chapter.courseId } });
    ctx.status = 204;
  });

  // A member enrols themself in a published course; the validity window starts now.
  router.post('/courses/:id/enrol', auth, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const { db, actor } = ctx.state;
    const course = await loadCourse(db!, params.id, { admin: false });
    const [enrolment] = await enrol(db!, actor!.tenantId, course.id, [actor!.memberId], course.validityDays);
    ctx.status = 201;
    ctx.body = { enrolment: presentEnrolment(enrolment, clock.now()) };
  });

  const adminEnrol = { params: idParams, body: enrolBody };
  router.post('/courses/:id/enrolments', auth, admin, validate(adminEnrol), async (ctx) => {
    const { params, body } = inputOf(ctx, adminEnrol);
    const { db, actor } = ctx.state;
    const course = await loadCourse(db!, params.id, { admin: true });
    if (course.status !== 'published') throw trainingErrors.courseNotPublished();
    const rows = await enrol(db!, actor!.tenantId, course.id, body.memberIds, course.validityDays);
    const now = clock.now();
    ctx.status = 201;
    ctx.body = { items: rows.map((e) => presentEnrolment(e, now)) };
  });

  const enrolments = { params: idParams, query: pageQuery };
  router.get('/courses/:id/enrolments', auth, admin, validate(enrolments), async (ctx) => {
    const { params, query } = inputOf(ctx, enrolments);
    await loadCourse(ctx.state.db!, params.id, { admin: true });
    const rows = await ctx.state.db!.enrolment.findMany({ where: { courseId: params.id }, select: enrolmentSelect, ...pageArgs(query) });
    const now = clock.now();
    ctx.body = toPage(rows, query, (e) => presentEnrolment(e, now));
  });

  // Renewing or shortening a window is an admin decision (seed 001 §4.2: an expired course needs a new one).
  const renew = { params: idParams, body: updateEnrolmentBody };
  router.patch('/enrolments/:id', auth, admin, validate(renew), async (ctx) => {
    const { params, body } = inputOf(ctx, renew);
    const { db, actor } = ctx.state;
    const before = await db!.enrolment.findUnique({ where: { id: params.id }, select: enrolmentSelect });
    if (!before) throw errors.notFound('enrolment');
    const enrolment = await db!.enrolment.update({ where: { id: params.id }, data: { expiresAt: body.expiresAt }, select: enrolmentSelect });
    await audit(db!, {
      tenantId: actor!.tenantId, actorType: 'member', actorId: actor!.memberId, action: 'enrolment.window.change', targetType: 'enrolment', targetId: params.id, ip: ctx.ip,
      details: { from: before.expiresAt.toISOString(), to: body.expiresAt.toISOString() },
    });
    ctx.body = { enrolment: presentEnrolment(enrolment, clock.now()) };
  });

  const mine = { query: pageQuery };
  router.get('/me/enrolments', auth, validate(mine), async (ctx) => {
    const { query } = inputOf(ctx, mine);
    const rows = await ctx.state.db!.enrolment.findMany({ where: { memberId: ctx.state.actor!.memberId }, select: enrolmentSelect, ...pageArgs(query) });
    const now = clock.now();
    ctx.body = toPage(rows, query, (e) => presentEnrolment(e, now));
  });

  return router;
}
