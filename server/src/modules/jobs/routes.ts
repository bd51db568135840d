/** /api/v1/jobs/:id — progress of a long job (exports, syncs) for the enterprise that started it. */
import Router from '@koa/router';
import { z } from 'zod';
import type { AppDeps, AppState } from '../../core/context';
import { authenticate } from '../../core/auth/authenticate';
import { errors } from '../../core/errors';
import { inputOf, validate } from '../../core/validate';
import { jobSelect, presentJob } from './presenter';

export function jobRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const one = { params: z.object({ id: z.string().min(1).max(64) }) };
  router.get('/jobs/:id', authenticate(deps), validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const { db, actor } = ctx.state;
    const job = await db!.job.findUnique({ where: { id: params.id }, select: { ...jobSelect, createdById: true } });
    // Admins see every job of the enterprise; a member only the jobs they started.
    if (!job || (actor!.role !== 'admin' && job.createdById !== actor!.memberId)) throw errors.notFound('job');
    ctx.body = { job: presentJob(job) };
  });
  return router;
}
