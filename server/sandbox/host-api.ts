/**
 * What every host API route of the sandbox shares: the host's error codes and messages, reading a
 * JSON body the way the host does, and the token check that also applies injected errors and the
 * per-corp rate limit.
 *
 *   router.get('/cgi-bin/department/list', corpToken(state), (ctx) => ok(ctx, { department }))
 */
import type { Context, Middleware, Next } from 'koa';
import type { Corp, SandboxState, TokenKind, User } from './state';

export const ERRMSG: Record<number, string> = {
  [-1]: 'system busy',
  40001: 'invalid credential',
  40013: 'invalid corpid',
  40014: 'invalid access_token',
  40068: 'invalid tagid',
  40078: 'invalid auth_code',
  40082: 'invalid suite_token',
  40083: 'invalid suite_id',
  40084: 'invalid permanent_code',
  40085: 'invalid suite_ticket',
  40086: 'invalid third-app corpid',
  41001: 'access_token missing',
  41004: 'corpsecret missing',
  42001: 'access_token expired',
  42009: 'suite_token expired',
  44004: 'empty content',
  45009: 'api freq out of limit',
  45033: 'api concurrent out of limit',
  47001: 'data format error',
  48004: 'api forbidden',
  60003: 'department not found',
  60005: 'department contains members',
  60006: 'department contains sub-departments',
  60011: 'no privilege to access/modify contact/party/agent',
  60111: 'userid not found',
  60123: 'invalid party id',
  60102: 'userid existed',
  301002: 'not allow operate another agent with this accesstoken',
  81013: 'user & party & tag all invalid',
};

export class HostError extends Error {
  constructor(public readonly errcode: number) {
    super(ERRMSG[errcode] ?? 'error');
  }
}

/** The host's error message shape: text, a hint, the caller's ip and a link naming the code. */
export function errmsg(errcode: number, ip = '127.0.0.1'): string {
  const hint = `[${Math.floor(Date.now() / 1000)}-${Math.random().toString(36).slice(2, 10)}]`;
  return `${ERRMSG[errcode] ?? 'error'}, hint: ${hint}, from ip: ${ip}, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`;
}

export function ok(ctx: Context, body: Record<string, unknown> = {}): void {
  ctx.body = { errcode: 0, errmsg: 'ok', ...body };
}

export function fail(ctx: Context, errcode: number): void {
  ctx.status = 200; // the host answers errors with HTTP 200 and an errcode
  ctx.body = { errcode, errmsg: errmsg(errcode, ctx.ip) };
}

/** Turns a thrown HostError into the host's JSON answer. */
export function hostErrors(): Middleware {
  return async (ctx: Context, next: Next) => {
    try {
      await next();
    } catch (err) {
      if (err instanceof HostError) return fail(ctx, err.errcode);
      throw err;
    }
  };
}

/** The JSON body of a POST (the host ignores the content type); malformed → 47001. */
export function jsonBody(ctx: Context): Record<string, unknown> {
  const raw = (ctx.request as unknown as { rawBody?: string }).rawBody ?? '';
  if (!raw.trim()) return {};
  try {
    const parsed = JSON.parse(raw);
    if (parsed && typeof parsed === 'object') return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new HostError(47001);
}

/**
 * Development endpoints name a corp and one of its members in the path (:corpid, :userid).
 * Answers 404 and returns null when either does not exist.
 */
export function devCorpMember(state: SandboxState, ctx: Context): { corp: Corp; user: User } | null {
  const corp = state.corp(ctx.params.corpid);
  const user = corp && state.user(corp, ctx.params.userid);
  if (!corp || !user) {
    ctx.status = 404;
    ctx.body = { error: 'no such corp or member' };
    return null;
  }
  return { corp, user };
}

export interface HostState {
  corp?: Corp;
  corpid?: string;
}

const TOKEN_PARAM: Record<TokenKind, string> = { provider: 'provider_access_token', suite: 'suite_access_token', corp: 'access_token' };

/**
 * Checks the token of `kind` in the query (`param` overrides its name), counts the call, applies
 * injected errors and, for corp tokens, the per-corp rate limit. Sets ctx.state.corp for corp tokens.
 */
export function requireToken(state: SandboxState, kind: TokenKind, param = TOKEN_PARAM[kind]): Middleware {
  return async (ctx: Context, next: Next) => {
    const path = ctx.path.replace(/^\/cgi-bin\//, '');
    const token = String(ctx.query[param] ?? '');
    const issued = token ? state.tokens.get(token) : undefined;
    state.countCall(path, issued?.corpid);
    const injected = state.takeInjection(path, issued?.corpid);
    if (injected !== null) return fail(ctx, injected);
    if (!token) return fail(ctx, 41001);
    if (!issued || issued.kind !== kind) return fail(ctx, kind === 'suite' ? 40082 : 40014);
    if (issued.forced) return fail(ctx, issued.forced);
    if (issued.expiresAt <= state.now()) return fail(ctx, kind === 'suite' ? 42009 : 42001);
    if (kind === 'corp') {
      const corp = state.corp(issued.corpid!);
      if (!corp?.auth?.active) return fail(ctx, 48004);
      if (state.overLimit(corp.corpid)) return fail(ctx, 45009);
      ctx.state.corp = corp;
    }
    ctx.state.corpid = issued.corpid;
    await next();
  };
}

/** For the token endpoints themselves: counts the call and applies injected errors. */
export function countOnly(state: SandboxState): Middleware {
  return async (ctx: Context, next: Next) => {
    const path = ctx.path.replace(/^\/cgi-bin\//, '');
    state.countCall(path);
    const injected = state.takeInjection(path);
    if (injected !== null) return fail(ctx, injected);
    await next();
  };
}
