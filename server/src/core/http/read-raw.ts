import type { Context } from 'koa';
import { errors } from '../errors';

/** The raw request body (file uploads sent as application/octet-stream), refused past `limit` bytes. */
export async function readRaw(ctx: Context, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw errors.payloadTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
