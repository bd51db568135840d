import { Stream } from 'node:stream';
import type { Middleware } from 'koa';

/**
 * A JSON value encoded once and sent many times: the questions of a fixed paper, which every
 * member of a crowd starting an exam receives. Put it as a member of a response body object and
 * jsonBody splices its bytes in instead of stringifying it again for each response. Elsewhere
 * (JSON.stringify, tests) it stands for its value.
 */
export class EncodedJson {
  readonly bytes: Buffer;

  constructor(readonly value: unknown) {
    this.bytes = Buffer.from(JSON.stringify(value));
  }

  toJSON(): unknown {
    return this.value;
  }
}

/**
 * Encodes JSON response bodies to UTF-8 once. Left to Koa, an object body is stringified, then
 * measured with Buffer.byteLength for Content-Length, then encoded again as it is written: for the
 * questions of an exam paper the measuring alone cost more than the stringifying.
 */
export function jsonBody(): Middleware {
  return async (ctx, next) => {
    await next();
    const body: unknown = ctx.body;
    if (body === null || typeof body !== 'object' || Buffer.isBuffer(body) || body instanceof Stream || body instanceof Blob || body instanceof ReadableStream) return;
    ctx.body = encode(body); // the Content-Type Koa set for the object stays
  };
}

function encode(body: object): Buffer {
  if (Array.isArray(body)) return Buffer.from(JSON.stringify(body));
  let encoded: [string, EncodedJson][] | undefined;
  for (const [key, value] of Object.entries(body)) if (value instanceof EncodedJson) (encoded ??= []).push([key, value]);
  if (!encoded) return Buffer.from(JSON.stringify(body));
  // The rest of the object as usual, then each encoded member appended before the closing brace.
  const rest: Record<string, unknown> = { ...body };
  for (const [key] of encoded) delete rest[key];
  const head = JSON.stringify(rest);
  const parts: Buffer[] = [Buffer.from(head.slice(0, -1))];
  encoded.forEach(([key, value], i) => parts.push(Buffer.from(`${i === 0 && head === '{}' ? '' : ','}${JSON.stringify(key)}:`), value.bytes));
  parts.push(Buffer.from('}'));
  return Buffer.concat(parts);
}
