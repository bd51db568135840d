/**
 * The WeChat mini-program server API (api.weixin.qq.com) as Qixue calls it, with development
 * endpoints that play wx.login() and the phone-number button:
 *
 *   POST /cgi-bin/stable_token                  → access_token (the same one until it expires)
 *   GET  /sns/jscode2session                    → openid, session_key, unionid — no errcode on success;
 *                                                  40029 invalid code, 40163 code already used
 *   POST /wxa/business/getuserphonenumber       → phone_info (a phone code works once, 5 minutes)
 *
 *   POST /sandbox/wechat/login-code   { openid? }          → { code, openid, unionid }
 *   POST /sandbox/wechat/phone-code   { phone, countryCode? } → { code }
 *   POST /sandbox/wechat/expire-token { errcode? }         → tokens answer 42001 (or errcode) from now on
 *   GET  /sandbox/wechat/calls                            → host API calls answered, by path
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { jsonBody } from '../host-api';
import { derivedId, type SandboxState } from '../state';

const MESSAGES: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40013: 'invalid appid',
  40029: 'invalid code',
  40125: 'invalid appsecret',
  40163: 'code been used',
  41002: 'appid missing',
  42001: 'access_token expired',
  47001: 'data format error',
};

export interface WechatApp {
  appId: string;
  appSecret: string;
}

export class WechatArea {
  app: WechatApp = { appId: 'wx_sandbox_app', appSecret: 'sandbox-app-secret' };
  readonly users = new Map<string, { openid: string; unionid: string }>();
  readonly loginCodes = new Map<string, { openid: string; expiresAt: number; used: boolean }>();
  readonly phoneCodes = new Map<string, { phone: string; countryCode: string; expiresAt: number; used: boolean }>();
  readonly tokens = new Map<string, { expiresAt: number; forced?: number }>();
  readonly calls = new Map<string, number>();
  private nextUser = 1;

  newOpenid(): string {
    return derivedId('o', 27, 'wechat-openid', this.app.appId, String(this.nextUser++), String(Date.now()), Math.random().toString());
  }
}

export const wechatArea = (state: SandboxState) => state.area('wechat', () => new WechatArea());

function wxFail(ctx: Context, errcode: number): void {
  ctx.status = 200;
  ctx.body = { errcode, errmsg: `${MESSAGES[errcode] ?? 'error'} rid: ${Math.random().toString(16).slice(2, 10)}` };
}

export function wechatRoutes(state: SandboxState): Router {
  const router = new Router();
  const area = () => wechatArea(state);
  const count = (path: string) => area().calls.set(path, (area().calls.get(path) ?? 0) + 1);

  router.post('/cgi-bin/stable_token', (ctx) => {
    count('cgi-bin/stable_token');
    const body = jsonBody(ctx);
    if (body.grant_type !== 'client_credential') return wxFail(ctx, 40002);
    if (!body.appid) return wxFail(ctx, 41002);
    if (body.appid !== area().app.appId) return wxFail(ctx, 40013);
    if (body.secret !== area().app.appSecret) return wxFail(ctx, 40125);
    const now = state.now();
    if (!body.force_refresh) {
      for (const [token, t] of area().tokens) {
        if (!t.forced && t.expiresAt > now) {
          ctx.body = { access_token: token, expires_in: Math.floor((t.expiresAt - now) / 1000) };
          return;
        }
      }
    } else {
      for (const t of area().tokens.values()) t.forced ??= 40001;
    }
    const token = state.newCode(48);
    area().tokens.set(token, { expiresAt: now + 7200_000 });
    ctx.body = { access_token: token, expires_in: 7200 };
  });

  router.get('/sns/jscode2session', (ctx) => {
    count('sns/jscode2session');
    const q = ctx.query;
    if (q.appid !== area().app.appId) return wxFail(ctx, 40013);
    if (q.secret !== area().app.appSecret) return wxFail(ctx, 40125);
    if (q.grant_type !== 'authorization_code') return wxFail(ctx, 40002);
    const minted = area().loginCodes.get(String(q.js_code ?? ''));
    if (!minted || minted.expiresAt <= state.now()) return wxFail(ctx, 40029);
    if (minted.used) return wxFail(ctx, 40163);
    minted.used = true;
    const user = area().users.get(minted.openid)!;
    ctx.body = { openid: user.openid, session_key: state.newCode(16), unionid: user.unionid };
  });

  router.post('/wxa/business/getuserphonenumber', (ctx) => {
    count('wxa/business/getuserphonenumber');
    const token = area().tokens.get(String(ctx.query.access_token ?? ''));
    if (!token) return wxFail(ctx, 40001);
    if (token.forced) return wxFail(ctx, token.forced);
    if (token.expiresAt <= state.now()) return wxFail(ctx, 42001);
    const minted = area().phoneCodes.get(String(jsonBody(ctx).code ?? ''));
    if (!minted || minted.used || minted.expiresAt <= state.now()) return wxFail(ctx, 40029);
    minted.used = true;
    ctx.body = {
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: minted.countryCode === '86' ? minted.phone : `+${minted.countryCode} ${minted.phone}`,
        purePhoneNumber: minted.phone,
        countryCode: minted.countryCode,
        watermark: { timestamp: Math.floor(state.now() / 1000), appid: area().app.appId },
      },
    };
  });

  // ── development endpoints ─────────────────────────────────────────────────────────────
  router.post('/sandbox/wechat/login-code', (ctx) => {
    const body = jsonBody(ctx) as { openid?: string };
    const openid = body.openid ?? area().newOpenid();
    if (!area().users.has(openid)) area().users.set(openid, { openid, unionid: derivedId('o', 27, 'wechat-unionid', openid) });
    const code = state.newCode(16);
    area().loginCodes.set(code, { openid, expiresAt: state.now() + 5 * 60_000, used: false });
    ctx.body = { code, ...area().users.get(openid) };
  });

  router.post('/sandbox/wechat/phone-code', (ctx) => {
    const body = jsonBody(ctx) as { phone?: string; countryCode?: string };
    if (!body.phone) {
      ctx.status = 400;
      ctx.body = { error: 'phone is required' };
      return;
    }
    const code = state.newCode(16);
    area().phoneCodes.set(code, { phone: body.phone, countryCode: body.countryCode ?? '86', expiresAt: state.now() + 5 * 60_000, used: false });
    ctx.body = { code };
  });

  router.post('/sandbox/wechat/expire-token', (ctx) => {
    const body = jsonBody(ctx) as { errcode?: number };
    let expired = 0;
    for (const t of area().tokens.values()) {
      if (t.forced) continue;
      t.forced = body.errcode ?? 42001;
      expired++;
    }
    ctx.body = { expired };
  });

  router.get('/sandbox/wechat/calls', (ctx) => {
    ctx.body = { calls: Object.fromEntries(area().calls) };
  });

  return router;
}
