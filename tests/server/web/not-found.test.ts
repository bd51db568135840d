/** Unknown URLs: a Chinese page for a browser, the JSON envelope for API clients; the site icon. */
import { startTestApp, type TestApp } from '../../support/test-app';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

describe('unknown URLs', () => {
  it('a browser navigating to an unknown URL gets a Chinese HTML page with status 404', async () => {
    for (const path of ['/no-such-page', '/api/v1/no-such-route', '/admin-typo/x']) {
      const res = await t.http.get(path).set('Accept', BROWSER).expect(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('页面不存在');
      expect(res.text).toContain('href="/app/"');
      expect(res.text).not.toContain('not_found');
    }
  });

  it('API clients keep the JSON envelope', async () => {
    for (const accept of [undefined, 'application/json', '*/*', 'application/json, text/plain, */*']) {
      const req = t.http.get('/no-such-page');
      const res = await (accept ? req.set('Accept', accept) : req).expect(404);
      expect(res.body).toEqual({ error: { code: 'not_found', message: expect.stringContaining('未找到') } });
    }
    // Not a page view: a form post or a JSON write to an unknown URL answers JSON even from a browser.
    const post = await t.http.post('/no-such-page').set('Accept', BROWSER).send({}).expect(404);
    expect(post.body.error.code).toBe('not_found');
    // A known API route's 404 stays JSON.
    const res = await t.http.get('/api/v1/tasks/nope').set('Accept', BROWSER);
    expect(res.headers['content-type']).toMatch(/json/);
  });

  it('serves the site icon, so no page load logs a favicon 404', async () => {
    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const res = await t.http.get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(String(res.body ?? res.text)).toContain('<svg');
    }
  });
});
