/**
 * Markdown import (POST /api/v1/spaces/:id/import) and zip export of a document, folder or space
 * (POST /api/v1/nodes/:id/export, /api/v1/spaces/:id/export → a job; progress at
 * /api/v1/jobs/:id; the file at /api/v1/kb-exports/:jobId/download).
 */
import Router from '@koa/router';
import type { AppDeps, AppState } from '../../../core/context';
import { authenticate } from '../../../core/auth/authenticate';
import { errors } from '../../../core/errors';
import { inputOf, validate } from '../../../core/validate';
import { kbOf } from '../context';
import { markdownTitle, markdownToHtml } from '../content/markdown';
import { loadDestination, loadNode, loadSpace } from '../nodes/load';
import { createNode } from '../nodes/service';
import { presentNode } from '../presenter';
import { exportBody, idParams, importBody } from '../schema';
import { storageOf } from '../storage';
import { EXPORT_JOB, exportKey, type ExportPayload } from './export-job';

export function transferRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = authenticate(deps);

  const imp = { params: idParams, body: importBody };
  router.post('/spaces/:id/import', auth, validate(imp), async (ctx) => {
    const { params, body } = inputOf(ctx, imp);
    const kb = await kbOf(ctx, deps);
    const dest = await loadDestination(kb, params.id, body.parentId);
    const title = body.title ?? markdownTitle(body.markdown) ?? '未命名文档';
    const node = await createNode(kb, dest, { kind: 'document', title, body: markdownToHtml(body.markdown) });
    ctx.status = 201;
    ctx.body = { node: presentNode(node, kb.access.roleOn(node), kb.access) };
  });

  const exp = { params: idParams, body: exportBody };
  for (const kind of ['space', 'node'] as const) {
    router.post(`/${kind === 'space' ? 'spaces' : 'nodes'}/:id/export`, auth, validate(exp), async (ctx) => {
      const { params, body } = inputOf(ctx, exp);
      const kb = await kbOf(ctx, deps);
      if (kind === 'space') await loadSpace(kb, params.id, 'read');
      else await loadNode(kb, params.id, 'read');
      const payload: ExportPayload = { memberId: kb.actor.memberId, target: { kind, id: params.id }, format: body.format };
      const jobId = await deps.jobs.enqueue({ tenantId: kb.actor.tenantId, kind: EXPORT_JOB, payload, createdById: kb.actor.memberId });
      ctx.status = 202;
      ctx.body = { job: { id: jobId, status: 'queued' }, progress: `/api/v1/jobs/${jobId}` };
    });
  }

  const one = { params: idParams };
  router.get('/kb-exports/:id/download', auth, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const { db, actor } = ctx.state;
    const job = await db!.job.findUnique({ where: { id: params.id }, select: { kind: true, status: true, createdById: true, result: true } });
    if (!job || job.kind !== EXPORT_JOB || job.createdById !== actor!.memberId) throw errors.notFound('export');
    if (job.status !== 'done') throw errors.conflict('export_not_ready', '导出尚未完成 / The export is not finished yet', { status: job.status });
    const file = await storageOf(deps).get(exportKey(actor!.tenantId, params.id));
    if (!file) throw errors.notFound('export');
    const fileName = (job.result as { fileName?: string } | null)?.fileName ?? 'export.zip';
    ctx.set('Content-Disposition', `attachment; filename="export.zip"; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.type = 'application/zip';
    ctx.body = file.body;
  });

  return router;
}
