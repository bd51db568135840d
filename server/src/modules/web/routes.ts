/**
 * Serves the built H5 app (miniapp/dist/h5): the employee app under /app/ and the admin console,
 * which is the same build's admin pages (/admin redirects there). Hashed assets are cached for a
 * year; every other path under /app/ answers index.html so the browser router can take it.
 * Without a build, /app/ answers 503 with how to make one. The icon is served here too (favicon.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import Router from '@koa/router';
import type { Context } from 'koa';
import { ROOT_DIR } from '@qixue/config';
import type { AppDeps, AppState } from '../../core/context';
import { AppError } from '../../core/errors';
import { contentSecurityPolicy } from './content-security-policy';
import { devSignInRoutes } from './dev-sign-in';
import { FAVICON_SVG } from './favicon';

export const DEFAULT_WEB_DIR = resolve(ROOT_DIR, 'miniapp', 'dist', 'h5');
export const ADMIN_ENTRY = '/app/packages/admin/pages/dashboard/index';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

const notBuilt = () =>
  new AppError(
    503,
    'app_not_built',
    '前端尚未构建：请运行 npm run build:miniapp（或 npm run build:h5 -w miniapp）后刷新 / The web app is not built: run `npm run build:miniapp`',
  );

export function webRoutes(deps: AppDeps, dir: string = DEFAULT_WEB_DIR): Router<AppState> {
  const router = new Router<AppState>();
  const root = resolve(dir);

  const dev = devSignInRoutes(deps);
  router.use(dev.routes(), dev.allowedMethods());
  router.get('/', (ctx) => ctx.redirect('/app/'));
  router.get(['/favicon.svg', '/favicon.ico'], (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.type = 'image/svg+xml';
    ctx.body = FAVICON_SVG;
  });
  router.get(['/admin', '/admin/{*rest}'], (ctx) => ctx.redirect(ADMIN_ENTRY));
  router.get(['/app', '/app/{*rest}'], async (ctx) => {
    if (ctx.path === '/app') return ctx.redirect('/app/');
    const relative = decodeSafe(ctx.path.slice('/app/'.length));
    const file = relative && !relative.endsWith('/') ? inside(root, relative) : null;
    if (file && (await isFile(file))) {
      if (file.endsWith('.html')) ctx.set('Content-Security-Policy', await policyOf(file));
      return send(ctx, file, /[.-][0-9a-f]{8,}\./.test(relative));
    }
    // A missing asset is a 404, not the app shell (a stale cached page would otherwise get HTML for JS).
    if (/\.[a-z0-9]{1,5}$/i.test(relative) && !relative.endsWith('.html')) {
      throw new AppError(404, 'not_found', `未找到 / Not found: ${relative}`);
    }
    const index = join(root, 'index.html');
    if (!(await isFile(index))) throw notBuilt();
    ctx.set('Content-Security-Policy', await policyOf(index));
    return send(ctx, index, false);
  });
  return router;
}

function decodeSafe(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return '';
  }
}

const policies = new Map<string, { mtimeMs: number; policy: string }>();

/** The CSP of the app shell, from its inline scripts; recomputed when the build changes. */
async function policyOf(index: string): Promise<string> {
  const { mtimeMs } = await stat(index);
  const cached = policies.get(index);
  if (cached?.mtimeMs === mtimeMs) return cached.policy;
  const policy = contentSecurityPolicy(await readFile(index, 'utf8'));
  policies.set(index, { mtimeMs, policy });
  return policy;
}

/** The file under root for a URL path, or null when the path would leave root. */
function inside(root: string, relative: string): string | null {
  if (relative.includes('\0')) return null;
  const full = normalize(join(root, relative));
  return full.startsWith(root + sep) ? full : null;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function send(ctx: Context, file: string, immutable: boolean): Promise<void> {
  const info = await stat(file);
  ctx.set('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  ctx.type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  ctx.length = info.size;
  ctx.lastModified = info.mtime;
  ctx.status = 200;
  if (ctx.fresh) {
    ctx.status = 304;
    return;
  }
  // Whole files (the largest chunk is a few hundred KB): a browser that navigates away mid-download
  // then costs nothing, where a stream would report a premature close.
  ctx.body = ctx.method === 'HEAD' ? null : await readFile(file);
}
