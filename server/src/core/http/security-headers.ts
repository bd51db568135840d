import type { Middleware } from 'koa';
import helmet from 'koa-helmet';

/** The JSON APIs: prefixes whose responses are data, never documents a browser renders. */
const API = /^\/(api|platform)\//;

/**
 * What a JSON API response needs (OWASP REST Security): no sniffing, no framing, HTTPS only, and
 * no caching of responses that carry personal data. A route that may be cached says so itself.
 */
const API_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
};

/**
 * Security headers: helmet's full set on documents (the web app, the sandbox sign-in page), the
 * short API set on JSON responses — the headers meant for documents cost every API response of a
 * crowd (2,000 people starting an exam) without protecting anything there.
 */
export function securityHeaders(): Middleware {
  const documents = helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false });
  return (ctx, next) => {
    if (!API.test(ctx.path)) return documents(ctx, next);
    ctx.set(API_HEADERS);
    return next();
  };
}
