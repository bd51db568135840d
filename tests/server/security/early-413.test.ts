/**
 * Defect 4 (issue 13): the connection died after an early 413. The answer said keep-alive while
 * most of the body was still unread, and the next request on that socket got no answer for ~66 s.
 * An answer given before the request body has been read now says `Connection: close`.
 */
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { startTestApp, type TestApp } from '../../support/test-app';
import { createTenant } from '../../factories';
import { createKbNode, createSpace } from '../../factories/knowledge';

let t: TestApp;
let server: Server;
let port: number;
beforeAll(async () => {
  t = await startTestApp({ KB_UPLOAD_MAX_MB: '1' });
  server = createServer(t.app.callback());
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((ok) => server.close(ok));
  await t.close();
});

interface Answer {
  head: string;
  status: number;
  body: string;
}

/** A raw keep-alive connection: what a client's connection pool does with the socket after an answer. */
class RawConnection {
  readonly socket: Socket;
  private buffer = '';
  closed = false;
  private waiters: (() => void)[] = [];

  constructor() {
    this.socket = connect(port, '127.0.0.1');
    this.socket.setEncoding('latin1');
    this.socket.on('data', (d: string) => {
      this.buffer += d;
      this.wake();
    });
    this.socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    this.socket.on('error', () => undefined); // the server may close on us while we write
  }

  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  write(data: string | Buffer) {
    if (!this.closed) this.socket.write(data);
  }

  /** The next response, or null when the socket closes (or nothing comes within `ms`). */
  async response(ms = 5000): Promise<Answer | null> {
    const deadline = Date.now() + ms;
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end >= 0) {
        const head = this.buffer.slice(0, end);
        const length = Number(/content-length:\s*(\d+)/i.exec(head)?.[1] ?? 0);
        if (this.buffer.length >= end + 4 + length) {
          const body = Buffer.from(this.buffer.slice(end + 4, end + 4 + length), 'latin1').toString('utf8');
          this.buffer = this.buffer.slice(end + 4 + length);
          return { head, status: Number(head.split(' ')[1]), body };
        }
      }
      if (this.closed || Date.now() > deadline) return null;
      await new Promise<void>((wake) => {
        this.waiters.push(wake);
        setTimeout(wake, Math.max(0, deadline - Date.now()));
      });
    }
  }
}

const header = (answer: Answer | null, name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(answer?.head ?? '')?.[1]?.trim().toLowerCase();

/** Sends `request` with a part of its body on one keep-alive socket, then a second request; both must be settled fast. */
async function earlyAnswerThenNext(request: string, partialBody: Buffer) {
  const conn = new RawConnection();
  conn.write(request);
  conn.write(partialBody);
  const first = await conn.response();
  expect(first).not.toBeNull();
  const at = Date.now();
  conn.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n`);
  const second = await conn.response(3000);
  // Either the server closed the socket (the client then opens a new one) or it answered the next request.
  expect(second === null ? conn.closed : second.status === 200).toBe(true);
  expect(Date.now() - at).toBeLessThan(3000);
  conn.socket.destroy();
  return first!;
}

describe('defect 4: an early 413 does not strand the connection', () => {
  it('a JSON body over the limit by Content-Length: 413 in the envelope with Connection: close', async () => {
    const length = 10 * 1024 * 1024;
    const first = await earlyAnswerThenNext(
      `POST /platform/v1/tenants HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`,
      Buffer.alloc(200 * 1024, 0x20),
    );
    expect(first.status).toBe(413);
    expect(JSON.parse(first.body).error.code).toBe('payload_too_large');
    expect(header(first, 'connection')).toBe('close');
  });

  it('an upload over the size limit, refused while it streams: 413 with Connection: close', async () => {
    const a = await createTenant(t);
    const space = await createSpace(t, a.admin.token);
    const doc = await createKbNode(t, a.admin.token, space.id, { title: '附件' });
    const length = 8 * 1024 * 1024;
    const first = await earlyAnswerThenNext(
      `POST /api/v1/docs/${doc.id}/attachments?name=a.txt HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nAuthorization: Bearer ${a.admin.token}\r\n` +
        `Content-Type: application/octet-stream\r\nContent-Length: ${length}\r\n\r\n`,
      Buffer.alloc(2 * 1024 * 1024, 0x61),
    );
    expect(first.status).toBe(413);
    expect(JSON.parse(first.body).error.code).toBe('file_too_large');
    expect(header(first, 'connection')).toBe('close');
  });

  it('an upload refused before its body is read (no session) closes too; a fully read request keeps the connection', async () => {
    const first = await earlyAnswerThenNext(
      `POST /api/v1/docs/x/attachments?name=a.txt HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\nContent-Type: application/octet-stream\r\nContent-Length: ${4 * 1024 * 1024}\r\n\r\n`,
      Buffer.alloc(64 * 1024, 0x61),
    );
    expect(first.status).toBe(401);
    expect(header(first, 'connection')).toBe('close');

    const conn = new RawConnection();
    conn.write('POST /platform/v1/tenants HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}');
    const answered = await conn.response();
    expect(answered?.status).toBe(401);
    expect(header(answered, 'connection')).toBe('keep-alive');
    conn.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    expect((await conn.response())?.status).toBe(200);
    conn.socket.destroy();
  });
});
