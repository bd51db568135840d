import { startTestApp, bearer, staff, type TestApp } from '../../support/test-app';
import { createTenant, createMember } from '../../factories';
import { createApp } from '../../../server/src/app';
import Router from '@koa/router';
import supertest from 'supertest';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

describe('one error format everywhere', () => {
  it('health answers with the dialect and version', async () => {
    const res = await t.http.get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok', db: t.deps.db.dialect.name, version: expect.any(String) });
    await t.http.get('/readyz').expect(200);
  });

  it('unknown route → 404 not_found', async () => {
    const res = await t.http.get('/api/v1/no-such-thing').expect(404);
    expect(res.body.error.code).toBe('not_found');
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('no session → 401 unauthenticated; a bad token too', async () => {
    expect((await t.http.get('/api/v1/me').expect(401)).body.error.code).toBe('unauthenticated');
    expect((await t.http.get('/api/v1/me').set(bearer('x'.repeat(43))).expect(401)).body.error.code).toBe('unauthenticated');
  });

  it('malformed JSON → 400 invalid_json', async () => {
    const res = await t.http.post('/platform/v1/tenants').set(staff()).set('content-type', 'application/json').send('{"name": ').expect(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('validation → 400 validation_failed with field paths', async () => {
    const res = await t.http.post('/platform/v1/tenants').set(staff()).send({ name: '', adminPhone: '123' }).expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.name', 'body.adminPhone', 'body.industry', 'body.size', 'body.adminName']));
  });

  it('body too large → 413 payload_too_large', async () => {
    const res = await t.http.post('/platform/v1/tenants').set(staff()).send({ name: 'x'.repeat(70 * 1024) }).expect(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('a member who is not admin → 403 forbidden', async () => {
    const tenant = await createTenant(t);
    const member = await createMember(t, tenant.id);
    const res = await t.http.get('/api/v1/members').set(bearer(member.token)).expect(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('unknown errors → 500 internal with the request id and nothing internal', async () => {
    const router = new Router();
    router.get('/boom', () => {
      throw new Error('secret table name leaked');
    });
    const app = createApp(t.deps, [{ prefix: '', router: router as never }]);
    const res = await supertest(app.callback()).get('/boom').set('X-Request-Id', 'req-12345678').expect(500);
    expect(res.body).toEqual({ error: { code: 'internal', message: expect.any(String), details: { requestId: 'req-12345678' } } });
    expect(JSON.stringify(res.body)).not.toContain('secret');
  });

  it('sends security headers: the full set on documents, the API set (never cached) on JSON', async () => {
    const res = await t.http.get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    for (const url of ['/api/v1/me', '/platform/v1/tenants']) {
      const api = await t.http.get(url).expect(401);
      expect(api.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'cache-control': 'no-store' });
      expect(api.headers['strict-transport-security']).toContain('max-age=');
    }
  });
});
