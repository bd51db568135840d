/**
 * The cross-tenant check every route test calls: an admin of another enterprise asking for this
 * enterprise's row gets 404 not_found — never 403, never the row — and the row is left unchanged.
 */
import { createTenant } from '../factories';
import { bearer, type TestApp } from './test-app';

export interface ForeignRequest {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  url: string;
  body?: unknown;
}

export async function expectOtherTenantGets404(t: TestApp, request: ForeignRequest, unchanged?: () => Promise<unknown>): Promise<void> {
  const outsider = await createTenant(t);
  const before = unchanged ? JSON.stringify(await unchanged()) : undefined;
  const res = await t.http[request.method](request.url).set(bearer(outsider.admin.token)).send(request.body as object);
  if (res.status !== 404 || res.body?.error?.code !== 'not_found') {
    throw new Error(`${request.method.toUpperCase()} ${request.url} by another tenant answered ${res.status} ${JSON.stringify(res.body)}; expected 404 not_found`);
  }
  if (unchanged) expect(JSON.stringify(await unchanged())).toBe(before);
}
