/**
 * Learning records and reports (admins, except a member's own record).
 *   GET  /me/records, /records/members/:id
 *   GET  /reports/courses/:id, /reports/tasks/:id, /reports/departments/:id, /reports/enterprise
 *   GET  /reports/activity?days=7            head counts and active people per day (the dashboard)
 *   POST /reports/refresh                    rebuild department stats (a job)
 *   POST /exports {format: records|regulator|tasks, year?, courseId?}  → 202 {jobId}
 *   GET  /exports/:jobId/download
 */
import Router from '@koa/router';
import { z } from 'zod';
import type { AppDeps, AppState } from '../../core/context';
import { authenticate } from '../../core/auth/authenticate';
import { requireAdmin } from '../../core/auth/policy';
import { audit } from '../../core/audit';
import { AppError, errors } from '../../core/errors';
import { inputOf, validate } from '../../core/validate';
import { loadTask, presentTask, taskSummary } from '../tasks/service';
import { assertFeature } from '../editions/gate';
import { EXPORT_JOB } from './export';
import { activityOverview } from './activity';
import { nowDate } from '../courses/clock';
import { courseReport, departmentReport, memberRecord, refreshDeptStats, reportsAreLive, REFRESH_JOB } from './reports';

const idParams = z.object({ id: z.string().min(1).max(64) });
const jobParams = z.object({ jobId: z.string().min(1).max(64) });
const activityQuery = z.object({ days: z.coerce.number().int().min(1).max(31).default(7) });
const exportBody = z.object({
  format: z.enum(['records', 'regulator', 'tasks']),
  year: z.number().int().min(2000).max(2100).optional(),
  courseId: z.string().min(1).max(32).optional(),
});

export function recordRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = authenticate(deps);
  const admin = requireAdmin();
  const one = { params: idParams };

  router.get('/me/records', auth, async (ctx) => {
    ctx.body = await memberRecord(ctx.state.db!, ctx.state.actor!.memberId);
  });

  router.get('/records/members/:id', auth, admin, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const db = ctx.state.db!;
    if (!(await db.member.findUnique({ where: { id: params.id }, select: { id: true } }))) throw errors.notFound('member');
    ctx.body = await memberRecord(db, params.id);
  });

  router.get('/reports/courses/:id', auth, admin, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const course = await ctx.state.db!.course.findUnique({ where: { id: params.id }, select: { id: true, title: true } });
    if (!course) throw errors.notFound('course');
    ctx.body = { course, report: await courseReport(deps, ctx.state.actor!.tenantId, course.id) };
  });

  router.get('/reports/tasks/:id', auth, admin, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const task = await loadTask(ctx.state.db!, params.id);
    ctx.body = { task: presentTask(task), summary: await taskSummary(deps, ctx.state.db!, ctx.state.actor!.tenantId, task) };
  });

  /** A department (with its sub-departments) or the whole enterprise; see departmentReport. */
  const scopedReport = async (ctx: { state: AppState }, departmentId: string | null) => {
    const { db, actor } = ctx.state;
    const live = await reportsAreLive(db!);
    let report = await departmentReport(deps, db!, actor!.tenantId, departmentId, { live });
    if (!live && report.asOf === null) {
      // Never computed for this enterprise: compute now (later refreshes run in the background).
      await refreshDeptStats(deps, db!, actor!.tenantId);
      report = await departmentReport(deps, db!, actor!.tenantId, departmentId, { live });
    } else if (report.stale) {
      await enqueueRefresh(deps, db!, actor!.tenantId, actor!.memberId);
    }
    return report;
  };

  router.get('/reports/enterprise', auth, admin, async (ctx) => {
    ctx.body = await scopedReport(ctx, null);
  });

  const activity = { query: activityQuery };
  router.get('/reports/activity', auth, admin, validate(activity), async (ctx) => {
    const { query } = inputOf(ctx, activity);
    ctx.body = await activityOverview(ctx.state.db!, ctx.state.actor!.tenantId, query.days, nowDate());
  });

  router.get('/reports/departments/:id', auth, admin, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    ctx.body = await scopedReport(ctx, params.id);
  });

  router.post('/reports/refresh', auth, admin, async (ctx) => {
    const jobId = await enqueueRefresh(deps, ctx.state.db!, ctx.state.actor!.tenantId, ctx.state.actor!.memberId);
    ctx.status = 202;
    ctx.body = { jobId };
  });

  const exp = { body: exportBody };
  router.post('/exports', auth, admin, validate(exp), async (ctx) => {
    const { body } = inputOf(ctx, exp);
    const { db, actor } = ctx.state;
    if (body.format === 'regulator') await assertFeature({ db: db!, tenantId: actor!.tenantId }, 'regulatorExport');
    const jobId = await deps.jobs.enqueue({ tenantId: actor!.tenantId, kind: EXPORT_JOB, payload: body, createdById: actor!.memberId });
    await audit(db!, { tenantId: actor!.tenantId, actorType: 'member', actorId: actor!.memberId, action: `records.export.${body.format}`, ip: ctx.ip, details: { jobId, ...body } });
    ctx.status = 202;
    ctx.body = { jobId, progress: `/api/v1/jobs/${jobId}` };
  });

  const dl = { params: jobParams };
  router.get('/exports/:jobId/download', auth, admin, validate(dl), async (ctx) => {
    const { params } = inputOf(ctx, dl);
    const db = ctx.state.db!;
    const job = await db.job.findUnique({ where: { id: params.jobId }, select: { id: true, kind: true, status: true } });
    if (!job || job.kind !== EXPORT_JOB) throw errors.notFound('export');
    const file = await db.exportFile.findFirst({ where: { jobId: job.id }, select: { filename: true, content: true } });
    if (!file) throw new AppError(409, 'export_not_ready', '导出尚未完成 / The export is not ready yet', { status: job.status });
    ctx.set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    ctx.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
    ctx.body = Buffer.from(file.content);
  });

  return router;
}

async function enqueueRefresh(deps: AppDeps, db: NonNullable<AppState['db']>, tenantId: string, memberId: string): Promise<string> {
  const pending = await db.job.findFirst({ where: { kind: REFRESH_JOB, status: { in: ['queued', 'running'] } }, select: { id: true } });
  return pending?.id ?? deps.jobs.enqueue({ tenantId, kind: REFRESH_JOB, createdById: memberId });
}
