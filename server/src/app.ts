/**
 * createApp(): composes middleware and mounts every module's routes. Never listens (main.ts does).
 * Order: client address → requestId → metrics → access log → security headers → CORS → errors → JSON encoding → body → routes.
 */
import Koa from 'koa';
import { bodyParser } from '@koa/bodyparser';
import cors from '@koa/cors';
import type { AppDeps, AppState } from './core/context';
import { requestId } from './core/http/request-id';
import { closeWhenBodyUnread } from './core/http/unread-body';
import { httpMetrics } from './core/http/http-metrics';
import { accessLog } from './core/http/access-log';
import { clientAddress } from './core/http/client-address';
import { errorHandler } from './core/http/error-handler';
import { jsonBody } from './core/http/json-body';
import { securityHeaders } from './core/http/security-headers';
import { dispatchBySegment } from './core/http/segment-dispatch';
import { moduleMounts, type Mount } from './modules';

export type App = Koa<AppState>;

/**
 * Pending-connection queue for listen(): Node's default (511) drops the SYNs of a crowd that
 * arrives at once (2,000 people starting an exam), and each dropped SYN costs its client 1–3 s.
 */
export const LISTEN_BACKLOG = 4096;

export function createApp(deps: AppDeps, extraMounts: Mount[] = []): App {
  // Koa's own proxy mode believes X-Forwarded-For from anyone; clientAddress trusts configured proxies only.
  const app = new Koa<AppState>({ proxy: false });
  app.use(clientAddress(deps.config.TRUSTED_PROXIES));
  app.use(requestId());
  app.use(closeWhenBodyUnread());
  app.use(httpMetrics());
  app.use(accessLog(deps.logger));
  app.use(securityHeaders());
  app.use(
    cors({
      origin: (ctx) => {
        const origin = ctx.get('origin');
        return deps.config.CORS_ORIGINS.includes(origin) ? origin : '';
      },
      exposeHeaders: ['X-Request-Id'],
      keepHeadersOnError: true,
    }),
  );
  app.use(errorHandler(deps.logger));
  app.use(jsonBody());
  // The learning record store reads its own bodies: documents of any media type, multipart statements.
  const parseBody = bodyParser({
    enableTypes: ['json', 'form', 'text'],
    extendTypes: { text: ['text/xml', 'application/xml'] },
    jsonLimit: `${deps.config.BODY_LIMIT_KB}kb`,
    formLimit: `${deps.config.BODY_LIMIT_KB}kb`,
    textLimit: `${deps.config.BODY_LIMIT_KB}kb`,
    encoding: 'utf-8',
  });
  app.use((ctx, next) => (ctx.path.startsWith('/xapi/') ? next() : parseBody(ctx, next)));

  // The member API first: nearly every request is for it, and its paths (/api/v1/…) are nobody
  // else's. Its routers are dispatched together (segment-dispatch.ts); the other mounts (platform,
  // callbacks, the web app) stay separate, in their order: some of them add middleware of their own
  // with router.use, which merging would spread to their neighbours.
  const mounts = [...moduleMounts(deps), ...extraMounts];
  app.use(dispatchBySegment(MEMBER_API, mounts.filter((m) => m.prefix === MEMBER_API).map((m) => m.router)));
  for (const { prefix, router } of mounts.filter((m) => m.prefix !== MEMBER_API)) {
    if (prefix) router.prefix(prefix);
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  return app;
}

const MEMBER_API = '/api/v1';
