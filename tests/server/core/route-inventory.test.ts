/**
 * Every route the app registers (walked from the module routers createApp mounts), probed two ways:
 *   fuzz — wrong types, missing fields, 100 KB strings, __proto__, NaN, malformed JSON, huge
 *          numbers, odd path ids and queries, with a valid session of the route's audience: never
 *          a 5xx, and every 4xx in the error envelope;
 *   cross-tenant — a route whose path names an enterprise's rows, asked by another enterprise's
 *          admin with the first one's ids (one of each, tests/factories/enterprise.ts): 404
 *          not_found, and nothing of the first enterprise changed.
 * A route missing from route-inventory.table.ts fails here, so no route lands without both.
 */
import type { Response } from 'supertest';
import pino from 'pino';
import { startTestApp, bearer, staff, testConfig, type TestApp } from '../../support/test-app';
import { buildDeps } from '../../../server/src/bootstrap';
import type { Database } from '../../../server/src/db/client';
import { createMember, createTenant, type TestTenant } from '../../factories';
import { createFullEnterprise, type FullEnterprise } from '../../factories/enterprise';
import { moduleMounts } from '../../../server/src/modules';
import { TENANT_MODELS } from '../../../server/src/db/generated/tenant-models';
import { ROUTES, type Ids, type RouteEntry, type Sample } from './route-inventory.table';

let t: TestApp;
let owner: FullEnterprise;
let outsider: TestTenant;
/** Fuzzed with its own ids, so fuzzing reaches past the 404 into the handlers. */
let fuzzed: FullEnterprise;
beforeAll(async () => {
  t = await startTestApp({ BODY_LIMIT_KB: '1024' }); // the production default: 100 KB strings reach validation
  owner = await createFullEnterprise(t);
  outsider = await createTenant(t);
  fuzzed = await createFullEnterprise(t);
}, 120_000);
afterAll(() => t.close());

interface Route {
  key: string;
  method: string;
  path: string;
  params: string[];
}

/**
 * METHOD + path of every route of every router createApp mounts (nested routers included: their
 * layers are copied up). Read before any database exists — the test names come from it — so the
 * routers are built on dependencies whose database is never used.
 */
function registeredRoutes(): Route[] {
  const routes = new Map<string, Route>();
  const deps = buildDeps(testConfig(), { prisma: {} } as Database, pino({ level: 'silent' }));
  for (const { prefix, router } of moduleMounts(deps)) {
    for (const layer of router.stack) {
      const path = `${prefix}${layer.path}`;
      for (const method of layer.methods.filter((m) => m !== 'HEAD')) {
        const key = `${method} ${path}`;
        routes.set(key, { key, method, path, params: [...path.matchAll(/:(\w+)/g)].map((m) => m[1]) });
      }
    }
  }
  return [...routes.values()];
}

const routes = registeredRoutes();
const entryOf = (route: Route): RouteEntry => ROUTES[route.key];
const hasBody = (method: string) => method !== 'GET';

function urlOf(route: Route, values: Record<string, string>): string {
  return route.path
    .replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(values[name] ?? 'unknown'))
    .replace(/\{\*\w+\}/g, 'x');
}

function pathValues(route: Route, ids: Ids): Record<string, string> {
  const entry = entryOf(route);
  if (entry?.kind !== 'tenantIds') return {};
  return Object.fromEntries(Object.entries(entry.params).map(([param, entity]) => [param, ids[entity]]));
}

function sampleOf(route: Route): Sample | undefined {
  const entry = entryOf(route);
  return entry && entry.kind !== 'exempt' ? entry.sample : undefined;
}

async function send(route: Route, url: string, auth: Record<string, string>, request: { json?: unknown; raw?: string; query?: Record<string, string>; upload?: Sample['raw'] }): Promise<Response> {
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  let call = t.http[method](url).set(auth);
  if (request.query) call = call.query(request.query);
  if (request.upload) return call.set('Content-Type', request.upload.contentType).send(request.upload.data);
  if (request.raw !== undefined) return call.set('Content-Type', 'application/json').send(request.raw);
  if (request.json !== undefined) return call.send(request.json as object);
  return call;
}

/** 5xx answers that report the state of the installation, not a failure of the route: each with its reason. */
const EXPECTED_5XX: Record<string, string> = {
  app_not_built: 'the web app is served only once built (npm run build:miniapp); a checkout without the build answers 503',
  host_unavailable: 'logins that reach WeCom/WeChat answer 502 while the host is down, as it is for this app (no sandbox running)',
};

