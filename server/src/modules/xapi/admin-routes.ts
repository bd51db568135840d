/**
 * LRS credentials, for enterprise admins (/api/v1):
 *   GET    /xapi/credentials        the enterprise's credentials (never their secrets)
 *   POST   /xapi/credentials        issue one: the secret is in this response only
 *   DELETE /xapi/credentials/:id    revoke (stops working within seconds everywhere)
 * Every issue and revocation leaves an audit row.
 */
import Router from '@koa/router';
import type { AppDeps, AppState } from '../../core/context';
import { authenticate } from '../../core/auth/authenticate';
import { authorize } from '../../core/auth/policy';
import { audit } from '../../core/audit';
import { errors } from '../../core/errors';
import { inputOf, validate } from '../../core/validate';
import { neutraliseTitle } from '../knowledge/content/sanitize';
import { credentialSelect, enterpriseHomePage, issueCredential } from './credentials';
import { canManageCredentials } from './policy';
import { presentCredential } from './presenter';
import { credentialBody, credentialParams } from './schema';

export function xapiAdminRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = authenticate(deps);
  const admin = async (ctx: { state: AppState }, next: () => Promise<unknown>) => {
    authorize(canManageCredentials(ctx.state.actor!), '仅企业管理员可管理 LRS 凭据 / Enterprise admins only');
    await next();
  };
  const create = { body: credentialBody };
  const one = { params: credentialParams };

  router.get('/xapi/credentials', auth, admin, async (ctx) => {
    const rows = await ctx.state.db!.xapiCredential.findMany({ where: {}, select: credentialSelect, orderBy: { createdAt: 'desc' }, take: 200 });
    ctx.body = { items: rows.map((r) => presentCredential(r)), endpoint: `${deps.config.PUBLIC_URL.replace(/\/+$/, '')}/xapi` };
  });

  router.post('/xapi/credentials', auth, admin, validate(create), async (ctx) => {
    const { body } = inputOf(ctx, create);
    const { db, actor } = ctx.state;
    const name = neutraliseTitle(body.name).slice(0, 100);
    if (!name) throw errors.validation([{ path: 'body.name', message: 'empty after removing markup' }]);
    const issued = await issueCredential(db!, actor!.tenantId, name, actor!.memberId);
    await audit(db!, { tenantId: actor!.tenantId, actorType: 'member', actorId: actor!.memberId, action: 'xapi.credential.issue', targetType: 'xapi_credential', targetId: issued.id, ip: ctx.ip });
    ctx.status = 201;
    ctx.body = {
      credential: presentCredential(issued),
      secret: issued.secret,
      endpoint: `${deps.config.PUBLIC_URL.replace(/\/+$/, '')}/xapi`,
      homePage: enterpriseHomePage(deps.config, actor!.tenantId),
    };
  });

  router.delete('/xapi/credentials/:id', auth, admin, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const { db, actor } = ctx.state;
    const found = await db!.xapiCredential.findFirst({ where: { id: params.id }, select: { id: true, revokedAt: true } });
    if (!found) throw errors.notFound('credential');
    if (!found.revokedAt) await db!.xapiCredential.update({ where: { id: found.id }, data: { revokedAt: new Date() } });
    await audit(db!, { tenantId: actor!.tenantId, actorType: 'member', actorId: actor!.memberId, action: 'xapi.credential.revoke', targetType: 'xapi_credential', targetId: found.id, ip: ctx.ip });
    ctx.status = 204;
  });

  return router;
}
