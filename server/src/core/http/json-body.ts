import { Stream } from 'node:stream';
import type { Middleware } from 'koa';

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
    ctx.body = Buffer.from(JSON.stringify(body)); // the Content-Type Koa set for the object stays
  };
}
