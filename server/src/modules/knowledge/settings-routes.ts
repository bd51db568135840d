/** /api/v1/kb-settings — an enterprise's own classified markers (added to the platform's). Admins only. */
import Router from '@koa/router';
import type { AppDeps, AppState } from '../../core/context';
import { audit } from '../../core/audit';
import { authenticate } from '../../core/auth/authenticate';
import { requireAdmin } from '../../core/auth/policy';
import { inputOf, validate } from '../../core/validate';
import { neutraliseTitle } from './content/sanitize';
import { settingsBody } from './schema';

export function settingsRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = authenticate(deps);

  router.get('/kb-settings', auth, requireAdmin(), async (ctx) => {
    const row = await ctx.state.db!.kbSettings.findFirst({ select: { classifiedMarkers: true } });
    ctx.body = { platformMarkers: deps.config.KB_CLASSIFIED_MARKERS, classifiedMarkers: (row?.classifiedMarkers as string[] | null) ?? [] };
  });

  const put = { body: settingsBody };
  router.put('/kb-settings', auth, requireAdmin(), validate(put), async (ctx) => {
    const { body } = inputOf(ctx, put);
    const db = ctx.state.db!;
    const actor = ctx.state.actor!;
    const markers = [...new Set(body.classifiedMarkers.map(neutraliseTitle).filter(Boolean))];
    const existing = await db.kbSettings.findFirst({ select: { tenantId: true } });
    if (existing) await db.kbSettings.update({ where: { tenantId: actor.tenantId }, data: { classifiedMarkers: markers } });
    else await db.kbSettings.create({ data: { classifiedMarkers: markers } as never });
    await audit(db, { tenantId: actor.tenantId, actorType: 'member', actorId: actor.memberId, action: 'kb.settings.update', ip: ctx.ip, details: { classifiedMarkers: markers } });
    ctx.body = { platformMarkers: deps.config.KB_CLASSIFIED_MARKERS, classifiedMarkers: markers };
  });
  return router;
}
