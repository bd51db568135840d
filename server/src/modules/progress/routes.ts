/**
 * Study sessions and heartbeats (members), course progress (members), suspicious events (admins).
 *   POST   /study-sessions                   {courseId}  → 201 | 409 parallel_session | 403 enrolment_expired
 *   DELETE /study-sessions/:id
 *   POST   /study-sessions/:id/heartbeats    {chapterId, position, state, clientSeq}  (acknowledged after commit)
 *   GET    /courses/:id/progress
 *   GET    /suspicious-events                (admin)
 */
import Router from '@koa/router';
import type { AppDeps, AppState } from '../../core/context';
import { authenticate } from '../../core/auth/authenticate';
import { requireAdmin } from '../../core/auth/policy';
import { errors } from '../../core/errors';
import { pageArgs, toPage } from '../../core/pagination';
import { requestMeta } from '../../core/request-meta';
import { inputOf, validate } from '../../core/validate';
import { clock } from '../courses/clock';
import { loadCourse } from '../courses/service';
import { enrolmentSelect, presentEnrolment } from '../courses/presenter';
import { evaluateCourse } from '../credits/service';
import { recordLearningEvents } from '../xapi/learning-events';
import { heartbeatWriter } from './heartbeat-writer';
import { minimumReadSec } from './rules';
import { heartbeatBody, idParams, startSessionBody, suspiciousQuery } from './schema';
import { endStudySession, presentSession, startStudySession } from './service';
import { presentSuspiciousPage, suspiciousSelect } from './suspicious-presenter';

export function progressRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = authenticate(deps);
  const writer = heartbeatWriter(deps);

  const start = { body: startSessionBody };
  router.post('/study-sessions', auth, validate(start), async (ctx) => {
    const { body } = inputOf(ctx, start);
    const { session, resumed } = await startStudySession(ctx.state.db!, ctx.state.actor!, body.courseId, requestMeta(ctx));
    ctx.status = resumed ? 200 : 201;
    ctx.body = { studySession: presentSession(session), resumed };
  });

  const one = { params: idParams };
  router.delete('/study-sessions/:id', auth, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const ended = await endStudySession(ctx.state.db!, ctx.state.actor!, params.id);
    writer.invalidateSession(ended.id);
    ctx.body = { studySession: presentSession(ended) };
  });

  const beat = { params: idParams, body: heartbeatBody };
  router.post('/study-sessions/:id/heartbeats', auth, validate(beat), async (ctx) => {
    const { params, body } = inputOf(ctx, beat);
    const actor = ctx.state.actor!;
    const result = await writer.submit({
      tenantId: actor.tenantId, memberId: actor.memberId, studySessionId: params.id, chapterId: body.chapterId,
      position: body.position, state: body.state, seq: body.clientSeq,
    });
    // A completed chapter may complete the course (no exam, or exam already passed).
    if (result.newlyCompleted) {
      await recordLearningEvents(ctx.state.db!, actor.tenantId, { kind: 'chapter-completed', memberId: actor.memberId, courseId: result.courseId, chapterId: body.chapterId, at: new Date(clock.now()) });
    }
    const course = result.newlyCompleted ? await evaluateCourse(ctx.state.db!, actor.tenantId, actor.memberId, result.courseId) : null;
    const { newlyCompleted: _n, courseId: _c, ...progress } = result;
    ctx.body = { progress, ...(course && { course: { chaptersDone: course.chaptersDone, chaptersTotal: course.chaptersTotal, completedAt: course.completedAt?.toISOString() ?? null } }) };
  });

  router.get('/courses/:id/progress', auth, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const { db, actor } = ctx.state;
    const course = await loadCourse(db!, params.id, { admin: false });
    const enrolment = await db!.enrolment.findFirst({ where: { courseId: course.id, memberId: actor!.memberId }, select: enrolmentSelect });
    const [chapters, rows, state] = await Promise.all([
      db!.chapter.findMany({ where: { courseId: course.id }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }], select: { id: true, title: true, kind: true, durationSec: true, minReadSec: true } }),
      db!.chapterProgress.findMany({
        where: { memberId: actor!.memberId, courseId: course.id },
        select: { chapterId: true, positionSec: true, furthestSec: true, creditedSec: true, completed: true, completedAt: true },
      }),
      enrolment ? evaluateCourse(db!, actor!.tenantId, actor!.memberId, course.id) : Promise.resolve(null),
    ]);
    const byChapter = new Map(rows.map((r) => [r.chapterId, r]));
    ctx.body = {
      course: { id: course.id, title: course.title, creditHours: course.creditHours, examId: course.examId },
      enrolment: enrolment ? presentEnrolment(enrolment, clock.now()) : null,
      chapters: chapters.map((c) => {
        const p = byChapter.get(c.id);
        return {
          chapterId: c.id, title: c.title, kind: c.kind, durationSec: c.durationSec, minReadSec: minimumReadSec(c),
          positionSec: p?.positionSec ?? 0, furthestSec: p?.furthestSec ?? 0, creditedSec: Math.round((p?.creditedSec ?? 0) * 10) / 10,
          completed: p?.completed ?? false, completedAt: p?.completedAt?.toISOString() ?? null,
        };
      }),
      status: state && {
        chaptersDone: state.chaptersDone, chaptersTotal: state.chaptersTotal, examRequired: state.examRequired, examPassed: state.examPassed,
        completedAt: state.completedAt?.toISOString() ?? null,
      },
    };
  });

  const suspicious = { query: suspiciousQuery };
  router.get('/suspicious-events', auth, requireAdmin(), validate(suspicious), async (ctx) => {
    const { query } = inputOf(ctx, suspicious);
    const db = ctx.state.db!;
    if (query.memberId && !(await db.member.findUnique({ where: { id: query.memberId }, select: { id: true } }))) throw errors.notFound('member');
    const rows = await db.suspiciousEvent.findMany({
      where: { ...(query.memberId && { memberId: query.memberId }), ...(query.kind && { kind: query.kind }) },
      select: suspiciousSelect,
      ...pageArgs(query, 'desc'),
    });
    const page = toPage(rows, query, (r) => r);
    ctx.body = { items: await presentSuspiciousPage(db, page.items), nextCursor: page.nextCursor };
  });

  return router;
}
