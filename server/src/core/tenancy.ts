/**
 * Tenancy by construction: the client route handlers get (ctx.state.db) adds the tenant's id to the
 * where, cursor and data of every tenant-owned model, and refuses queries whose filter is undefined or
 * empty — the classic way one forgotten variable turns "this row" into "every row".
 */
import { LRUCache } from 'lru-cache';
import type { PrismaClient } from '../db/client';
import { TENANT_MODELS } from '../db/generated/tenant-models';

const WHERE_REQUIRED = new Set([
  'findUnique', 'findUniqueOrThrow', 'update', 'upsert', 'delete', 'updateMany', 'deleteMany', 'updateManyAndReturn',
]);
const DATA_OPS = new Set(['create', 'createMany', 'createManyAndReturn']);

export class TenantScopeError extends Error {
  constructor(message: string) {
    super(`tenant scope: ${message}`);
    this.name = 'TenantScopeError';
  }
}

function assertFilter(model: string, operation: string, where: unknown): void {
  if (where === undefined || where === null) {
    if (WHERE_REQUIRED.has(operation)) throw new TenantScopeError(`${model}.${operation} needs a where`);
    return;
  }
  if (typeof where !== 'object') throw new TenantScopeError(`${model}.${operation}: where must be an object`);
  const entries = Object.entries(where as Record<string, unknown>);
  const undefinedKey = entries.find(([, value]) => value === undefined);
  if (undefinedKey) throw new TenantScopeError(`${model}.${operation}: where.${undefinedKey[0]} is undefined`);
  if (entries.length === 0 && operation !== 'findMany' && operation !== 'count' && operation !== 'findFirst' && operation !== 'aggregate' && operation !== 'groupBy') {
    throw new TenantScopeError(`${model}.${operation}: empty where`);
  }
}

function withTenant(data: unknown, tenantId: string, model: string): unknown {
  if (Array.isArray(data)) return data.map((row) => withTenant(row, tenantId, model));
  const row = (data ?? {}) as Record<string, unknown>;
  if (row.tenantId !== undefined && row.tenantId !== tenantId) throw new TenantScopeError(`${model}: data names another tenant`);
  return { ...row, tenantId };
}

function extendForTenant(prisma: PrismaClient, tenantId: string) {
  return prisma.$extends({
    name: 'tenant-scope',
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          const a = (args ?? {}) as Record<string, unknown>;
          if (model === 'Tenant') {
            if (operation !== 'findUnique' && operation !== 'findUniqueOrThrow' && operation !== 'update') {
              throw new TenantScopeError(`Tenant.${operation} is not available to a tenant`);
            }
            return query({ ...a, where: { ...(a.where as object), id: tenantId } } as never);
          }
          if (!TENANT_MODELS.has(model)) throw new TenantScopeError(`${model} is not a tenant-owned model`);
          if (DATA_OPS.has(operation)) return query({ ...a, data: withTenant(a.data, tenantId, model) } as never);
          assertFilter(model, operation, a.where);
          const scoped: Record<string, unknown> = { ...a, where: { ...(a.where as object), tenantId } };
          // Prisma finds a cursor's row without the where: unscoped, another tenant's id would start the page.
          if (a.cursor) scoped.cursor = { ...(a.cursor as object), tenantId };
          if (operation === 'upsert') scoped.create = withTenant(a.create, tenantId, model);
          if ((operation === 'update' || operation === 'updateMany') && a.data && (a.data as Record<string, unknown>).tenantId !== undefined) {
            throw new TenantScopeError(`${model}.${operation}: tenantId cannot change`);
          }
          return query(scoped as never);
        },
      },
    },
  });
}

export type TenantDb = ReturnType<typeof extendForTenant>;

/** The database behind each scoped client, as an opaque key (never a client to query with). */
const databaseOfScoped = new WeakMap<object, object>();

/**
 * Identifies the database a client (scoped or not) works on, for finding the per-database
 * services (onePer-style registries) from code that only holds a tenant-scoped client.
 */
export function databaseKeyOf(client: PrismaClient | TenantDb): object {
  return databaseOfScoped.get(client) ?? client;
}

/** Extending the client costs more than a simple query, so the scoped clients of the most recent tenants are kept. */
const SCOPED_CLIENTS_KEPT = 1000;
const scopedClients = new WeakMap<PrismaClient, LRUCache<string, TenantDb>>();

export function scopeToTenant(prisma: PrismaClient, tenantId: string): TenantDb {
  if (!tenantId) throw new TenantScopeError('no tenant id');
  let byTenant = scopedClients.get(prisma);
  if (!byTenant) scopedClients.set(prisma, (byTenant = new LRUCache({ max: SCOPED_CLIENTS_KEPT })));
  let scoped = byTenant.get(tenantId);
  if (!scoped) {
    byTenant.set(tenantId, (scoped = extendForTenant(prisma, tenantId)));
    databaseOfScoped.set(scoped, prisma);
  }
  return scoped;
}
