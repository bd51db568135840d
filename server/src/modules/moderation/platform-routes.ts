/**
 * Platform staff: /platform/v1/tenants/:tenantId/moderation/evidence — the evidence of an
 * enterprise (violating content, reports, decisions) exported for authorities (003 §10), with the
 * audit trail of the moderation decisions; and /platform/v1/sensitive-words, the platform's list
 * that every enterprise's screening includes. Exports are audited.
 */
import Router from '@koa/router';
import { z } from 'zod';
import type { AppDeps, AppState } from '../../core/context';
import { audit, auditLogSelect, presentAuditLog } from '../../core/audit';
import { errors } from '../../core/errors';
import { pageArgs, pageQuery, toPage } from '../../core/pagination';
import { inputOf, validate } from '../../core/validate';
import { authenticateStaff } from '../platform/staff-auth';
import { evidenceSelect, presentEvidence } from './evidence';
import { cleanWord } from './words';
import { evidenceQuery, wordBody } from './schema';

const tenantParams = z.object({ tenantId: z.string().min(1).max(64) });
const idParams = z.object({ id: z.string().min(1).max(64) });

export function moderationStaffRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const staff = authenticateStaff(deps);
  const { prisma } = deps.db;

  const exportEvidence = { params: tenantParams, query: evidenceQuery };
  router.get('/tenants/:tenantId/moderation/evidence', staff, validate(exportEvidence), async (ctx) => {
    const { params, query } = inputOf(ctx, exportEvidence);
    if (!(await prisma.tenant.findUnique({ where: { id: params.tenantId }, select: { id: true } }))) throw errors.notFound('tenant');
    const where = {
      tenantId: params.tenantId,
      ...(query.targetType && { targetType: query.targetType }),
      ...(query.targetId && { targetId: query.targetId }),
      ...((query.from || query.to) && { capturedAt: { ...(query.from && { gte: new Date(query.from) }), ...(query.to && { lt: new Date(query.to) }) } }),
    };
    const rows = await prisma.moderationEvidence.findMany({ where, select: evidenceSelect, ...pageArgs(query) });
    const page = toPage(rows, query, presentEvidence);
    const caseIds = [...new Set(page.items.flatMap((e) => (e.caseId ? [e.caseId] : [])))];
    const [cases, reports, decisions] = caseIds.length
      ? await Promise.all([
          prisma.moderationCase.findMany({ where: { tenantId: params.tenantId, id: { in: caseIds } } }),
          prisma.contentReport.findMany({ where: { tenantId: params.tenantId, caseId: { in: caseIds } }, select: { caseId: true, reporterId: true, reason: true, note: true, createdAt: true } }),
          prisma.auditLog.findMany({ where: { tenantId: params.tenantId, action: 'moderation.case.decide' }, select: auditLogSelect, orderBy: { createdAt: 'asc' }, take: 5000 }),
        ])
      : [[], [], []];
    await audit(prisma, {
      tenantId: params.tenantId, actorType: 'staff', actorId: ctx.state.staffKeyId, action: 'moderation.evidence.export', ip: ctx.ip,
      details: { filters: query, rows: page.items.length },
    });
    ctx.body = {
      ...page,
      cases: cases.map((c) => ({ ...c, decidedAt: c.decidedAt?.toISOString() ?? null, createdAt: c.createdAt.toISOString(), updatedAt: c.updatedAt.toISOString() })),
      // For authorities the reporters are part of the record; members never see this.
      reports: reports.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
      decisions: decisions.filter((d) => caseIds.includes(String((d.details as { caseId?: unknown } | null)?.caseId))).map(presentAuditLog),
    };
  });

  const words = { query: pageQuery };
  router.get('/sensitive-words', staff, validate(words), async (ctx) => {
    const { query } = inputOf(ctx, words);
    const rows = await prisma.platformSensitiveWord.findMany({ select: { id: true, word: true, action: true, createdAt: true }, ...pageArgs(query) });
    ctx.body = toPage(rows, query, (w) => ({ ...w, createdAt: w.createdAt.toISOString() }));
  });

  const add = { body: wordBody };
  router.post('/sensitive-words', staff, validate(add), async (ctx) => {
    const { body } = inputOf(ctx, add);
    const word = cleanWord(body.word);
    if (!word) throw errors.validation([{ path: 'body.word', message: '词语不能为空 / The word is empty' }]);
    if (await prisma.platformSensitiveWord.findUnique({ where: { word }, select: { id: true } })) throw errors.conflict('word_exists', '该词已在列表中 / The word is already listed');
    const row = await prisma.platformSensitiveWord.create({ data: { word, action: body.action, createdById: ctx.state.staffKeyId }, select: { id: true, word: true, action: true, createdAt: true } });
    await audit(prisma, { actorType: 'staff', actorId: ctx.state.staffKeyId, action: 'moderation.platform_word.add', targetType: 'sensitive_word', targetId: row.id, ip: ctx.ip, details: { word } });
    ctx.status = 201;
    ctx.body = { word: { ...row, createdAt: row.createdAt.toISOString() } };
  });

  router.delete('/sensitive-words/:id', staff, validate({ params: idParams }), async (ctx) => {
    const { params } = inputOf(ctx, { params: idParams });
    const row = await prisma.platformSensitiveWord.findUnique({ where: { id: params.id }, select: { id: true, word: true } });
    if (!row) throw errors.notFound('word');
    await prisma.platformSensitiveWord.delete({ where: { id: row.id } });
    await audit(prisma, { actorType: 'staff', actorId: ctx.state.staffKeyId, action: 'moderation.platform_word.remove', targetType: 'sensitive_word', targetId: row.id, ip: ctx.ip, details: { word: row.word } });
    ctx.status = 204;
  });

  return router;
}
