/** /platform/v1 — the operator's API for platform staff (staff API keys). */
import { auditLogSelect, presentAuditLog } from '../../core/audit';
import Router from '@koa/router';
import type { AppDeps, AppState } from '../../core/context';
import { validate, inputOf } from '../../core/validate';
import { errors } from '../../core/errors';
import { scopeToTenant } from '../../core/tenancy';
import { pageArgs, toPage } from '../../core/pagination';
import { authenticateStaff } from './staff-auth';
import { createTenantBody, listTenantsQuery, tenantParams, updateTenantBody } from './schema';
import { presentTenant, tenantSelect } from './presenter';
import { registerTenant, updateTenant } from './service';
import { platformOpenApi } from './openapi';
import { editionReport } from '../editions/gate';

export function platformRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  // The API description is public: it holds no data.
  router.get('/openapi.json', (ctx) => {
    ctx.body = platformOpenApi();
  });
  router.use(authenticateStaff(deps));
  const staffOf = (ctx: { state: AppState; ip: string }) => ({ staffKeyId: ctx.state.staffKeyId!, ip: ctx.ip });

  const create = { body: createTenantBody };
  router.post('/tenants', validate(create), async (ctx) => {
    const { body } = inputOf(ctx, create);
    const { tenant, adminMemberId } = await registerTenant(deps, staffOf(ctx), body);
    ctx.status = 201;
    ctx.body = { tenant: presentTenant(tenant), adminMemberId };
  });

  const list = { query: listTenantsQuery };
  router.get('/tenants', validate(list), async (ctx) => {
    const { query } = inputOf(ctx, list);
    const rows = await deps.db.prisma.tenant.findMany({
      where: query.status ? { status: query.status } : {},
      select: tenantSelect,
      ...pageArgs(query),
    });
    ctx.body = toPage(rows, query, presentTenant);
  });

  const one = { params: tenantParams };
  router.get('/tenants/:id', validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const tenant = await deps.db.prisma.tenant.findUnique({ where: { id: params.id }, select: tenantSelect });
    if (!tenant) throw errors.notFound('tenant');
    ctx.body = { tenant: presentTenant(tenant), plan: await editionReport({ db: scopeToTenant(deps.db.prisma, tenant.id), tenantId: tenant.id }) };
  });

  const patch = { params: tenantParams, body: updateTenantBody };
  router.patch('/tenants/:id', validate(patch), async (ctx) => {
    const { params, body } = inputOf(ctx, patch);
    ctx.body = { tenant: presentTenant(await updateTenant(deps, staffOf(ctx), params.id, body)) };
  });

  const audits = { params: tenantParams, query: listTenantsQuery.pick({ cursor: true, limit: true }) };
  router.get('/tenants/:id/audit-logs', validate(audits), async (ctx) => {
    const { params, query } = inputOf(ctx, audits);
    const rows = await deps.db.prisma.auditLog.findMany({ where: { tenantId: params.id }, select: auditLogSelect, ...pageArgs(query) });
    ctx.body = toPage(rows, query, presentAuditLog);
  });

  return router;
}
