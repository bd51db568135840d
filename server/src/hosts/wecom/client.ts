/**
 * The one HTTP client for WeCom. Three token layers, each cached in the database until it expires
 * and shared by every process:
 *   provider  service/get_provider_token   (provider corp id + provider secret)
 *   suite     service/get_suite_token      (suite id + secret + the pushed suite_ticket)
 *   corp      service/get_corp_token       (per installed corp: its permanent code)
 *
 *   await wecom.corpGet(tenantId, 'department/simplelist', { id: 1 })
 *   await wecom.corpPost(tenantId, 'message/send', body)
 *   await wecom.suitePost('service/get_permanent_code', { auth_code })
 *   await wecom.providerPost('service/get_login_info', { auth_code }, { tokenParam: 'access_token' })
 *
 * Paths are relative to `<base>/cgi-bin/`. When the host says a token is invalid or expired
 * (40014, 42001, 42009, 40082) the token is dropped, fetched once (one fetch per process even when
 * many calls — or processes — fail together) and the call retried once. Frequency errors (45009, 45033) and a busy
 * host (-1) back off and retry. Tokens never reach a log line.
 */
import type { Logger } from 'pino';
import type { Database } from '../../db/client';
import type { FieldCipher } from '../../core/field-cipher';
import { TokenStore } from './token-store';

export const TOKEN_ERRORS = new Set([40014, 42001, 42009, 40082]);
export const RETRYABLE_ERRORS = new Set([45009, 45033, -1]);
/** Tokens are renewed this long before the expiry the host announced. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

export class WecomApiError extends Error {
  constructor(
    public readonly errcode: number,
    public readonly errmsg: string,
    public readonly path: string,
  ) {
    super(`WeCom ${path}: ${errcode} ${errmsg.split(',')[0]}`);
    this.name = 'WecomApiError';
  }
}

export type WecomResponse = Record<string, unknown> & { errcode?: number; errmsg?: string };
type Query = Record<string, string | number | undefined>;
type Layer = 'provider' | 'suite' | 'corp';

export interface WecomClientOptions {
  baseUrl: string;
  suiteId: string;
  suiteSecret: string;
  providerCorpId: string;
  providerSecret: string;
  db: Database;
  cipher: FieldCipher;
  logger: Logger;
  /** First back-off delay after a frequency error; doubles each retry. */
  backoffMs?: number;
  maxRetries?: number;
  timeoutMs?: number;
  /** No host to call (WECOM_API_BASE unset and no sandbox started): every call fails at once. */
  noHost?: boolean;
}

export interface CallOptions {
  /** Name of the query parameter carrying the token (get_login_info wants `access_token`). */
  tokenParam?: string;
}

