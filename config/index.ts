/**
 * Qixue's runtime configuration: one zod schema of the environment.
 * Every variable has a default that lets a fresh checkout run (embedded SQLite, local sandbox hosts);
 * `.env.example` documents each one. An invalid value stops the boot with the variable's name.
 */
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const optionalUrl = z.string().url().optional();

/** `10.0.0.1`, `10.0.0.0/8`, `fd00::/8`: an address, or a network with its prefix length. */
function isAddressOrCidr(entry: string): boolean {
  const [address, bits, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Interface to listen on: loopback unless set (0.0.0.0 to accept connections from elsewhere). */
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public base URL of this server, used in links (messages, signed media URLs, callbacks). */
  PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Server processes sharing the port (node:cluster); set it to the number of CPU cores. Needs DATABASE_URL. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),

  /** mysql://user:pass@host:3306/db — empty means the embedded SQLite file at SQLITE_PATH. */
  DATABASE_URL: optionalUrl.refine((v) => v === undefined || v.startsWith('mysql://'), {
    message: 'must be a mysql:// URL (or empty for embedded SQLite)',
  }),
  SQLITE_PATH: z.string().default('data/qixue.db'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),

  /** Key material for sessions, field encryption and signed URLs. Required (≥ 32 chars) in production. */
  SECRET_KEY: z.string().min(32).default('qixue-development-secret-change-me-0123456789'),
  /**
   * The key sealing identities kept after a cancellation (records that must legally be kept: real
   * name, ID number), apart from SECRET_KEY. Unset: derived from SECRET_KEY under its own label.
   */
  RETAINED_DATA_KEY: z.string().min(32).optional(),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 90).default(24 * 7),
  BODY_LIMIT_KB: z.coerce.number().int().min(1).max(100 * 1024).default(1024),
  /** Comma-separated origins allowed by CORS; empty means same-origin only. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),
  /**
   * Reverse proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDRs). Empty:
   * none — the client is the connection's peer, whatever headers it sends.
   */
  TRUSTED_PROXIES: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .refine((list) => list.every(isAddressOrCidr), { message: 'must be comma-separated IP addresses or CIDRs (10.0.0.0/8)' }),
  /** A staff API key accepted on /platform/v1 (besides keys created with `npm run staff-key`). */
  PLATFORM_API_KEY: z.string().min(24).optional(),
  // Bearer token for /metrics from other hosts; without it /metrics answers loopback requests only.
  METRICS_TOKEN: z.string().min(24).optional(),

  WECOM_SUITE_ID: z.string().default('ww_sandbox_suite'),
  WECOM_SUITE_SECRET: z.string().default('sandbox-suite-secret'),
  WECOM_SUITE_TOKEN: z.string().default('sandboxtoken'),
  WECOM_SUITE_ENCODING_AES_KEY: z
    .string()
    .regex(/^[A-Za-z0-9]{43}$/, 'must be the 43-character EncodingAESKey')
    .default('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'),
  WECOM_PROVIDER_CORP_ID: z.string().default('ww_sandbox_provider'),
  WECOM_PROVIDER_SECRET: z.string().default('sandbox-provider-secret'),
  /** Empty: run the local sandbox in-process and point the clients at it. */
  WECOM_API_BASE: optionalUrl,
  WECHAT_APP_ID: z.string().default('wx_sandbox_app'),
  WECHAT_APP_SECRET: z.string().default('sandbox-app-secret'),
  WECHAT_API_BASE: optionalUrl,
  /** Seed the in-process sandbox with a demo corp and install it (development only). */
  SANDBOX_DEMO: bool.default(true),

  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  STORAGE_DIR: z.string().default('data/files'),
  S3_ENDPOINT: optionalUrl,
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),

  /** Knowledge bases: largest attachment accepted, in MB. */
  KB_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(2048).default(50),
  /** Lifetime of a signed media URL, in seconds (online-only media). */
  KB_MEDIA_URL_TTL_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
  /** Classified markers refused in uploads and documents (comma-separated); enterprises may add their own. */
  KB_CLASSIFIED_MARKERS: z
    .string()
    .default('绝密,机密,秘密,内部文件,内部资料,注意保密')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),

  /** Community evidence (003 §10): days violating content and its reports are kept, at least 180; longer while a case is open. */
  COMMUNITY_EVIDENCE_RETENTION_DAYS: z.coerce.number().int().min(180).max(3650).default(180),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(public readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming each invalid variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "not set", so a copied .env.example keeps every default.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(given);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const config = result.data;
  if (config.NODE_ENV === 'production' && config.SECRET_KEY.startsWith('qixue-development-secret')) {
    throw new ConfigError(['SECRET_KEY: must be set to a secret of your own in production']);
  }
  if (config.WEB_CONCURRENCY > 1 && (!config.DATABASE_URL || usesSandbox(config))) {
    throw new ConfigError(['WEB_CONCURRENCY: more than one process needs DATABASE_URL and a real WECOM_API_BASE (the SQLite file and the in-process sandbox belong to one process)']);
  }
  if (config.STORAGE_DRIVER === 's3' && (!config.S3_BUCKET || !config.S3_ENDPOINT)) {
    throw new ConfigError(['S3_BUCKET/S3_ENDPOINT: required when STORAGE_DRIVER=s3']);
  }
  return config;
}

/** True when no real WeCom host is configured: the sandbox stands in for WeCom and WeChat. */
export function usesSandbox(config: Config): boolean {
  return !config.WECOM_API_BASE;
}

/** The repository root: relative paths in the configuration (SQLITE_PATH, STORAGE_DIR) start here. */
export const ROOT_DIR = resolve(__dirname, '..');
