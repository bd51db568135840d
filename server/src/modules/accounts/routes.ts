/**
 * /api/v1/auth/*       every way to sign in (each ends in one session for one enterprise and person)
 * /api/v1/me/logins    my login log; /api/v1/me/password  change my password with an SMS code
 * /api/v1/members/:id/logins, /api/v1/invitations   enterprise admins
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import type { AppDeps, AppState } from '../../core/context';
import { authenticate } from '../../core/auth/authenticate';
import { requireAdmin } from '../../core/auth/policy';
import { changeOwnPassword, passwordLogin, requestPhoneCode, resetPassword, sendOwnCode, smsCodeLogin } from '../../core/auth/phone-login';
import { errors } from '../../core/errors';
import { pageArgs, toPage } from '../../core/pagination';
import { requestMeta } from '../../core/request-meta';
import { inputOf, validate } from '../../core/validate';
import { hostLoginRoutes } from './host-routes';
import * as s from './schema';
import { invitationSelect, loginLogSelect, presentLogin, presentLoginLog } from './presenter';
import { createInvitation, presentInvitations, revokeInvitation } from './service';

export const loginMeta = (ctx: Context, deviceId?: string) => ({ ...requestMeta(ctx), deviceId });

export function accountRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = authenticate(deps);

  hostLoginRoutes(deps, router);

  const smsCode = { body: s.smsCodeBody };
  router.post('/auth/sms-code', validate(smsCode), async (ctx) => {
    const { body } = inputOf(ctx, smsCode);
    await requestPhoneCode(deps, body.phone, body.purpose, ctx.ip);
    ctx.status = 202;
    ctx.body = { sent: true };
  });

  const sms = { body: s.smsLoginBody };
  router.post('/auth/sms', validate(sms), async (ctx) => {
    const { body } = inputOf(ctx, sms);
    ctx.body = presentLogin(await smsCodeLogin(deps, body, loginMeta(ctx, body.deviceId)));
  });

  const password = { body: s.passwordLoginBody };
  router.post('/auth/password', validate(password), async (ctx) => {
    const { body } = inputOf(ctx, password);
    ctx.body = presentLogin(await passwordLogin(deps, body, loginMeta(ctx, body.deviceId)));
  });

  const reset = { body: s.resetPasswordBody };
  router.post('/auth/password/reset', validate(reset), async (ctx) => {
    const { body } = inputOf(ctx, reset);
    await resetPassword(deps, body);
    ctx.status = 204;
  });

  router.post('/me/password/code', auth, async (ctx) => {
    const { actor } = ctx.state;
    await sendOwnCode(deps, actor!.tenantId, actor!.memberId, ctx.ip);
    ctx.status = 202;
    ctx.body = { sent: true };
  });

  const change = { body: s.changePasswordBody };
  router.put('/me/password', auth, validate(change), async (ctx) => {
    const { body } = inputOf(ctx, change);
    const { actor } = ctx.state;
    await changeOwnPassword(deps, actor!.tenantId, actor!.memberId, body.code, body.password, body.deviceId);
    ctx.status = 204;
  });

  const logins = { query: s.loginsQuery };
  router.get('/me/logins', auth, validate(logins), async (ctx) => {
    const { query } = inputOf(ctx, logins);
    const rows = await ctx.state.db!.loginLog.findMany({ where: { memberId: ctx.state.actor!.memberId }, select: loginLogSelect, ...pageArgs(query, 'desc') });
    ctx.body = toPage(rows, query, presentLoginLog);
  });

  const memberLogins = { params: s.idParams, query: s.loginsQuery };
  router.get('/members/:id/logins', auth, requireAdmin(), validate(memberLogins), async (ctx) => {
    const { params, query } = inputOf(ctx, memberLogins);
    const db = ctx.state.db!;
    if (!(await db.member.findUnique({ where: { id: params.id }, select: { id: true } }))) throw errors.notFound('member');
    const rows = await db.loginLog.findMany({ where: { memberId: params.id }, select: loginLogSelect, ...pageArgs(query, 'desc') });
    ctx.body = toPage(rows, query, presentLoginLog);
  });

  const invite = { body: s.createInvitationBody };
  router.post('/invitations', auth, requireAdmin(), validate(invite), async (ctx) => {
    const { body } = inputOf(ctx, invite);
    ctx.status = 201;
    ctx.body = { invitation: await createInvitation(deps, ctx.state.db!, ctx.state.actor!, body, ctx.ip) };
  });

  const list = { query: s.listInvitationsQuery };
  router.get('/invitations', auth, requireAdmin(), validate(list), async (ctx) => {
    const { query } = inputOf(ctx, list);
    const db = ctx.state.db!;
    const rows = await db.invitation.findMany({ where: { ...(query.status && { status: query.status }) }, select: invitationSelect, ...pageArgs(query, 'desc') });
    const page = toPage(rows, query, (r) => r);
    ctx.body = { items: await presentInvitations(deps, db, page.items), nextCursor: page.nextCursor };
  });

  const one = { params: s.idParams };
  router.get('/invitations/:id', auth, requireAdmin(), validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const db = ctx.state.db!;
    const row = await db.invitation.findUnique({ where: { id: params.id }, select: invitationSelect });
    if (!row) throw errors.notFound('invitation');
    ctx.body = { invitation: (await presentInvitations(deps, db, [row]))[0] };
  });

  router.delete('/invitations/:id', auth, requireAdmin(), validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    ctx.body = { invitation: await revokeInvitation(deps, ctx.state.db!, ctx.state.actor!, params.id, ctx.ip) };
  });

  return router;
}
