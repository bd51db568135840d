/**
 * The one HTTP client for WeChat (mini-program server API): login codes, phone numbers.
 *
 * The access token comes from `cgi-bin/stable_token`, not `cgi-bin/token`: the latter invalidates
 * the previous token a few minutes after a new one is fetched, so several Qixue processes would
 * knock each other out; stable_token hands every caller the same token until it expires. It is
 * cached per process (one fetch at a time) and refetched once when the host says it is invalid.
 */
import type { Logger } from 'pino';

/** 40001 invalid credential, 40014 invalid token, 42001 expired. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
const EXPIRY_MARGIN_MS = 5 * 60_000;

export class WechatApiError extends Error {
  constructor(
    public readonly errcode: number,
    public readonly errmsg: string,
    public readonly path: string,
  ) {
    super(`WeChat ${path}: ${errcode} ${errmsg.split(',')[0]}`);
    this.name = 'WechatApiError';
  }
}

export interface WechatClientOptions {
  baseUrl: string;
  appId: string;
  appSecret: string;
  logger: Logger;
  timeoutMs?: number;
}

export interface Code2Session {
  openid: string;
  unionid?: string;
}

export interface PhoneInfo {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

type Json = Record<string, unknown> & { errcode?: number; errmsg?: string };

export class WechatClient {
  private token: { value: string; expiresAt: number } | null = null;
  private fetching: Promise<string> | null = null;

  constructor(private readonly options: WechatClientOptions) {}

  get appId(): string {
    return this.options.appId;
  }

  /** `sns/jscode2session`: success carries no errcode at all; 40029 invalid, 40163 already used. */
  async code2Session(code: string): Promise<Code2Session> {
    const res = await this.send('GET', 'sns/jscode2session', {
      appid: this.options.appId,
      secret: this.options.appSecret,
      js_code: code,
      grant_type: 'authorization_code',
    });
    const errcode = Number(res.errcode ?? 0);
    if (errcode !== 0 || typeof res.openid !== 'string') throw new WechatApiError(errcode || -1, String(res.errmsg ?? 'no openid'), 'sns/jscode2session');
    return { openid: res.openid, unionid: typeof res.unionid === 'string' ? res.unionid : undefined };
  }

  /** `wxa/business/getuserphonenumber` with the code from the mini-program's phone-number button. */
  async phoneNumber(code: string): Promise<PhoneInfo> {
    const res = await this.withToken('POST', 'wxa/business/getuserphonenumber', { code });
    const info = res.phone_info as PhoneInfo | undefined;
    if (!info?.purePhoneNumber) throw new WechatApiError(-1, 'no phone_info', 'wxa/business/getuserphonenumber');
    return { phoneNumber: info.phoneNumber, purePhoneNumber: info.purePhoneNumber, countryCode: String(info.countryCode) };
  }

  private async withToken(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Json> {
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken();
      const res = await this.send(method, path, { access_token: token }, body);
      const errcode = Number(res.errcode ?? 0);
      if (errcode === 0) return res;
      if (TOKEN_ERRORS.has(errcode) && attempt === 0) {
        this.options.logger.info({ path, errcode }, 'wechat: token rejected, refreshing once');
        if (this.token?.value === token) this.token = null;
        continue;
      }
      throw new WechatApiError(errcode, String(res.errmsg ?? ''), path);
    }
  }

  /**
   * Never force_refresh: that would invalidate the token other processes hold. After a rejection
   * the cache is dropped and the normal mode hands out the currently valid token.
   */
  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt - EXPIRY_MARGIN_MS > Date.now()) return this.token.value;
    this.fetching ??= (async () => {
      const res = await this.send('POST', 'cgi-bin/stable_token', {}, {
        grant_type: 'client_credential',
        appid: this.options.appId,
        secret: this.options.appSecret,
        force_refresh: false,
      });
      if (Number(res.errcode ?? 0) !== 0 || typeof res.access_token !== 'string') {
        throw new WechatApiError(Number(res.errcode ?? -1), String(res.errmsg ?? 'no access_token'), 'cgi-bin/stable_token');
      }
      this.token = { value: res.access_token, expiresAt: Date.now() + Number(res.expires_in) * 1000 };
      return res.access_token;
    })().finally(() => (this.fetching = null));
    return this.fetching;
  }

  private async send(method: 'GET' | 'POST', path: string, query: Record<string, string>, body?: unknown): Promise<Json> {
    const url = new URL(`${this.options.baseUrl.replace(/\/$/, '')}/${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    try {
      const response = await fetch(url, {
        method,
        headers: method === 'POST' ? { 'content-type': 'application/json' } : undefined,
        body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      if (!response.ok) return { errcode: -1, errmsg: `http ${response.status}` };
      return (await response.json()) as Json;
    } catch (err) {
      this.options.logger.warn({ path, err: (err as Error).message }, 'wechat: request failed');
      return { errcode: -1, errmsg: 'network error' };
    }
  }
}
