/** GET /api/v1/wecom/jssdk-config?url=… — JS-SDK config and agentConfig signatures for a page of the H5 app. */
import Router from '@koa/router';
import { z } from 'zod';
import type { AppState, RouteDeps } from '../../core/context';
import { AppError } from '../../core/errors';
import { httpUrl } from '../../core/input-fields';
import { scopeOf } from '../../core/scope';
import { inputOf, validate } from '../../core/validate';
import { WecomApiError } from '../../hosts/wecom/client';
import { jssdkSignatures } from '../../hosts/wecom/jssdk';

const configQuery = { query: z.object({ url: httpUrl(2048) }) };

export function jssdkRoutes(deps: RouteDeps): Router<AppState> {
  const router = new Router<AppState>();

  router.get('/wecom/jssdk-config', deps.authenticate, validate(configQuery), async (ctx) => {
    const { query } = inputOf(ctx, configQuery);
    const { db, tenantId } = scopeOf(ctx);
    const [tenant, auth] = await Promise.all([
      db.tenant.findUnique({ where: { id: tenantId }, select: { id: true, hostCorpId: true } }),
      db.wecomCorpAuth.findFirst({ where: { status: 'active' }, select: { agentId: true } }),
    ]);
    if (!tenant?.hostCorpId || !auth?.agentId) {
      throw new AppError(422, 'wecom_not_connected', '该企业未通过企业微信安装企学 / This enterprise has no WeCom app');
    }
    try {
      ctx.body = await jssdkSignatures(deps.wecom, { id: tenant.id, corpId: tenant.hostCorpId, agentId: auth.agentId }, query.url);
    } catch (err) {
      if (err instanceof WecomApiError) throw new AppError(502, 'host_unavailable', '企业微信暂时无法响应，请稍后再试 / WeCom is not answering; try again later');
      throw err;
    }
  });

  return router;
}
