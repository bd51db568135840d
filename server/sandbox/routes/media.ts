/**
 * A local media host for the demo content: the demo course's video is served from here, so the
 * demo works without the internet (a real enterprise links its own media host or CDN).
 *   GET /media/:file   files of server/sandbox/demo (only the known ones)
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Router from '@koa/router';
import type { SandboxState } from '../state';

export const DEMO_MEDIA_DIR = join(__dirname, '..', 'demo');
const FILES: Record<string, string> = { 'qixue-intro.webm': 'video/webm' };

export function mediaRoutes(_state: SandboxState): Router {
  const router = new Router();
  router.get('/media/:file', async (ctx) => {
    const type = FILES[ctx.params.file];
    if (!type) return;
    const body = await readFile(join(DEMO_MEDIA_DIR, ctx.params.file));
    const range = /^bytes=(\d*)-(\d*)$/.exec(ctx.get('range'));
    ctx.type = type;
    ctx.set('Accept-Ranges', 'bytes');
    ctx.set('Cache-Control', 'public, max-age=3600');
    if (!range || (!range[1] && !range[2])) {
      ctx.body = body;
      return;
    }
    // Browsers ask for ranges to seek and to read a video's index.
    const start = range[1] ? Number(range[1]) : Math.max(0, body.length - Number(range[2]));
    const end = range[1] && range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
    if (start > end || start >= body.length) {
      ctx.status = 416;
      ctx.set('Content-Range', `bytes */${body.length}`);
      return;
    }
    ctx.status = 206;
    ctx.set('Content-Range', `bytes ${start}-${end}/${body.length}`);
    ctx.body = body.subarray(start, end + 1);
  });
  return router;
}
