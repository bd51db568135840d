/**
 * WeCom logins and JS-SDK tickets, as the host answers them, plus development endpoints that play
 * the part of the WeCom client (mint the code a member's mini-program or browser would receive).
 *
 *   GET  /cgi-bin/service/miniprogram/jscode2session   suite token → corpid, userid, open_userid, session_key
 *   GET  /cgi-bin/service/auth/getuserinfo3rd          suite token → corpid, userid, open_userid, user_ticket
 *   POST /cgi-bin/service/get_login_info               provider token as access_token → usertype, user_info, corp_info
 *   GET  /cgi-bin/get_jsapi_ticket                     corp token (400/h per corp)
 *   GET  /cgi-bin/ticket/get?type=agent_config         corp token (100/h per app)
 *
 * Codes work once and expire (mini-program and OAuth codes 5 minutes, admin auth_code 10): a
 * reused, expired or unknown code answers 40029.
 */
import Router from '@koa/router';
import type { Context } from 'koa';
import { devCorpMember, ERRMSG, fail, HostError, jsonBody, ok, requireToken } from '../host-api';
import type { Corp, SandboxState, User } from '../state';

Object.assign(ERRMSG, {
  40002: 'invalid grant_type',
  40029: 'invalid code',
  40058: 'invalid parameter',
  50001: 'redirect_url domain illegal',
});

type CodeKind = 'miniprogram' | 'oauth' | 'admin_login';

interface MintedCode {
  kind: CodeKind;
  corpid: string;
  internalId: string;
  usertype?: number;
  expiresAt: number;
  used: boolean;
}

interface Ticket {
  ticket: string;
  expiresAt: number;
}

export class LoginArea {
  readonly codes = new Map<string, MintedCode>();
  /** `${corpid}:jsapi` / `${corpid}:agent_config` → the ticket handed out (the same until it expires) */
  readonly tickets = new Map<string, Ticket>();
  /** Ticket fetches per key within the last hour (the host's caps: 400/h per corp, 100/h per app). */
  readonly ticketFetches = new Map<string, number[]>();
}

export const loginArea = (state: SandboxState) => state.area('login', () => new LoginArea());

const TTL_MS: Record<CodeKind, number> = { miniprogram: 5 * 60_000, oauth: 5 * 60_000, admin_login: 10 * 60_000 };

/** Takes a code of `kind` once; anything else → 40029. */
function takeCode(state: SandboxState, kind: CodeKind, code: string): { corp: Corp; user: User; minted: MintedCode } {
  const minted = loginArea(state).codes.get(code);
  if (!minted || minted.kind !== kind || minted.used || minted.expiresAt <= state.now()) throw new HostError(40029);
  minted.used = true;
  const corp = state.corp(minted.corpid);
  const user = corp && state.user(corp, minted.internalId);
  if (!corp || !user) throw new HostError(40029);
  return { corp, user, minted };
}

/** Creator 1 (the installer stands in), system admin 2, member 5 — as get_login_info reports them. */
function usertypeOf(corp: Corp, user: User, state: SandboxState): number {
  if (!corp.admins.includes(user.internalId) && !corp.admins.some((a) => state.user(corp, a)?.internalId === user.internalId)) return 5;
  const installer = corp.auth ? state.user(corp, corp.auth.installer) : undefined;
  return installer?.internalId === user.internalId ? 1 : 2;
}

function ticketCap(state: SandboxState, key: string, perHour: number): boolean {
  const area = loginArea(state);
  const now = state.now();
  const window = (area.ticketFetches.get(key) ?? []).filter((at) => at > now - 3600_000);
  if (window.length >= perHour) {
    area.ticketFetches.set(key, window);
    return true;
  }
  window.push(now);
  area.ticketFetches.set(key, window);
  return false;
}

function ticket(state: SandboxState, ctx: Context, kind: 'jsapi' | 'agent_config', perHour: number): void {
  const corp = ctx.state.corp as Corp;
  const key = `${corp.corpid}:${kind}`;
  if (ticketCap(state, key, perHour)) return fail(ctx, 45009);
  const area = loginArea(state);
  let current = area.tickets.get(key);
  if (!current || current.expiresAt <= state.now()) {
    current = { ticket: state.newCode(36), expiresAt: state.now() + 7200_000 };
    area.tickets.set(key, current);
  }
  ok(ctx, { ticket: current.ticket, expires_in: Math.floor((current.expiresAt - state.now()) / 1000) });
}

export function loginRoutes(state: SandboxState): Router {
  const router = new Router();
  const suite = requireToken(state, 'suite');

  router.get('/cgi-bin/service/miniprogram/jscode2session', suite, (ctx) => {
    if (ctx.query.grant_type !== 'authorization_code') return fail(ctx, 40002);
    const { corp, user } = takeCode(state, 'miniprogram', String(ctx.query.js_code ?? ''));
    ok(ctx, { corpid: corp.corpid, userid: user.userid, session_key: state.newCode(16), open_userid: user.openUserid });
  });

  router.get('/cgi-bin/service/auth/getuserinfo3rd', suite, (ctx) => {
    const { corp, user } = takeCode(state, 'oauth', String(ctx.query.code ?? ''));
    ok(ctx, { corpid: corp.corpid, userid: user.userid, user_ticket: state.newCode(32), expires_in: 1800, open_userid: user.openUserid });
  });

  router.post('/cgi-bin/service/get_login_info', requireToken(state, 'provider', 'access_token'), (ctx) => {
    const { corp, user, minted } = takeCode(state, 'admin_login', String(jsonBody(ctx).auth_code ?? ''));
    const usertype = minted.usertype ?? usertypeOf(corp, user, state);
    ok(ctx, {
      usertype,
      // Third-party apps get no names: the name is the userid.
      user_info: { userid: user.userid, open_userid: user.openUserid, name: user.userid, avatar: '' },
      corp_info: { corpid: corp.corpid },
      agent: corp.auth ? [{ agentid: corp.auth.agentid, auth_type: 1 }] : [],
      auth_info: { department: usertype === 5 ? [] : [...state.visibleDepts(corp)].slice(0, 100).map((id) => ({ id, writable: true })) },
    });
  });

  router.get('/cgi-bin/get_jsapi_ticket', requireToken(state, 'corp'), (ctx) => ticket(state, ctx, 'jsapi', 400));

  router.get('/cgi-bin/ticket/get', requireToken(state, 'corp'), (ctx) => {
    if (ctx.query.type !== 'agent_config') return fail(ctx, 40058);
    ticket(state, ctx, 'agent_config', 100);
  });

  // ── development endpoints: what the WeCom client would hand the app ──────────────────
  const mint = (kind: CodeKind) => (ctx: Context) => {
    const found = devCorpMember(state, ctx);
    if (!found) return;
    const { corp, user } = found;
    const body = jsonBody(ctx) as { usertype?: number };
    const code = state.newCode();
    loginArea(state).codes.set(code, {
      kind, corpid: corp.corpid, internalId: user.internalId, usertype: body.usertype, expiresAt: state.now() + TTL_MS[kind], used: false,
    });
    ctx.body = kind === 'admin_login' ? { auth_code: code, usertype: body.usertype ?? usertypeOf(corp, user, state) } : { code };
  };
  router.post('/sandbox/corps/:corpid/members/:userid/miniprogram-code', mint('miniprogram'));
  router.post('/sandbox/corps/:corpid/members/:userid/oauth-code', mint('oauth'));
  router.post('/sandbox/corps/:corpid/members/:userid/admin-login', mint('admin_login'));

  return router;
}
