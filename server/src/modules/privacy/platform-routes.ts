/**
 * /platform/v1/privacy-requests — platform staff work personal-information requests by their 15-day deadline.
 * /platform/v1/tenants/:tenantId/members/:memberId/phone — move an account to a new phone after an identity check.
 */
import Router from '@koa/router';
import type { AppDeps, AppState } from '../../core/context';
import { errors } from '../../core/errors';
import { pageArgs, toPage } from '../../core/pagination';
import { inputOf, validate } from '../../core/validate';
import { authenticateStaff } from '../platform/staff-auth';
import { answerRequestBody, idParams, listRequestsQuery, staffPhoneBody, staffPhoneParams } from './schema';
import { presentRequestForStaff, requestSelect } from './presenter';
import { answerRequest } from './requests';
import { movePhoneByStaff } from './phone-change';
import { scopeToTenant } from '../../core/tenancy';

export function privacyStaffRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const staff = authenticateStaff(deps);

  const list = { query: listRequestsQuery };
  router.get('/privacy-requests', staff, validate(list), async (ctx) => {
    const { query } = inputOf(ctx, list);
    const rows = await deps.db.prisma.privacyRequest.findMany({
      where: {
        ...(query.status && { status: query.status }),
        ...(query.overdue !== undefined && (query.overdue ? { status: 'open', dueAt: { lt: new Date() } } : {})),
        ...(query.tenantId && { tenantId: query.tenantId }),
      },
      select: requestSelect,
      ...pageArgs(query),
    });
    ctx.body = toPage(rows, query, presentRequestForStaff);
  });

  const one = { params: idParams };
  router.get('/privacy-requests/:id', staff, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const row = await deps.db.prisma.privacyRequest.findUnique({ where: { id: params.id }, select: requestSelect });
    if (!row) throw errors.notFound('privacy request');
    ctx.body = { request: presentRequestForStaff(row) };
  });

  const answer = { params: idParams, body: answerRequestBody };
  router.post('/privacy-requests/:id/answer', staff, validate(answer), async (ctx) => {
    const { params, body } = inputOf(ctx, answer);
    ctx.body = { request: presentRequestForStaff(await answerRequest(deps, { staffKeyId: ctx.state.staffKeyId!, ip: ctx.ip }, params.id, body)) };
  });

  // Someone who lost their old phone proved who they are to staff (003 §3): the account, with its records, moves to the new number.
  const move = { params: staffPhoneParams, body: staffPhoneBody };
  router.post('/tenants/:tenantId/members/:memberId/phone', staff, validate(move), async (ctx) => {
    const { params, body } = inputOf(ctx, move);
    const db = scopeToTenant(deps.db.prisma, params.tenantId);
    ctx.body = await movePhoneByStaff(deps, db, { staffKeyId: ctx.state.staffKeyId!, ip: ctx.ip }, params.tenantId, params.memberId, body);
  });

  return router;
}
