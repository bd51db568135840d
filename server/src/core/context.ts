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
  /** The tenant-scoped database; present once a session is verified. */
  db?: TenantDb;
  input?: unknown;
  staffKeyId?: string;
  lrs?: LrsClient;
}
