/** The built H5 app under /app/: files, the index.html fallback for app routes, and the 503 without a build. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import pino from 'pino';
import supertest from 'supertest';
import type { AppDeps, AppState } from '../../../server/src/core/context';
import { errorHandler } from '../../../server/src/core/http/error-handler';
import { ADMIN_ENTRY, webRoutes } from '../../../server/src/modules/web/routes';

function appFor(dir: string) {
  const app = new Koa<AppState>();
  app.use(errorHandler(pino({ level: 'silent' })));
  const router = webRoutes({} as AppDeps, dir);
  app.use(router.routes());
  return supertest(app.callback());
}

describe('web app (H5 build) under /app/', () => {
  const built = mkdtempSync(join(tmpdir(), 'qixue-h5-'));
  mkdirSync(join(built, 'js'));
  writeFileSync(join(built, 'index.html'), '<!doctype html><div id="app"></div>');
  writeFileSync(join(built, 'js', 'app.1a2b3c4d.js'), 'console.log(1)');
  const http = appFor(built);

  it('serves index.html at /app/ and for app routes (browser router fallback)', async () => {
    for (const path of ['/app/', '/app/pages/home/index', ADMIN_ENTRY]) {
      const res = await http.get(path);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain('id="app"');
    }
  });

  it('serves hashed assets with a long cache and their content type', async () => {
    const res = await http.get('/app/js/app.1a2b3c4d.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.text).toBe('console.log(1)');
  });

  it('answers 404 for a missing asset and never leaves the build folder', async () => {
    const missing = await http.get('/app/js/nope.12345678.js');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    const escape = await http.get('/app/..%2f..%2fetc%2fpasswd');
    expect(escape.status).toBe(200); // the app shell, not the file
    expect(escape.text).toContain('id="app"');
  });

  it('redirects /, /app and /admin', async () => {
    expect((await http.get('/')).headers.location).toBe('/app/');
    expect((await http.get('/app')).headers.location).toBe('/app/');
    expect((await http.get('/admin')).headers.location).toBe(ADMIN_ENTRY);
  });

  it('answers 503 app_not_built with how to build when there is no build', async () => {
    const res = await appFor(join(built, 'missing')).get('/app/');
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('app_not_built');
    expect(res.body.error.message).toContain('npm run build:miniapp');
  });
});