/** Never a 5xx (but EXPECTED_5XX); a 4xx always in the envelope. Returns a complaint, or null. */
function judge(label: string, res: Response): string | null {
  if (res.status >= 500 && !EXPECTED_5XX[res.body?.error?.code]) return `${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`;
  if (res.status >= 400) {
    const error = res.body?.error;
    if (!error || !/^[a-z][a-z0-9_]*$/.test(String(error.code)) || typeof error.message !== 'string') {
      return `${label}: ${res.status} outside the error envelope: ${(res.text ?? '').slice(0, 200)}`;
    }
  }
  return null;
}

const HUGE = 'x'.repeat(100_000);
const WRONG_VALUES: [string, unknown][] = [
  ['a number', 123], ['a 100 KB string', HUGE], ['an object', { nested: { deeper: true } }], ['an array', [1, 'two', null]],
  ['a huge number', 1e308], ['an integer beyond 2^53', -(2 ** 64)], ['a boolean', true], ['null', null], ['"NaN"', 'NaN'],
];
const GENERIC_FIELDS = ['id', 'title', 'name', 'body', 'role', 'phone', 'code', 'status', 'kind', 'memberIds', 'courseId'];

/** The fuzz requests of one route: body shapes (from its sample's fields, or common field names), queries, path ids. */
function fuzzCases(route: Route, ids: Ids): { label: string; url: string; request: Parameters<typeof send>[3] }[] {
  const values = pathValues(route, ids);
  const url = urlOf(route, values);
  const sample = sampleOf(route);
  const base = (sample?.body?.(ids) ?? {}) as Record<string, unknown>;
  const cases: ReturnType<typeof fuzzCases> = [];
  if (hasBody(route.method)) {
    const fields = Object.keys(base).length ? Object.keys(base) : GENERIC_FIELDS;
    cases.push(
      { label: 'malformed JSON', url, request: { raw: '{"title": "未完' } },
      { label: 'NaN in JSON', url, request: { raw: '{"limit": NaN, "score": Infinity}' } },
      { label: 'a JSON array', url, request: { raw: '[1,2,3]' } },
      { label: 'a JSON string', url, request: { raw: '"字符串"' } },
      { label: 'JSON null', url, request: { raw: 'null' } },
      { label: '__proto__', url, request: { raw: JSON.stringify(base).replace(/^\{/, '{"__proto__":{"role":"admin","polluted":true},"constructor":{"prototype":{"polluted":true}}' + (Object.keys(base).length ? ',' : '')) } },
      { label: 'a 100 KB body string', url, request: { json: { [fields[0]]: HUGE, filler: HUGE } } },
    );
    if (Object.keys(base).length) {
      for (const field of fields) {
        const { [field]: _dropped, ...rest } = base;
        cases.push({ label: `missing ${field}`, url, request: { json: rest, query: sample?.query } });
        for (const [what, value] of WRONG_VALUES) cases.push({ label: `${field} as ${what}`, url, request: { json: { ...base, [field]: value }, query: sample?.query } });
      }
    } else {
      // No sample body: the usual field names, all wrong at once.
      for (const [what, value] of WRONG_VALUES) {
        cases.push({ label: `common fields as ${what}`, url, request: { json: Object.fromEntries(GENERIC_FIELDS.map((f) => [f, value])), query: sample?.query } });
      }
    }
  }
  for (const [what, query] of [
    ['limit=NaN', { limit: 'NaN' }], ['limit=1e309', { limit: '1e309' }], ['limit=-1', { limit: '-1' }], ['an 8 KB cursor', { cursor: 'c'.repeat(8000) }],
    ['__proto__ in the query', { '__proto__[polluted]': '1', 'constructor[prototype][polluted]': '1' }], ['repeated keys', { 'limit[]': '1', status: 'x' }],
  ] as [string, Record<string, string>][]) {
    cases.push({ label: `query ${what}`, url, request: { query: { ...sample?.query, ...query } } });
  }
  for (const param of route.params) {
    for (const [what, value] of [['__proto__', '__proto__'], ['NaN', 'NaN'], ['1e309', '1e309'], ['a 4 KB id', 'i'.repeat(4000)], ['constructor', 'constructor']]) {
      cases.push({ label: `:${param} = ${what}`, url: urlOf(route, { ...values, [param]: value }), request: { json: hasBody(route.method) ? base : undefined } });
    }
    cases.push({ label: `:${param} badly percent-encoded`, url: route.path.replace(`:${param}`, '%E0%A4%A').replace(/:(\w+)/g, (_, n: string) => encodeURIComponent(values[n] ?? 'x')).replace(/\{\*\w+\}/g, 'x'), request: {} });
  }
  return cases;
}

/** Every row of every tenant-owned table of one enterprise, as text: equal before and after means nothing changed. */
async function snapshot(tenantId: string): Promise<string> {
  const prisma = t.deps.db.prisma as unknown as Record<string, { findMany(args: object): Promise<unknown[]> }>;
  const parts: string[] = [];
  for (const model of [...TENANT_MODELS].sort()) {
    const delegate = prisma[model[0].toLowerCase() + model.slice(1)];
    const rows = await delegate.findMany({ where: { tenantId } });
    parts.push(`${model}:${rows.map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? String(v) : v))).sort().join('|')}`);
  }
  return parts.join('\n');
}

async function audienceOf(route: Route): Promise<Record<string, string>> {
  if (route.path.startsWith('/platform/v1')) return staff();
  // A fresh admin per route: a fuzz case that signs out, cancels or demotes its caller spoils no other route.
  return bearer((await createMember(t, fuzzed.tenant.id, { role: 'admin' })).token);
}

describe('route inventory', () => {
  it('lists every registered route, and only those, with a cross-tenant mapping or a reviewed reason', () => {
    const registered = new Set(routes.map((r) => r.key));
    const unlisted = routes.filter((r) => !ROUTES[r.key]).map((r) => r.key);
    const stale = Object.keys(ROUTES).filter((key) => !registered.has(key));
    expect({ unlisted, stale }).toEqual({ unlisted: [], stale: [] });
    const problems: string[] = [];
    for (const route of routes) {
      const entry = entryOf(route);
      if (entry.kind === 'tenantIds') {
        for (const param of route.params) if (!entry.params[param]) problems.push(`${route.key}: :${param} is not mapped to an entity`);
        if (!route.params.length) problems.push(`${route.key}: no path ids to map (use noTenantIds)`);
      } else {
        if (!entry.reason.trim()) problems.push(`${route.key}: no reason given`);
        if (entry.kind === 'noTenantIds' && route.params.length) {
          problems.push(`${route.key}: its path has ids (${route.params.join(', ')}), so it needs tenantIds or a reviewed exemption`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  const probed = routes.filter((r) => entryOf(r)?.kind === 'tenantIds');
  // Writes last and deletions at the very end, so one probe that did get through cannot hide the next.
  const order = (r: Route) => (r.method === 'GET' ? 0 : r.method === 'DELETE' ? 2 : 1);
  it.each(probed.sort((a, b) => order(a) - order(b)).map((r) => [r.key, r] as const))('cross-tenant: %s answers another enterprise 404 and changes nothing', async (_key, route) => {
    const values = pathValues(route, owner.ids);
    const sample = sampleOf(route);
    const request = { json: sample?.body?.(owner.ids), query: sample?.query, upload: sample?.raw };
    const before = await snapshot(owner.tenant.id);
    const res = await send(route, urlOf(route, values), bearer(outsider.admin.token), request);
    expect(`${res.status} ${res.body?.error?.code}`).toBe('404 not_found');
    expect(await snapshot(owner.tenant.id)).toBe(before);
    if (route.method === 'GET') {
      // The mapping names a real row: its own enterprise is not told 404.
      const asAdmin = await send(route, urlOf(route, values), bearer(owner.tenant.admin.token), request);
      const own = asAdmin.status === 404 ? await send(route, urlOf(route, values), bearer(owner.member.token), request) : asAdmin; // a member's own row
      expect(own.status).not.toBe(404);
    }
  }, 30_000);

  const fuzzOrder = (r: Route) => (r.key === 'DELETE /api/v1/session' ? 1 : order(r));
  it.each([...routes].sort((a, b) => fuzzOrder(a) - fuzzOrder(b)).map((r) => [r.key, r] as const))('fuzz: %s never answers 5xx, and every 4xx is in the envelope', async (_key, route) => {
    const ids = fuzzed.ids;
    const complaints: string[] = [];
    const auth = await audienceOf(route);
    for (const c of fuzzCases(route, ids)) {
      const complaint = judge(c.label, await send(route, c.url, auth, c.request));
      if (complaint) complaints.push(complaint);
    }
    expect(complaints).toEqual([]);
  }, 120_000);
});
