/**
 * Platform staff authenticate with API keys (`Authorization: Bearer qxs_…`), stored hashed.
 * Keys come from `npm run staff-key -w server -- <name>` or the PLATFORM_API_KEY variable.
 */
import type { Middleware } from 'koa';
import type { AppDeps } from '../../core/context';
import { errors } from '../../core/errors';
import { hashToken, safeEqual } from '../../core/tokens';

export const STAFF_KEY_PREFIX = 'qxs_';

export function authenticateStaff(deps: AppDeps): Middleware {
  return async (ctx, next) => {
    const match = /^Bearer\s+(\S{20,200})$/.exec(ctx.get('authorization'));
    if (!match) throw errors.unauthenticated();
    const key = match[1];
    const configured = deps.config.PLATFORM_API_KEY;
    if (configured && safeEqual(key, configured)) {
      ctx.state.staffKeyId = 'config';
    } else {
      const row = await deps.db.prisma.staffApiKey.findUnique({ where: { keyHash: hashToken(key) }, select: { id: true, revokedAt: true } });
      if (!row || row.revokedAt) throw errors.unauthenticated();
      ctx.state.staffKeyId = row.id;
      await deps.db.prisma.staffApiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
    }
    await next();
  };
}
