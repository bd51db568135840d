/**
 * /api/v1/agreements/current           the current user agreement and privacy policy (public: shown before sign-in)
 * /api/v1/agreements/pending           current versions I have not accepted, with what changed
 * /api/v1/agreements/:id/accept        accept one (who, which version, when, IP)
 * /api/v1/agreements/accepted          what I accepted
 */
import Router from '@koa/router';
import type { AppDeps, AppState } from '../../core/context';
import { authenticate } from '../../core/auth/authenticate';
import { requestMeta } from '../../core/request-meta';
import { inputOf, validate } from '../../core/validate';
import { idParams } from './schema';
import { presentVersion, versionSelect } from './presenter';
import { acceptVersion, myAcceptances, pendingFor } from './service';

export function agreementRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = authenticate(deps);

  router.get('/agreements/current', async (ctx) => {
    const rows = await deps.db.prisma.agreementVersion.findMany({ where: { isCurrent: true }, select: versionSelect, orderBy: { kind: 'asc' } });
    ctx.body = { items: rows.map((v) => presentVersion(v)) };
  });

  router.get('/agreements/pending', auth, async (ctx) => {
    ctx.body = { items: await pendingFor(deps, ctx.state.db!, ctx.state.actor!) };
  });

  router.get('/agreements/accepted', auth, async (ctx) => {
    ctx.body = { items: await myAcceptances(deps, ctx.state.db!, ctx.state.actor!) };
  });

  const accept = { params: idParams };
  router.post('/agreements/:id/accept', auth, validate(accept), async (ctx) => {
    const { params } = inputOf(ctx, accept);
    const { acceptance, created } = await acceptVersion(deps, ctx.state.db!, ctx.state.actor!, params.id, requestMeta(ctx));
    ctx.status = created ? 201 : 200;
    ctx.body = { acceptance };
  });

  return router;
}
