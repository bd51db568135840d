/**
 * Defect 13 (issue #13): development sign-in (/dev/sandbox/*) answers only a client on this machine,
 * and only while the local sandbox stands in for WeCom.
 */
import { createServer, type Server } from 'node:http';
import { networkInterfaces } from 'node:os';
import supertest from 'supertest';
import { startTestApp, type TestApp } from '../../support/test-app';

// Nothing needs to listen there: /people lists what the sandbox answers, and answers [] without one.
const SANDBOX = { WECOM_API_BASE: 'http://127.0.0.1:9' };

let sandboxOn: TestApp;
let sandboxOff: TestApp;
beforeAll(async () => {
  sandboxOn = await startTestApp({ ...SANDBOX, TRUSTED_PROXIES: '127.0.0.0/8,::1' });
  sandboxOff = await startTestApp();
});
afterAll(async () => {
  await sandboxOn.close();
  await sandboxOff.close();
});

/** This machine's first address that is not loopback (the way another machine would reach it). */
const externalAddress = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe('defect 13: development sign-in reachable from elsewhere', () => {
  it('answers a client on this machine while the sandbox is on', async () => {
    const res = await supertest(sandboxOn.app.callback()).get('/dev/sandbox/people').expect(200);
    expect(res.body.items).toEqual(expect.any(Array));
  });

  it('is not there when the sandbox is off', async () => {
    const res = await supertest(sandboxOff.app.callback()).get('/dev/sandbox/people').expect(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('is not there for a client a trusted proxy forwards from elsewhere', async () => {
    for (const path of ['/dev/sandbox/people', '/dev/sandbox/names?ids=a']) {
      const res = await supertest(sandboxOn.app.callback()).get(path).set('X-Forwarded-For', '198.51.100.7').expect(404);
      expect(res.body.error.code).toBe('not_found');
    }
    await supertest(sandboxOn.app.callback()).post('/dev/sandbox/login-code').set('X-Forwarded-For', '198.51.100.7').send({ corpId: 'c', userid: 'u', kind: 'admin' }).expect(404);
  });

  (externalAddress ? it : it.skip)('is not there for a client connecting over the network', async () => {
    const server: Server = createServer(sandboxOn.app.callback());
    await new Promise<void>((done) => server.listen(0, '0.0.0.0', done));
    try {
      const port = (server.address() as { port: number }).port;
      const res = await fetch(`http://${externalAddress}:${port}/dev/sandbox/people`);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});
