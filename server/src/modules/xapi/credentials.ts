/**
 * LRS credentials: an enterprise admin issues a key and secret for a system that sends or reads
 * learning records (Basic auth). The secret is shown once and stored as a hash; a revoked
 * credential stops working within CREDENTIAL_CACHE_MS on every process.
 */
import type { Middleware } from 'koa';
import { LRUCache } from 'lru-cache';
import type { Config } from '@qixue/config';
import type { AppDeps, LrsClient } from '../../core/context';
import { AppError } from '../../core/errors';
import { hashToken, newToken, safeEqual } from '../../core/tokens';
import type { TenantDb } from '../../core/tenancy';
import type { PrismaClient } from '../../db/client';


const CREDENTIAL_CACHE_MS = 10_000;

/** The enterprise's Qixue address: the homePage of its members' and credentials' xAPI accounts. */
export const enterpriseHomePage = (config: Config, tenantId: string) => `${config.PUBLIC_URL.replace(/\/+$/, '')}/enterprises/${tenantId}`;

export const credentialSelect = { id: true, name: true, key: true, createdAt: true, revokedAt: true } as const;

export async function issueCredential(db: TenantDb, tenantId: string, name: string, createdById: string) {
  const key = `qx${newToken(12).replace(/[-_]/g, 'x')}`;
  const secret = newToken(24);
  const row = await db.xapiCredential.create({
    data: { tenantId, name, key, secretHash: hashToken(secret), createdById },
    select: credentialSelect,
  });
  return { ...row, secret };
}

const unauthorized = () => new AppError(401, 'unauthenticated', '需要有效的 LRS 凭据 / Valid LRS credentials are required');

/** Basic auth against the enterprise's LRS credentials; sets ctx.state.lrs. */
export function lrsAuth(deps: AppDeps): Middleware {
  const cache = new LRUCache<string, { secretHash: string; client: LrsClient } | false>({ max: 10_000, ttl: CREDENTIAL_CACHE_MS });
  return async (ctx, next) => {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(ctx.get('authorization'));
    if (!match) {
      ctx.set('WWW-Authenticate', 'Basic realm="xAPI"');
      throw unauthorized();
    }
    const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const key = colon < 0 ? decoded : decoded.slice(0, colon);
    const secret = colon < 0 ? '' : decoded.slice(colon + 1);
    if (!key || key.length > 64) throw unauthorized();
    let entry = cache.get(key);
    if (entry === undefined) {
      entry = await loadCredential(deps, key);
      cache.set(key, entry);
    }
    if (!entry || !safeEqual(entry.secretHash, hashToken(secret))) {
      ctx.set('WWW-Authenticate', 'Basic realm="xAPI"');
      throw unauthorized();
    }
    ctx.state.lrs = entry.client;
    await next();
  };
}

async function loadCredential(deps: AppDeps, key: string): Promise<{ secretHash: string; client: LrsClient } | false> {
  const prisma: PrismaClient = deps.db.prisma;
  const row = await prisma.xapiCredential.findUnique({ where: { key }, select: { id: true, tenantId: true, secretHash: true, revokedAt: true } });
  if (!row || row.revokedAt) return false;
  const tenant = await prisma.tenant.findUnique({ where: { id: row.tenantId }, select: { status: true } });
  if (tenant?.status !== 'active') return false;
  return {
    secretHash: row.secretHash,
    client: {
      tenantId: row.tenantId,
      credentialId: row.id,
      authority: { objectType: 'Agent', account: { homePage: enterpriseHomePage(deps.config, row.tenantId), name: `lrs-credential:${key}` } },
    },
  };
}
