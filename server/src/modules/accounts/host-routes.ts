/** Host logins: WeCom mini-program, WeCom H5 OAuth, admin-console SSO, WeChat mini-program. */
import type Router from '@koa/router';
import type { Context } from 'koa';
import type { AppDeps, AppState } from '../../core/context';
import { RateLimiter } from '../../core/auth/rate-limit';
import { requestMeta } from '../../core/request-meta';
import { newToken } from '../../core/tokens';
import { inputOf, validate } from '../../core/validate';
import { adminSsoLogin, oauthUrl, wecomMiniprogramLogin, wecomOauthLogin } from '../../hosts/wecom/login';
import { wechatLogin } from '../../hosts/wechat/login';
import * as s from './schema';
import { presentLogin } from './presenter';

const meta = (ctx: Context, deviceId?: string) => ({ ...requestMeta(ctx), deviceId });

export function hostLoginRoutes(deps: AppDeps, router: Router<AppState>): void {
  // Each attempt costs host calls: 60 a minute per IP is far above any person's need.
  const perIp = async (ctx: Context, next: () => Promise<unknown>) => {
    await new RateLimiter(deps.db.prisma).consume([{ key: `login:ip:${ctx.ip}`, max: 60, windowSeconds: 60 }]);
    await next();
  };

  const mini = { body: s.wecomMiniprogramBody };
  router.post('/auth/wecom/miniprogram', perIp, validate(mini), async (ctx) => {
    const { body } = inputOf(ctx, mini);
    ctx.body = presentLogin(await wecomMiniprogramLogin(deps, deps.wecom, body.code, meta(ctx, body.deviceId)));
  });

  const url = { query: s.oauthUrlQuery };
  router.get('/auth/wecom/oauth-url', validate(url), async (ctx) => {
    const { query } = inputOf(ctx, url);
    const state = query.state ?? newToken(12);
    ctx.body = { url: oauthUrl(deps.wecom, { redirectUri: query.redirectUri, state, scope: query.scope }), state };
  });

  const oauth = { body: s.wecomOauthBody };
  router.post('/auth/wecom/oauth', perIp, validate(oauth), async (ctx) => {
    const { body } = inputOf(ctx, oauth);
    ctx.body = presentLogin(await wecomOauthLogin(deps, deps.wecom, body.code, meta(ctx, body.deviceId)));
  });

  const sso = { body: s.adminSsoBody };
  router.post('/auth/wecom/admin-sso', perIp, validate(sso), async (ctx) => {
    const { body } = inputOf(ctx, sso);
    ctx.body = presentLogin(await adminSsoLogin(deps, deps.wecom, body.authCode, meta(ctx)));
  });

  const wechat = { body: s.wechatBody };
  router.post('/auth/wechat', perIp, validate(wechat), async (ctx) => {
    const { body } = inputOf(ctx, wechat);
    ctx.body = presentLogin(await wechatLogin(deps, deps.wechat, body, meta(ctx, body.deviceId)));
  });
}
