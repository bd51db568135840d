/**
 * /api/v1/agreements/current           the current user agreement and privacy policy (public: shown before sign-in)
 * /api/v1/agreements/pending           current versions I have not accepted, with what changed
 * /api/v1/agreements/:id/accept        accept one (who, which version, when, IP)
 * /api/v1/agreements/accepted          what I accepted
 */
import Router from '@koa/router';
import type { AppState, RouteDeps } from '../../core/context';
import { scopeOf } from '../../core/scope';
import { requestMeta } from '../../core/request-meta';
import { inputOf, validate } from '../../core/validate';
import { idParams } from './schema';
import { presentVersion } from './presenter';
import { acceptVersion, myAcceptances, pendingFor } from './service';

export function agreementRoutes(deps: RouteDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = deps.authenticate;

  router.get('/agreements/current', async (ctx) => {
    ctx.body = { items: (await deps.global.currentAgreementVersions()).map((v) => presentVersion(v)) };
  });

  router.get('/agreements/pending', auth, async (ctx) => {
    ctx.body = { items: await pendingFor(deps.global, scopeOf(ctx)) };
  });

  router.get('/agreements/accepted', auth, async (ctx) => {
    ctx.body = { items: await myAcceptances(deps.global, scopeOf(ctx)) };
  });

  const accept = { params: idParams };
  router.post('/agreements/:id/accept', auth, validate(accept), async (ctx) => {
    const { params } = inputOf(ctx, accept);
    const { acceptance, created } = await acceptVersion(deps.global, scopeOf(ctx), params.id, requestMeta(ctx));
    ctx.status = created ? 201 : 200;
    ctx.body = { acceptance };
  });

  return router;
}
