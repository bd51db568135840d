/**
 * What every request and service can reach: configuration, the database, the logger and the
 * services other modules expose. Built once in main (or a test) and passed to createApp.
 */
import type { Config } from '@qixue/config';
import type { Logger } from 'pino';
import type { Database } from '../db/client';
import type { FieldCipher } from './field-cipher';
import type { TenantDb } from './tenancy';
import type { JobQueue } from '../jobs/queue';
import type { WecomClient } from '../hosts/wecom/client';
import type { SmsProvider } from '../hosts/sms/provider';
import type { WechatClient } from '../hosts/wechat/client';
import type { Messenger } from '../hosts/wecom/messages';
import type { Middleware } from 'koa';
import type { GlobalTables } from '../db/global-tables';
import type { RequestScope } from './scope';

export interface AppDeps {
  config: Config;
  db: Database;
  logger: Logger;
  cipher: FieldCipher;
  jobs: JobQueue;
  /** The one WeCom HTTP client (tokens cached in the database). */
  wecom: WecomClient;
  /** Verification-code SMS (the sandbox provider keeps them readable locally). */
  sms: SmsProvider;
  /** The WeChat mini-program client (login codes, phone numbers). */
  wechat: WechatClient;
  /** WeCom app messages within the host's caps, every recipient's outcome recorded. */
  messenger: Messenger;
}

/**
 * What a module's route factory receives: the deps without the unscoped database. Handlers work on
 * the tenant-scoped client of their request (core/scope `scopeOf(ctx)`); the tables no enterprise
 * owns are reached through named functions (`global`, db/global-tables.ts); `authenticate` is the
 * member-session check, ready-made.
 */
export interface RouteDeps extends Omit<AppDeps, 'db'> {
  global: GlobalTables;
  authenticate: Middleware;
}

/** The verified identity behind a request: from the session, never from a client field. */
export interface Actor {
  sessionId: string;
  tenantId: string;
  memberId: string;
  role: 'member' | 'admin';
}

/** A system holding one of an enterprise's LRS credentials (modules/xapi). */
export interface LrsClient {
  tenantId: string;
  credentialId: string;
  /** The authority recorded on the statements it stores. */
  authority: Record<string, unknown>;
}

export interface AppState {
  requestId: string;
  actor?: Actor;
  /** The signed-in request's scope (read it with core/scope `scopeOf(ctx)`); set by authenticate. */
  scope?: RequestScope;
  /** The tenant-scoped database; present once a session is verified. Prefer `scopeOf(ctx).db`. */
  db?: TenantDb;
  input?: unknown;
  staffKeyId?: string;
  lrs?: LrsClient;
}
