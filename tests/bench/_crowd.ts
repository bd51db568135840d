/**
 * A crowd for HTTP benchmarks: many people, each on a kept-alive HTTP/1.1 connection of their own,
 * who can all send a request at the same moment. The load generator runs on the same cores as the
 * server it measures, so it does as little as a client can while the server works: requests are
 * encoded before they are sent (Crowd.request), and a reply is only framed — status line,
 * Content-Length and the body's bytes, decoded when the caller asks (the server under test always
 * sends a Content-Length).
 * Not a general HTTP client: no chunked bodies, redirects or pipelining.
 */
import { connect, type Socket } from 'node:net';

export interface CrowdReply {
  status: number;
  body: Buffer;
}

const HEAD_END = Buffer.from('\r\n\r\n');

class Person {
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (r: CrowdReply) => void; reject: (e: Error) => void } | null = null;

  constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
      this.takeReply();
    });
    const fail = (err: Error) => this.waiting?.reject(err);
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('connection closed')));
  }

  send(request: Buffer): Promise<CrowdReply> {
    if (this.waiting) return Promise.reject(new Error('one request at a time'));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(request);
    });
  }

  private takeReply(): void {
    const headEnd = this.buffered.indexOf(HEAD_END);
    if (headEnd < 0 || !this.waiting) return;
    const head = this.buffered.toString('latin1', 0, headEnd);
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? NaN);
    if (Number.isNaN(length)) return this.settle(new Error(`no Content-Length in reply: ${head.slice(0, 200)}`));
    const end = headEnd + HEAD_END.length + length;
    if (this.buffered.length < end) return;
    const reply = { status: Number(head.slice(9, 12)), body: this.buffered.subarray(headEnd + HEAD_END.length, end) };
    this.buffered = this.buffered.subarray(end);
    this.settle(reply);
  }

  private settle(outcome: CrowdReply | Error): void {
    const waiting = this.waiting!;
    this.waiting = null;
    if (outcome instanceof Error) waiting.reject(outcome);
    else waiting.resolve(outcome);
  }

  close(): void {
    this.socket.destroy();
  }
}

export class Crowd {
  private constructor(
    private readonly host: string,
    private readonly people: Person[],
  ) {}

  /** Opens one connection per person, `opening` at a time. */
  static async gather(baseUrl: string, size: number, opening = 200): Promise<Crowd> {
    const { hostname, port } = new URL(baseUrl);
    const people: Person[] = [];
    for (let i = 0; i < size; i += opening) {
      const batch = await Promise.all(
        Array.from({ length: Math.min(opening, size - i) }, () =>
          new Promise<Person>((resolve, reject) => {
            const socket = connect(Number(port), hostname, () => resolve(new Person(socket)));
            socket.once('error', reject);
          }),
        ),
      );
      people.push(...batch);
    }
    return new Crowd(`${hostname}:${port}`, people);
  }

  get size(): number {
    return this.people.length;
  }

  /** A request encoded for sending, ahead of the moment it is sent. */
  request(method: 'GET' | 'POST', path: string, headers: Record<string, string> = {}, body?: string): Buffer {
    const lines = [`${method} ${path} HTTP/1.1`, `Host: ${this.host}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
    if (method === 'POST') lines.push(`Content-Length: ${body === undefined ? 0 : Buffer.byteLength(body)}`);
    return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body ?? ''}`);
  }

  /** Person `i` sends a request (from request()) and waits for the whole reply. */
  send(i: number, request: Buffer): Promise<CrowdReply> {
    return this.people[i].send(request);
  }

  close(): void {
    for (const p of this.people) p.close();
  }
}
