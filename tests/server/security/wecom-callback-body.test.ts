/**
 * Defect 8 (issue 13): an unauthenticated WeCom callback with a 100 KB octet-stream body
 * (`/wecom/suite/callback`, `/wecom/suite/data`) answered 500. It is a 4xx in the envelope now,
 * and a client that drops in the middle of its body is not logged as a 500.
 */
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import pino from 'pino';
import { Writable } from 'node:stream';
import { startTestApp, testClient, type TestApp } from '../../support/test-app';
import { createApp } from '../../../server/src/app';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const PATHS = ['/wecom/suite/callback', '/wecom/suite/data'];
const query = { msg_signature: 'a'.repeat(40), timestamp: String(Math.floor(Date.now() / 1000)), nonce: 'n0nce' };

describe('defect 8: oversized and broken WeCom callbacks', () => {
  it('a 100 KB octet-stream body answers 413 in the envelope, on both callback URLs', async () => {
    for (const path of PATHS) {
      for (const q of [query, {}]) {
        const res = await t.http.post(path).query(q).set('Content-Type', 'application/octet-stream').send(Buffer.alloc(100 * 1024, 0x41));
        expect([path, res.status, res.body.error?.code]).toEqual([path, 413, 'payload_too_large']);
      }
    }
  });

  it('other bodies answer 4xx in the envelope: empty, binary, not XML, XML without Encrypt, a huge XML text', async () => {
    const bodies: [string, string | Buffer][] = [
      ['application/octet-stream', Buffer.alloc(0)],
      ['application/octet-stream', Buffer.from([0, 1, 2, 255, 254])],
      ['application/octet-stream', Buffer.from('<xml><Encrypt><![CDATA[abc]]></Encrypt></xml>')],
      ['text/xml', '<xml><ToUserName>x</ToUserName></xml>'],
      ['text/xml', 'not xml at all'],
      ['application/json', '{"Encrypt":"x"}'],
      ['text/xml', `<xml><Encrypt>${'A'.repeat(100 * 1024)}</Encrypt></xml>`],
    ];
    for (const path of PATHS) {
      for (const [type, body] of bodies) {
        const res = await t.http.post(path).query(query).set('Content-Type', type).send(body);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(typeof res.body.error?.code).toBe('string');
      }
    }
  });

  it('a client that drops mid-body is not logged as a 500', async () => {
    const lines: { level: number; msg: string; status?: number }[] = [];
    const sink = new Writable({ write: (chunk, _e, done) => { lines.push(JSON.parse(String(chunk))); done(); } });
    const app = createApp({ ...t.deps, logger: pino({ level: 'info' }, sink) });
    const server: Server = createServer(app.callback());
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const { port } = server.address() as AddressInfo;
    try {
      for (const path of PATHS) {
        const socket = connect(port, '127.0.0.1');
        socket.on('error', () => undefined);
        await new Promise<void>((ok) => socket.once('connect', () => ok()));
        socket.write(`POST ${path}?msg_signature=x&timestamp=1&nonce=y HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\nContent-Length: 50000\r\n\r\n`);
        socket.write(Buffer.alloc(10_000, 0x41));
        await new Promise((r) => setTimeout(r, 100));
        socket.destroy();
      }
      await new Promise((r) => setTimeout(r, 300));
      // And the app is unharmed.
      await testClient(app).get('/healthz').expect(200);
    } finally {
      await new Promise((ok) => server.close(ok));
    }
    const errors = lines.filter((l) => l.level >= 50 || (l.status ?? 0) >= 500);
    expect(errors).toEqual([]);
  });
});
