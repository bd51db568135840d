/** /api/v1/search?q=… — documents the member may read, ranked, with highlighted snippets. */
import Router from '@koa/router';
import type { AppDeps, AppState } from '../../../core/context';
import { authenticate } from '../../../core/auth/authenticate';
import { requireAdmin } from '../../../core/auth/policy';
import { inputOf, validate } from '../../../core/validate';
import { kbOf } from '../context';
import { searchQuery } from '../schema';
import { REINDEX_JOB } from './reindex-job';

export function searchRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const schemas = { query: searchQuery };
  router.get('/search', authenticate(deps), validate(schemas), async (ctx) => {
    const { query } = inputOf(ctx, schemas);
    const kb = await kbOf(ctx, deps);
    const hits = await kb.search.search({
      tenantId: kb.actor.tenantId,
      query: query.q,
      limit: query.limit,
      spaceId: query.spaceId,
      readableRoots: kb.access.isAdmin ? null : kb.access.readableRoots(),
    });
    const spaces = hits.length
      ? await kb.db.kbSpace.findMany({ where: { id: { in: [...new Set(hits.map((h) => h.spaceId))] }, status: 'active' }, select: { id: true, name: true } })
      : [];
    const names = new Map(spaces.map((s) => [s.id, s.name]));
    ctx.body = {
      items: hits.filter((h) => names.has(h.spaceId)).map((h) => ({
        id: h.nodeId, spaceId: h.spaceId, spaceName: names.get(h.spaceId), title: h.title,
        titleHighlight: h.titleHighlight, snippet: h.snippet, score: Math.round(h.score * 1000) / 1000,
      })),
    };
  });
  // Rebuild the enterprise's index (admins): a job, progress at /api/v1/jobs/:id.
  router.post('/kb-search/reindex', authenticate(deps), requireAdmin(), async (ctx) => {
    const actor = ctx.state.actor!;
    const jobId = await deps.jobs.enqueue({ tenantId: actor.tenantId, kind: REINDEX_JOB, createdById: actor.memberId });
    ctx.status = 202;
    ctx.body = { job: { id: jobId, status: 'queued' }, progress: `/api/v1/jobs/${jobId}` };
  });

  return router;
}
