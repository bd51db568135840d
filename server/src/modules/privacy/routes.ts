/**
 * Personal information and account lifecycle (003 §6, §17; 004 §3.5; 001 §1.4):
 *   PATCH /api/v1/me                     correct my information (name; real-name fields where required)
 *   GET   /api/v1/me/real-name           my real-name fields (ID number masked) and whether they are required
 *   GET   /api/v1/me/data-export         everything about me, as JSON
 *   GET   /api/v1/me/cancellation        may I cancel now, and is an SMS code needed
 *   POST  /api/v1/me/cancellation/code   send the code;  POST /api/v1/me/cancellation  cancel
 *   /api/v1/me/privacy-requests          requests that need platform staff (15-day deadline)
 *   POST  /api/v1/me/phone/code, PUT /api/v1/me/phone   move my account to a new phone number
 *   POST  /api/v1/auth/unfreeze          password + SMS code → active again and signed in
 *   GET|PUT /api/v1/admin/account-policy, POST /api/v1/members/:id/unfreeze   enterprise admins
 */
import Router from '@koa/router';
import type { AppDeps, AppState } from '../../core/context';
import { authenticate } from '../../core/auth/authenticate';
import { requireAdmin } from '../../core/auth/policy';
import { errors } from '../../core/errors';
import { requestMeta } from '../../core/request-meta';
import { inputOf, validate } from '../../core/validate';
import { presentLogin } from '../accounts/presenter';
import * as s from './schema';
import { readPolicy, updatePolicy } from './account-policy';
import { cancelAccount, cancellationPreview, sendCancellationCode } from './cancellation';
import { exportMyData } from './data-export';
import { myRealName, updateMe } from './profile';
import { presentRequest, requestSelect } from './presenter';
import { createRequest } from './requests';
import { unfreezeByAdmin, unfreezeWithPassword } from './unfreeze';
import { changeOwnPhone, sendPhoneChangeCodes } from './phone-change';

export function privacyRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = authenticate(deps);
  const admin = [auth, requireAdmin()];

  const patchMe = { body: s.updateMeBody };
  router.patch('/me', auth, validate(patchMe), async (ctx) => {
    const { body } = inputOf(ctx, patchMe);
    ctx.body = { realName: await updateMe(deps, ctx.state.db!, ctx.state.actor!, body, ctx.ip) };
  });

  router.get('/me/real-name', auth, async (ctx) => {
    ctx.body = { realName: await myRealName(deps, ctx.state.db!, ctx.state.actor!) };
  });

  router.get('/me/data-export', auth, async (ctx) => {
    ctx.set('Content-Disposition', 'attachment; filename="qixue-my-data.json"');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await exportMyData(deps, ctx.state.db!, ctx.state.actor!);
  });

  router.get('/me/cancellation', auth, async (ctx) => {
    ctx.body = await cancellationPreview(deps, ctx.state.db!, ctx.state.actor!);
  });

  router.post('/me/cancellation/code', auth, async (ctx) => {
    await sendCancellationCode(deps, ctx.state.db!, ctx.state.actor!, ctx.ip);
    ctx.status = 202;
    ctx.body = { sent: true };
  });

  const cancel = { body: s.cancellationBody };
  router.post('/me/cancellation', auth, validate(cancel), async (ctx) => {
    const { body } = inputOf(ctx, cancel);
    ctx.body = await cancelAccount(deps, ctx.state.db!, ctx.state.actor!, body, ctx.ip);
  });

  const phoneCode = { body: s.phoneCodeBody };
  router.post('/me/phone/code', auth, validate(phoneCode), async (ctx) => {
    const { body } = inputOf(ctx, phoneCode);
    ctx.status = 202;
    ctx.body = { sent: true, ...(await sendPhoneChangeCodes(deps, ctx.state.db!, ctx.state.actor!, body.phone, ctx.ip)) };
  });

  const phone = { body: s.changePhoneBody };
  router.put('/me/phone', auth, validate(phone), async (ctx) => {
    const { body } = inputOf(ctx, phone);
    await changeOwnPhone(deps, ctx.state.db!, ctx.state.actor!, body, ctx.ip);
    ctx.status = 204;
  });

  const newRequest = { body: s.createRequestBody };
  router.post('/me/privacy-requests', auth, validate(newRequest), async (ctx) => {
    const { body } = inputOf(ctx, newRequest);
    ctx.status = 201;
    ctx.body = { request: presentRequest(await createRequest(ctx.state.db!, ctx.state.actor!, body, ctx.ip)) };
  });

  router.get('/me/privacy-requests', auth, async (ctx) => {
    const rows = await ctx.state.db!.privacyRequest.findMany({
      where: { memberId: ctx.state.actor!.memberId }, select: requestSelect, orderBy: { createdAt: 'desc' }, take: 200,
    });
    ctx.body = { items: rows.map(presentRequest) };
  });

  const oneRequest = { params: s.idParams };
  router.get('/me/privacy-requests/:id', auth, validate(oneRequest), async (ctx) => {
    const { params } = inputOf(ctx, oneRequest);
    const row = await ctx.state.db!.privacyRequest.findFirst({ where: { id: params.id, memberId: ctx.state.actor!.memberId }, select: requestSelect });
    if (!row) throw errors.notFound('privacy request');
    ctx.body = { request: presentRequest(row) };
  });

  const unfreeze = { body: s.unfreezeBody };
  router.post('/auth/unfreeze', validate(unfreeze), async (ctx) => {
    const { body } = inputOf(ctx, unfreeze);
    ctx.body = presentLogin(await unfreezeWithPassword(deps, body, { ...requestMeta(ctx), deviceId: body.deviceId }));
  });

  router.get('/admin/account-policy', ...admin, async (ctx) => {
    ctx.body = { policy: await readPolicy(ctx.state.db!, ctx.state.actor!.tenantId) };
  });

  const policy = { body: s.accountPolicyBody };
  router.put('/admin/account-policy', ...admin, validate(policy), async (ctx) => {
    const { body } = inputOf(ctx, policy);
    ctx.body = { policy: await updatePolicy(ctx.state.db!, ctx.state.actor!, body, ctx.ip) };
  });

  const member = { params: s.idParams };
  router.post('/members/:id/unfreeze', ...admin, validate(member), async (ctx) => {
    const { params } = inputOf(ctx, member);
    ctx.body = await unfreezeByAdmin(ctx.state.db!, ctx.state.actor!, params.id, ctx.ip);
  });

  return router;
}
