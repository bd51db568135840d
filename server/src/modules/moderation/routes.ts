/**
 * Members: /api/v1/community/reports (举报), /community/penalties (mine), /community/appeals.
 * A suspended member may still appeal (core/auth/suspension-gate.ts exempts /community/appeals).
 */
import Router from '@koa/router';
import type { AppDeps, AppState } from '../../core/context';
import { authenticate } from '../../core/auth/authenticate';
import { inputOf, validate } from '../../core/validate';
import { neutraliseComment } from '../knowledge';
import { errors } from '../../core/errors';
import { fileAppeal } from './appeals';
import { caseSelect } from './cases';
import { penaltySelect } from './penalties';
import { presentOwnAppeal, presentPenalty } from './presenter';
import { fileReport } from './reports';
import * as s from './schema';

export function moderationMemberRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = authenticate(deps);

  const report = { body: s.reportBody };
  router.post('/community/reports', auth, validate(report), async (ctx) => {
    const { body } = inputOf(ctx, report);
    const { counted } = await fileReport(deps, ctx.state.db!, ctx.state.actor!, { ...body, note: body.note ? neutraliseComment(body.note) : undefined });
    // The same answer whether this member had reported it before: a report counts once.
    ctx.status = counted ? 201 : 200;
    ctx.body = { reported: true };
  });

  router.get('/community/penalties', auth, async (ctx) => {
    const rows = await ctx.state.db!.memberPenalty.findMany({ where: { memberId: ctx.state.actor!.memberId }, select: penaltySelect, orderBy: { createdAt: 'desc' }, take: 200 });
    ctx.body = { items: rows.map((p) => presentPenalty(p, false)) };
  });

  router.get('/community/appeals', auth, async (ctx) => {
    const rows = await ctx.state.db!.moderationCase.findMany({ where: { kind: 'appeal', subjectId: ctx.state.actor!.memberId }, select: caseSelect, orderBy: { createdAt: 'desc' }, take: 200 });
    ctx.body = { items: rows.map(presentOwnAppeal) };
  });

  const appeal = { body: s.appealBody };
  router.post('/community/appeals', auth, validate(appeal), async (ctx) => {
    const { body } = inputOf(ctx, appeal);
    const text = neutraliseComment(body.text);
    if (!text) throw errors.validation([{ path: 'body.text', message: '请写明申诉理由 / Say why you appeal' }]);
    const caseId = await fileAppeal(deps, ctx.state.db!, ctx.state.actor!, { ...body, text });
    const row = await ctx.state.db!.moderationCase.findFirst({ where: { id: caseId }, select: caseSelect });
    ctx.status = 201;
    ctx.body = { appeal: presentOwnAppeal(row!) };
  });

  return router;
}