export class WecomClient {
  readonly tokens: TokenStore;
  /** Host calls made by this process, by path (benchmarks and tests read it). */
  readonly calls = new Map<string, number>();
  private readonly inflight = new Map<string, Promise<string>>();
  /** A tenant's corp id never changes. */
  private readonly corpIds = new Map<string, string>();
  /** First back-off delay after a frequency error (tests shorten it). */
  backoffMs: number;
  private readonly maxRetries: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: WecomClientOptions) {
    this.tokens = new TokenStore(options.db, options.cipher);
    this.backoffMs = options.backoffMs ?? 500;
    this.maxRetries = options.maxRetries ?? 8;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  get suiteId(): string {
    return this.options.suiteId;
  }

  get baseUrl(): string {
    return this.options.baseUrl;
  }

  get totalCalls(): number {
    let n = 0;
    for (const v of this.calls.values()) n += v;
    return n;
  }

  // ── calls with a token ───────────────────────────────────────────────────────────────

  corpGet(tenantId: string, path: string, query: Query = {}): Promise<WecomResponse> {
    return this.withToken({ layer: 'corp', tenantId }, 'GET', path, query, undefined);
  }

  corpPost(tenantId: string, path: string, body: unknown, query: Query = {}): Promise<WecomResponse> {
    return this.withToken({ layer: 'corp', tenantId }, 'POST', path, query, body);
  }

  suiteGet(path: string, query: Query = {}): Promise<WecomResponse> {
    return this.withToken({ layer: 'suite' }, 'GET', path, query, undefined);
  }

  suitePost(path: string, body: unknown, query: Query = {}): Promise<WecomResponse> {
    return this.withToken({ layer: 'suite' }, 'POST', path, query, body);
  }

  providerPost(path: string, body: unknown, options: CallOptions = {}): Promise<WecomResponse> {
    return this.withToken({ layer: 'provider', tokenParam: options.tokenParam }, 'POST', path, {}, body);
  }

  /** A call that carries no token (the token endpoints themselves). */
  async call(method: 'GET' | 'POST', path: string, query: Query = {}, body?: unknown): Promise<WecomResponse> {
    for (let attempt = 0; ; attempt++) {
      const res = await this.send(method, path, query, body);
      const errcode = Number(res.errcode ?? 0);
      if (errcode === 0) return res;
      if (RETRYABLE_ERRORS.has(errcode) && attempt < this.maxRetries) {
        await this.backoff(path, errcode, attempt);
        continue;
      }
      throw new WecomApiError(errcode, String(res.errmsg ?? ''), path);
    }
  }

  // ── the suite_ticket ─────────────────────────────────────────────────────────────────

  /** Stores the pushed suite_ticket (valid 30 minutes; the host pushes a new one every 10). */
  async saveSuiteTicket(ticket: string): Promise<void> {
    await this.tokens.write(this.suiteTicketKey(), ticket, new Date(Date.now() + 30 * 60_000));
  }

  async suiteTicket(): Promise<string | null> {
    return (await this.tokens.read(this.suiteTicketKey()))?.value ?? null;
  }

  /**
   * A cached host credential other than the three tokens (e.g. JS-API tickets): `fetch` runs at
   * most once per process at a time, and its result is shared through the database.
   */
  async cached(key: string, fetch: () => Promise<{ value: string; expiresIn: number }>): Promise<string> {
    const hit = await this.tokens.read(key, EXPIRY_MARGIN_MS);
    if (hit) return hit.value;
    return this.singleFlight(key, () =>
      this.tokens.refreshOnce(
        key,
        async () => (await this.tokens.readShared(key, EXPIRY_MARGIN_MS))?.value ?? null,
        async () => {
          const { value, expiresIn } = await fetch();
          await this.tokens.write(key, value, new Date(Date.now() + expiresIn * 1000));
          return value;
        },
      ),
    );
  }

  /** Corp token: remember the one get_permanent_code handed out, saving a call. */
  async rememberCorpToken(corpId: string, token: string, expiresIn: number): Promise<void> {
    await this.tokens.write(this.corpTokenKey(corpId), token, new Date(Date.now() + expiresIn * 1000));
  }

  /** After cancel_auth: the corp's token is of no further use. */
  async forgetCorpToken(corpId: string): Promise<void> {
    const key = this.corpTokenKey(corpId);
    const current = await this.tokens.readShared(key);
    if (current) await this.tokens.dropIf(key, current.value);
  }

  // ── internals ────────────────────────────────────────────────────────────────────────

  private suiteTicketKey = () => `suite_ticket:${this.options.suiteId}`;
  private corpTokenKey = (corpId: string) => `corp_token:${this.options.suiteId}:${corpId}`;

  private async withToken(
    target: { layer: Layer; tenantId?: string; tokenParam?: string },
    method: 'GET' | 'POST',
    path: string,
    query: Query,
    body: unknown,
  ): Promise<WecomResponse> {
    const param = target.tokenParam ?? { provider: 'provider_access_token', suite: 'suite_access_token', corp: 'access_token' }[target.layer];
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const { key, token } = await this.token(target.layer, target.tenantId);
      const res = await this.send(method, path, { ...query, [param]: token }, body);
      const errcode = Number(res.errcode ?? 0);
      if (errcode === 0) return res;
      if (TOKEN_ERRORS.has(errcode) && !refreshed) {
        refreshed = true;
        this.options.logger.info({ path, errcode, layer: target.layer }, 'wecom: token rejected, refreshing once');
        await this.refresh(key, token, target.layer, target.tenantId);
        continue;
      }
      if (RETRYABLE_ERRORS.has(errcode) && attempt < this.maxRetries) {
        await this.backoff(path, errcode, attempt);
        continue;
      }
      throw new WecomApiError(errcode, String(res.errmsg ?? ''), path);
    }
  }

  private async token(layer: Layer, tenantId?: string): Promise<{ key: string; token: string }> {
    const key = await this.keyOf(layer, tenantId);
    const hit = await this.tokens.read(key, EXPIRY_MARGIN_MS);
    if (hit) return { key, token: hit.value };
    const token = await this.singleFlight(key, () =>
      this.tokens.refreshOnce(
        key,
        async () => (await this.tokens.readShared(key, EXPIRY_MARGIN_MS))?.value ?? null,
        () => this.fetchToken(key, layer, tenantId),
      ),
    );
    return { key, token };
  }

  /** Replaces a token the host refused — unless another call (or process) already did. */
  private async refresh(key: string, refused: string, layer: Layer, tenantId?: string): Promise<void> {
    // Joining a read that is still handing out the refused token does not count: go again.
    for (let i = 0; i < 2; i++) {
      const value = await this.singleFlight(key, () =>
        this.tokens.refreshOnce(
          key,
          async () => {
            const current = await this.tokens.readShared(key);
            return current && current.value !== refused ? current.value : null;
          },
          async () => {
            await this.tokens.dropIf(key, refused);
            return this.fetchToken(key, layer, tenantId);
          },
        ),
      );
      if (value !== refused) return;
    }
  }

  private singleFlight(key: string, work: () => Promise<string>): Promise<string> {
    const running = this.inflight.get(key);
    if (running) return running;
    const promise = work().finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  private async keyOf(layer: Layer, tenantId?: string): Promise<string> {
    if (layer === 'provider') return `provider_token:${this.options.providerCorpId}`;
    if (layer === 'suite') return `suite_token:${this.options.suiteId}`;
    let corpId = this.corpIds.get(tenantId!);
    if (!corpId) {
      corpId = (await this.corpAuth(tenantId!)).corpId;
      this.corpIds.set(tenantId!, corpId);
    }
    return this.corpTokenKey(corpId);
  }

  private async fetchToken(key: string, layer: Layer, tenantId?: string): Promise<string> {
    let value: string;
    let expiresIn: number;
    if (layer === 'provider') {
      const res = await this.call('POST', 'service/get_provider_token', {}, { corpid: this.options.providerCorpId, provider_secret: this.options.providerSecret });
      value = String(res.provider_access_token);
      expiresIn = Number(res.expires_in);
    } else if (layer === 'suite') {
      const ticket = await this.suiteTicket();
      if (!ticket) throw new WecomApiError(40085, 'no suite_ticket received yet (the host pushes one every 10 minutes)', 'service/get_suite_token');
      const res = await this.call('POST', 'service/get_suite_token', {}, { suite_id: this.options.suiteId, suite_secret: this.options.suiteSecret, suite_ticket: ticket });
      value = String(res.suite_access_token);
      expiresIn = Number(res.expires_in);
    } else {
      const auth = await this.corpAuth(tenantId!);
      const res = await this.suitePost('service/get_corp_token', { auth_corpid: auth.corpId, permanent_code: auth.permanentCode });
      value = String(res.access_token);
      expiresIn = Number(res.expires_in);
    }
    await this.tokens.write(key, value, new Date(Date.now() + expiresIn * 1000));
    return value;
  }

  private async corpAuth(tenantId: string): Promise<{ corpId: string; permanentCode: string }> {
    const auth = await this.options.db.prisma.wecomCorpAuth.findUnique({
      where: { tenantId },
      select: { corpId: true, permanentCodeCipher: true, status: true },
    });
    if (!auth || auth.status !== 'active') throw new WecomApiError(40084, 'the corp has not authorized the suite', 'service/get_corp_token');
    return { corpId: auth.corpId, permanentCode: this.options.cipher.decrypt(auth.permanentCodeCipher) };
  }

  private async send(method: 'GET' | 'POST', path: string, query: Query, body: unknown): Promise<WecomResponse> {
    const url = new URL(`${this.options.baseUrl.replace(/\/$/, '')}/cgi-bin/${path}`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    this.calls.set(path, (this.calls.get(path) ?? 0) + 1);
    if (this.options.noHost) return { errcode: -2, errmsg: 'no WeCom host configured (WECOM_API_BASE)' };
    try {
      const response = await fetch(url, {
        method,
        headers: method === 'POST' ? { 'content-type': 'application/json' } : undefined,
        body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      // A 5xx is a busy host (retried); any other non-200 will not get better by asking again.
      if (!response.ok) return { errcode: response.status >= 500 ? -1 : -2, errmsg: `http ${response.status}` };
      return (await response.json()) as WecomResponse;
    } catch (err) {
      // Network trouble looks like a busy host: back off and retry.
      this.options.logger.warn({ path, err: (err as Error).message }, 'wecom: request failed');
      return { errcode: -1, errmsg: 'network error' };
    }
  }

  private async backoff(path: string, errcode: number, attempt: number): Promise<void> {
    const delay = Math.min(this.backoffMs * 2 ** attempt, 60_000) * (0.75 + Math.random() / 2);
    this.options.logger.warn({ path, errcode, attempt, delayMs: Math.round(delay) }, 'wecom: host busy or rate limited, backing off');
    await new Promise((r) => setTimeout(r, delay));
  }
}
