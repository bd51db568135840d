/**
 * The sandbox's whole world, in memory: corps with their departments, members and tags, the
 * suite's installs, every token and one-time code it handed out, a controllable clock, per-corp
 * rate limits, error injection and the callbacks it pushed. Deterministic: corps are generated
 * from a seed, and the ids a third-party app sees are derived from the corp and the member.
 *
 * Areas (routes/*.ts) share this state; an area that needs more keeps it in `areas`, e.g.
 *   const outbox = state.area('messages', () => new Outbox());
 */
import { createHash, randomBytes } from 'node:crypto';
import { personName } from './names';

export interface SandboxSuite {
  suiteId: string;
  suiteSecret: string;
  /** Callback Token and EncodingAESKey the suite registered. */
  token: string;
  encodingAesKey: string;
  providerCorpId: string;
  providerSecret: string;
}

export interface Dept {
  id: number;
  parentid: number;
  order: number;
  /** Known to the sandbox, never returned to a third-party app. */
  name: string;
}

export interface User {
  /** The corp's own userid; apps never see it (they get `userid` ciphertext and `open_userid`). */
  internalId: string;
  userid: string;
  openUserid: string;
  name: string;
  department: number[];
  order: number[];
  isLeaderInDept: number[];
  mainDepartment: number;
  /** 1 active, 2 disabled, 4 not activated, 5 exited */
  status: 1 | 2 | 4 | 5;
}

export interface Tag {
  tagid: number;
  tagname: string;
  users: Set<string>;
  parties: Set<number>;
}

export interface Privilege {
  level: number;
  allow_party: number[];
  allow_user: string[];
  allow_tag: number[];
  extra_party: number[];
  extra_user: string[];
  extra_tag: number[];
}

export interface CorpAuth {
  permanentCode: string;
  agentid: number;
  privilege: Privilege;
  installer: string;
  active: boolean;
  state: string;
}

export interface Corp {
  corpid: string;
  name: string;
  depts: Map<number, Dept>;
  /** by internal id */
  users: Map<string, User>;
  /** third-party userid or open_userid → internal id */
  byExternalId: Map<string, string>;
  tags: Map<number, Tag>;
  /** internal ids of the corp's admins (app admins are returned by get_admin_list) */
  admins: string[];
  auth?: CorpAuth;
  nextDeptId: number;
  nextUser: number;
  /** Bumped on every membership change; invalidates the members-by-department index. */
  version: number;
}

export type TokenKind = 'provider' | 'suite' | 'corp';

export interface IssuedToken {
  kind: TokenKind;
  corpid?: string;
  expiresAt: number;
  /** Set by a forced expiry: the error this token now answers with (42001 or 40014). */
  forced?: number;
}

export interface Injection {
  path?: string;
  corpid?: string;
  errcode: number;
  remaining: number;
}

export interface PushedCallback {
  id: number;
  endpoint: 'instruction' | 'data';
  infoType: string;
  corpid?: string;
  /** The decrypted event, for tests that assert on it. */
  event: Record<string, string | number>;
  /** Exactly what was (or would be) sent: query string and XML body. */
  query: { msg_signature: string; timestamp: string; nonce: string };
  body: string;
  status?: number;
  response?: string;
  deliveredAt?: number;
  /** deliveries so far, retries included */
  attempts?: number;
}

export const DEFAULT_SUITE: SandboxSuite = {
  suiteId: 'ww_sandbox_suite',
  suiteSecret: 'sandbox-suite-secret',
  token: 'sandboxtoken',
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  providerCorpId: 'ww_sandbox_provider',
  providerSecret: 'sandbox-provider-secret',
};

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Deterministic mixed-case id: like the host's ciphertext ids, it must never be lower-cased. */
export function derivedId(prefix: string, length: number, ...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  let out = prefix;
  for (let i = 0; out.length < prefix.length + length; i++) out += BASE62[digest[i % digest.length] % 62];
  return out;
}

