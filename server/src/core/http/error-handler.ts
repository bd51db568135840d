/**
 * Turns every failure into { error: { code, message, details } } with its status.
 * Unknown errors become 500 `internal` carrying only the request id; the cause goes to the log.
 * An unknown URL opened in a browser gets a Chinese page instead (not-found-page.ts).
 */
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { AppError, errors } from '../errors';
import { NOT_FOUND_PAGE, wantsHtml } from './not-found-page';

function toAppError(err: unknown, aborted = false): AppError | null {
  if (err instanceof AppError) return err;
  const e = err as { status?: number; statusCode?: number; type?: string; name?: string; expose?: boolean };
  const status = e?.status ?? e?.statusCode;
  if (e?.type === 'entity.too.large' || status === 413) return errors.payloadTooLarge();
  if (e?.type === 'entity.parse.failed' || (status === 400 && e?.name === 'SyntaxError')) return errors.invalidJson();
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') return new AppError(415, 'unsupported_media_type', '不支持的编码 / Unsupported encoding');
  // The client went away in the middle of its body (raw-body says so by type, a bare read by ECONNRESET "aborted"): its fault, not ours.
  if (e?.type === 'request.aborted' || (aborted && (err as { code?: string }).code === 'ECONNRESET')) return errors.requestAborted();
  return null;
}

export function errorHandler(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        if (wantsHtml(ctx)) {
          ctx.status = 404;
          ctx.type = 'text/html; charset=utf-8';
          ctx.body = NOT_FOUND_PAGE;
          return;
        }
        throw errors.notFound('route');
      }
    } catch (err) {
      const known = toAppError(err, ctx.req.destroyed || !ctx.req.complete);
      if (known) {
        ctx.status = known.status;
        ctx.body = { error: { code: known.code, message: known.message, ...(known.details !== undefined && { details: known.details }) } };
        if (known.status >= 500) logger.error({ reqId: ctx.state.requestId, err }, 'request failed');
        return;
      }
      logger.error({ reqId: ctx.state.requestId, err }, 'unhandled error');
      ctx.status = 500;
      ctx.body = { error: { code: 'internal', message: '服务器内部错误 / Internal server error', details: { requestId: ctx.state.requestId } } };
    }
  };
}
