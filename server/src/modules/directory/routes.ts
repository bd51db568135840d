/**
 * The enterprise's directory as synced from WeCom (admins):
 *   GET  /departments            ?parentId=<id|root> &under=<id>  → { items, nextCursor }
 *   GET  /departments/:id
 *   GET  /directory/sync         the latest full sync (job progress) and when one last finished
 *   POST /directory/sync         start a full resync (202), or get the one under way (200)
 */
import Router from '@koa/router';
import type { AppDeps, AppState } from '../../core/context';
import { authenticate } from '../../core/auth/authenticate';
import { requireAdmin } from '../../core/auth/policy';
import { errors } from '../../core/errors';
import { pageArgs, toPage } from '../../core/pagination';
import { inputOf, validate } from '../../core/validate';
import { presentJob } from '../jobs/presenter';
import { departmentParams, listDepartmentsQuery } from './schema';
import { departmentSelect, presentDepartment } from './presenter';
import { latestSync, startSync } from './service';

export function directoryRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = authenticate(deps);

  const list = { query: listDepartmentsQuery };
  router.get('/departments', auth, requireAdmin(), validate(list), async (ctx) => {
    const { query } = inputOf(ctx, list);
    const db = ctx.state.db!;
    let under: string | undefined;
    if (query.under) {
      const top = await db.department.findUnique({ where: { id: query.under }, select: { path: true } });
      if (!top) throw errors.notFound('department');
      under = top.path;
    }
    const rows = await db.department.findMany({
      where: {
        ...(query.parentId && { parentId: query.parentId === 'root' ? null : query.parentId }),
        ...(under && { path: { startsWith: under }, NOT: { path: under } }),
      },
      select: departmentSelect,
      ...pageArgs(query),
    });
    ctx.body = toPage(rows, query, presentDepartment);
  });

  const one = { params: departmentParams };
  router.get('/departments/:id', auth, requireAdmin(), validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const db = ctx.state.db!;
    const department = await db.department.findUnique({ where: { id: params.id }, select: departmentSelect });
    if (!department) throw errors.notFound('department');
    const members = await db.departmentMember.count({ where: { departmentId: department.id } });
    ctx.body = { department: { ...presentDepartment(department), memberCount: members } };
  });

  router.get('/directory/sync', auth, requireAdmin(), async (ctx) => {
    const { auth: wecom, job } = await latestSync(ctx.state.db!);
    ctx.body = {
      source: wecom ? 'wecom' : null,
      lastFullSyncAt: wecom?.lastFullSyncAt?.toISOString() ?? null,
      job: job ? presentJob(job) : null,
    };
  });

  router.post('/directory/sync', auth, requireAdmin(), async (ctx) => {
    const { jobId, started } = await startSync(deps, ctx.state.db!, ctx.state.actor!, ctx.ip);
    ctx.status = started ? 202 : 200;
    ctx.body = { job: { id: jobId } };
  });

  return router;
}