/** A small seeded PRNG (mulberry32) so generated corps are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class SandboxState {
  readonly suite: SandboxSuite;
  readonly corps = new Map<string, Corp>();
  readonly tokens = new Map<string, IssuedToken>();
  /** auth_code → pending install (10 minutes, once) */
  readonly authCodes = new Map<string, { corpid: string; expiresAt: number; used: boolean; privilege: Privilege; installer: string; state: string }>();
  readonly preAuthCodes = new Map<string, number>();
  /** suite_ticket → issued at (valid 30 minutes) */
  readonly suiteTickets = new Map<string, number>();
  readonly injections: Injection[] = [];
  readonly callbacks: PushedCallback[] = [];
  /** host API calls answered, by path and by corp */
  readonly calls = new Map<string, number>();
  readonly callsByCorp = new Map<string, number>();
  /** New tokens handed out (a repeated request inside a token's lifetime gets the same one). */
  readonly tokensIssued: Record<TokenKind, number> = { provider: 0, suite: 0, corp: 0 };
  /** the host's per-corp call cap (calls per minute, sliding window) */
  corpCallsPerMinute = 10_000;
  /** Delays before the host's retries of a callback not answered `success` (empty: no retries). */
  callbackRetryDelaysMs: number[] = [2000, 4000, 8000];
  /** When set, callbacks are kept in `callbacks` undelivered until deliver() (tests shuffle them). */
  holdCallbacks = false;
  /** Where the suite's callbacks go (Qixue's instruction and data callback URLs). */
  callbackUrls: { instruction?: string; data?: string } = {};
  private clockOffsetMs = 0;
  private readonly windows = new Map<string, number[]>();
  private readonly areas = new Map<string, unknown>();
  private readonly memberIndex = new WeakMap<Corp, { version: number; byDept: Map<number, User[]> }>();
  private nextCallbackId = 1;

  constructor(suite: Partial<SandboxSuite> = {}) {
    this.suite = { ...DEFAULT_SUITE, ...suite };
  }

  // ── clock ─────────────────────────────────────────────────────────────────────────────
  /** The sandbox's notion of now (ms): real time plus what tests advanced. */
  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  advanceClock(seconds: number): void {
    this.clockOffsetMs += seconds * 1000;
  }

  // ── areas ─────────────────────────────────────────────────────────────────────────────
  area<T>(name: string, create: () => T): T {
    if (!this.areas.has(name)) this.areas.set(name, create());
    return this.areas.get(name) as T;
  }

  // ── corps ─────────────────────────────────────────────────────────────────────────────
  corp(corpid: string): Corp | undefined {
    return this.corps.get(corpid);
  }

  /** Finds a member by the id an app sees (userid ciphertext or open_userid) or the internal id. */
  user(corp: Corp, id: string): User | undefined {
    return corp.users.get(corp.byExternalId.get(id) ?? id);
  }

  addUser(corp: Corp, input: { internalId?: string; name?: string; department: number[]; isLeaderInDept?: number[]; status?: User['status'] }): User {
    const internalId = input.internalId ?? `user${String(++corp.nextUser).padStart(6, '0')}`;
    const user: User = {
      internalId,
      userid: derivedId('', 22, 'userid', this.suite.providerCorpId, corp.corpid, internalId),
      openUserid: derivedId('wo', 28, 'open_userid', this.suite.providerCorpId, corp.corpid, internalId),
      name: input.name ?? personName(corp.nextUser - 1),
      department: [...input.department],
      order: input.department.map(() => 0),
      isLeaderInDept: input.isLeaderInDept ?? input.department.map(() => 0),
      mainDepartment: input.department[0] ?? 1,
      status: input.status ?? 1,
    };
    corp.users.set(internalId, user);
    corp.version++;
    corp.byExternalId.set(user.userid, internalId);
    corp.byExternalId.set(user.openUserid, internalId);
    return user;
  }

  removeUser(corp: Corp, user: User): void {
    corp.users.delete(user.internalId);
    corp.version++;
    for (const tag of corp.tags.values()) tag.users.delete(user.internalId);
  }

  /** Departments an installed app may see: allow_party subtrees plus the tags' parties. */
  visibleDepts(corp: Corp): Set<number> {
    const privilege = corp.auth?.privilege;
    const visible = new Set<number>();
    if (!privilege) return visible;
    const roots = [...privilege.allow_party];
    for (const tagid of privilege.allow_tag) roots.push(...(corp.tags.get(tagid)?.parties ?? []));
    const children = this.childrenIndex(corp);
    const stack = roots.filter((id) => corp.depts.has(id));
    while (stack.length) {
      const id = stack.pop()!;
      if (visible.has(id)) continue;
      visible.add(id);
      stack.push(...(children.get(id) ?? []));
    }
    return visible;
  }

  userVisible(corp: Corp, user: User, visibleDepts = this.visibleDepts(corp)): boolean {
    const privilege = corp.auth?.privilege;
    if (!privilege) return false;
    if (user.department.some((d) => visibleDepts.has(d))) return true;
    if (privilege.allow_user.includes(user.internalId)) return true;
    return privilege.allow_tag.some((tagid) => corp.tags.get(tagid)?.users.has(user.internalId));
  }

  /** Members directly in a department (an index rebuilt after changes). */
  membersOf(corp: Corp, deptId: number): User[] {
    let index = this.memberIndex.get(corp);
    if (!index || index.version !== corp.version) {
      index = { version: corp.version, byDept: new Map() };
      for (const u of corp.users.values()) {
        for (const d of u.department) {
          const list = index.byDept.get(d) ?? [];
          list.push(u);
          index.byDept.set(d, list);
        }
      }
      this.memberIndex.set(corp, index);
    }
    return index.byDept.get(deptId) ?? [];
  }

  childrenIndex(corp: Corp): Map<number, number[]> {
    const children = new Map<number, number[]>();
    for (const d of corp.depts.values()) {
      if (d.id === d.parentid) continue;
      const list = children.get(d.parentid) ?? [];
      list.push(d.id);
      children.set(d.parentid, list);
    }
    return children;
  }

  // ── tokens and codes ──────────────────────────────────────────────────────────────────
  issueToken(kind: TokenKind, corpid?: string, ttlSeconds = 7200): { token: string; expiresIn: number } {
    // Asking again while a token is valid returns the same token, as the host does.
    for (const [token, issued] of this.tokens) {
      if (issued.kind === kind && issued.corpid === corpid && !issued.forced && issued.expiresAt > this.now()) {
        return { token, expiresIn: Math.floor((issued.expiresAt - this.now()) / 1000) };
      }
    }
    const token = randomBytes(48).toString('base64url');
    this.tokens.set(token, { kind, corpid, expiresAt: this.now() + ttlSeconds * 1000 });
    this.tokensIssued[kind]++;
    return { token, expiresIn: ttlSeconds };
  }

  /** Makes matching tokens answer as expired from now on (42001, or 40014 as the host sometimes does). */
  expireTokens(filter: { kind?: TokenKind; corpid?: string; errcode?: number } = {}): number {
    let n = 0;
    for (const issued of this.tokens.values()) {
      if (filter.kind && issued.kind !== filter.kind) continue;
      if (filter.corpid && issued.corpid !== filter.corpid) continue;
      if (issued.forced) continue;
      issued.forced = filter.errcode ?? (issued.kind === 'suite' ? 42009 : 42001);
      n++;
    }
    return n;
  }

  newCode(bytes = 24): string {
    return randomBytes(bytes).toString('base64url');
  }

  // ── call accounting, limits and injected errors ───────────────────────────────────────
  countCall(path: string, corpid?: string): void {
    this.calls.set(path, (this.calls.get(path) ?? 0) + 1);
    if (corpid) this.callsByCorp.set(corpid, (this.callsByCorp.get(corpid) ?? 0) + 1);
    if (this.expireAfter && --this.expireAfter.calls <= 0) {
      const { filter } = this.expireAfter;
      this.expireAfter = null;
      this.expireTokens(filter);
    }
  }

  /** A forced expiry that fires after a number of calls (a token expiring in the middle of a run). */
  expireAfter: { calls: number; filter: { kind?: TokenKind; corpid?: string; errcode?: number } } | null = null;

  /** True when the corp went over its per-minute cap (the call is refused with 45009). */
  overLimit(corpid: string): boolean {
    const now = this.now();
    const window = this.windows.get(corpid) ?? [];
    while (window.length && window[0] <= now - 60_000) window.shift();
    if (window.length >= this.corpCallsPerMinute) {
      this.windows.set(corpid, window);
      return true;
    }
    window.push(now);
    this.windows.set(corpid, window);
    return false;
  }

  takeInjection(path: string, corpid?: string): number | null {
    const index = this.injections.findIndex((i) => (!i.path || i.path === path) && (!i.corpid || i.corpid === corpid) && i.remaining > 0);
    if (index < 0) return null;
    const injection = this.injections[index];
    injection.remaining--;
    if (injection.remaining <= 0) this.injections.splice(index, 1);
    return injection.errcode;
  }

  recordCallback(callback: Omit<PushedCallback, 'id'>): PushedCallback {
    const record = { ...callback, id: this.nextCallbackId++ };
    this.callbacks.push(record);
    return record;
  }
}
