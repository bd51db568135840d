/**
 * The HTTP conventions of xAPI (Communication section): the version header both ways, no
 * alternate request syntax, raw request bodies (documents are any media type, statements may come
 * as multipart/mixed with attachments) and multipart responses.
 */
import type { Middleware, ParameterizedContext } from 'koa';
import getRawBody from 'raw-body';
import { errors } from '../../core/errors';

export const XAPI_VERSION = '2.0.0';
const ACCEPTED_VERSION = /^2\.0(?:\.\d+)?$/;
/** Statements with attachments, documents: larger than the JSON API's limit. */
export const XAPI_BODY_LIMIT = 32 * 1024 * 1024;

/** Every response names the version; every request but About's must name one we speak. */
export function xapiVersion(): Middleware {
  return async (ctx, next) => {
    ctx.set('X-Experience-API-Version', XAPI_VERSION);
    if (ctx.query.method !== undefined) {
      throw errors.badRequest('alternate_syntax_unsupported', '不支持替代请求语法 / Alternate request syntax is not supported in xAPI 2.0');
    }
    if (ctx.path !== '/xapi/about' && ctx.path !== '/xapi/about/') {
      const version = ctx.get('X-Experience-API-Version');
      if (!version) throw errors.badRequest('version_required', '缺少 X-Experience-API-Version 头 / The X-Experience-API-Version header is required');
      if (!ACCEPTED_VERSION.test(version)) throw errors.badRequest('version_unsupported', `不支持的 xAPI 版本 / Unsupported xAPI version: ${version.slice(0, 20)}`);
    }
    await next();
  };
}

export async function readBody(ctx: ParameterizedContext): Promise<Buffer> {
  try {
    return await getRawBody(ctx.req, { limit: XAPI_BODY_LIMIT, length: ctx.get('content-length') || undefined });
  } catch (err) {
    if ((err as { type?: string }).type === 'entity.too.large') throw errors.payloadTooLarge();
    throw errors.badRequest('body_unreadable', '请求体不完整 / The request body could not be read');
  }
}

/** The media type of a request without its parameters, lower case. */
export const mediaType = (value: string | undefined) => (value ?? '').split(';')[0]!.trim().toLowerCase();

export interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

/** Splits a multipart/mixed body into its parts (RFC 2046 §5.1). */
export function parseMultipart(body: Buffer, contentType: string): Part[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) throw errors.badRequest('invalid_multipart', 'multipart 请求缺少 boundary / The multipart request has no boundary');
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw errors.badRequest('invalid_multipart', 'multipart 请求格式错误 / Malformed multipart request');
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, at);
    if (next < 0) throw errors.badRequest('invalid_multipart', 'multipart 请求缺少结束分隔符 / The multipart request is not closed');
    // A part: CRLF, headers, CRLF CRLF, body, CRLF before the next delimiter.
    const chunk = body.subarray(at, next);
    const start = chunk.subarray(0, 2).toString() === '\r\n' ? 2 : chunk[0] === 0x0a ? 1 : 0;
    let headerEnd = chunk.indexOf('\r\n\r\n', start);
    let gap = 4;
    if (headerEnd < 0) {
      headerEnd = chunk.indexOf('\n\n', start);
      gap = 2;
    }
    if (headerEnd < 0) throw errors.badRequest('invalid_multipart', 'multipart 分段缺少头部 / A multipart part has no headers');
    const headers: Record<string, string> = {};
    for (const line of chunk.subarray(start, headerEnd).toString('utf8').split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    let end = chunk.length;
    if (chunk.subarray(end - 2).toString() === '\r\n') end -= 2;
    else if (chunk[end - 1] === 0x0a) end -= 1;
    parts.push({ headers, body: chunk.subarray(headerEnd + gap, end) });
    at = next;
  }
  return parts;
}

/** Builds a multipart/mixed body; returns it with its Content-Type. */
export function buildMultipart(parts: Part[]): { body: Buffer; contentType: string } {
  const boundary = `xapi-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const head = Object.entries(part.headers).map(([k, v]) => `${k}: ${v}`).join('\r\n');
    chunks.push(Buffer.from(`--${boundary}\r\n${head}\r\n\r\n`), part.body, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/mixed; boundary=${boundary}` };
}

/** Parses JSON text, answering 400 instead of throwing a SyntaxError. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw errors.badRequest('invalid_json', `${what} 不是有效的 JSON / ${what} is not valid JSON`);
  }
}
