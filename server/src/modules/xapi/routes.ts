/**
 * The learning record store, xAPI 2.0 (IEEE 9274.1.1), under /xapi. Clients authenticate with the
 * Basic-auth credentials their enterprise's admin issued; everything they read and write belongs
 * to that enterprise.
 *   GET                      /about
 *   PUT · POST · GET (HEAD)  /statements
 *   GET                      /agents, /activities
 *   PUT · POST · GET · DELETE /activities/state, /activities/profile, /agents/profile
 */
import Router from '@koa/router';
import type { ParameterizedContext } from 'koa';
import type { AppDeps, AppState } from '../../core/context';
import { errors } from '../../core/errors';
import { lrsAuth } from './credentials';
import { XAPI_VERSION, xapiVersion } from './http';
import { documentRoutes } from './document-routes';
import { statementRoutes } from './statement-routes';
import { agentParam, iri, singleValues } from './schema';
import { findActivity } from './statement-query';
import { personOf } from './presenter';

export function xapiRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = lrsAuth(deps);
  router.use(xapiVersion());

  router.get('/about', (ctx) => {
    ctx.body = { version: [XAPI_VERSION], extensions: {} };
  });

  statementRoutes(router, deps, auth);
  documentRoutes(router, deps, auth);

  router.get('/agents', auth, (ctx) => {
    const params = singleValues(ctx.query, ['agent']);
    if (params.agent === undefined) throw errors.badRequest('invalid_parameter', '缺少参数 agent / The agent parameter is required');
    ctx.body = personOf(agentParam(params.agent));
  });

  router.get('/activities', auth, async (ctx: ParameterizedContext<AppState>) => {
    const params = singleValues(ctx.query, ['activityId']);
    if (params.activityId === undefined) throw errors.badRequest('invalid_parameter', '缺少参数 activityId / The activityId parameter is required');
    ctx.body = await findActivity(deps.db, ctx.state.lrs!.tenantId, iri(params.activityId, 'activityId'));
  });

  return router;
}
