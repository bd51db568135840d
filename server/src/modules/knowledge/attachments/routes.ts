/**
 * /api/v1/docs/:id/attachments (upload, list), /api/v1/attachments/:id (delete), /url (a signed
 * media URL) and /api/v1/media/:token (the file itself, online only).
 *
 * An upload is the raw file as the request body (Content-Type: application/octet-stream) with its
 * name in `?name=`; size, type (name and content must agree) and classified markers are checked
 * before anything is stored.
 */
import Router from '@koa/router';
import { createHash } from 'node:crypto';
import type { AppDeps, AppState, Actor } from '../../../core/context';
import { authenticate, bearerToken } from '../../../core/auth/authenticate';
import { verifySession } from '../../../core/auth/sessions';
import { AppError, errors } from '../../../core/errors';
import { scopeToTenant } from '../../../core/tenancy';
import { inputOf, validate } from '../../../core/validate';
import { assertQuota } from '../../editions/gate';
import { kbOf, newId, type Kb } from '../context';
import { neutraliseFileName } from '../content/sanitize';
import { refuseClassified } from '../content/screening';
import { markersOf } from '../documents/service';
import { loadNode } from '../nodes/load';
import { loadAccess } from '../policy';
import { searchEngine } from '../search';
import { storageOf } from '../storage';
import { attachmentParams, idParams, uploadQuery } from '../schema';
import { detectType, extractText } from './file-types';
import { signMediaToken, verifyMediaToken } from './signed-url';

const attachmentSelect = { id: true, nodeId: true, fileName: true, mimeType: true, size: true, uploadedById: true, createdAt: true } as const;
const present = (a: { id: string; nodeId: string; fileName: string; mimeType: string; size: number; uploadedById: string; createdAt: Date }) => ({
  id: a.id, nodeId: a.nodeId, fileName: a.fileName, mimeType: a.mimeType, size: a.size, uploadedById: a.uploadedById, createdAt: a.createdAt.toISOString(),
});

async function readUpload(ctx: { req: NodeJS.ReadableStream; request: { body?: unknown } }, maxBytes: number): Promise<Buffer> {
  const parsed = ctx.request.body;
  if (typeof parsed === 'string') return Buffer.from(parsed, 'utf8');
  if (parsed && typeof parsed === 'object' && Object.keys(parsed).length > 0) {
    throw errors.badRequest('upload_body', '请以 application/octet-stream 上传文件内容 / Send the file bytes as application/octet-stream');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) throw new AppError(413, 'file_too_large', `文件超过 ${Math.round(maxBytes / 1048576)} MB / The file is larger than ${Math.round(maxBytes / 1048576)} MB`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function loadAttachment(kb: Kb, id: string, action: 'read' | 'write') {
  const attachment = await kb.db.kbAttachment.findUnique({ where: { id }, select: { ...attachmentSelect, storageKey: true } });
  if (!attachment) throw errors.notFound('attachment');
  await loadNode(kb, attachment.nodeId, action, { kind: 'document' }).catch((err: AppError) => {
    throw err.status === 404 ? errors.notFound('attachment') : err;
  });
  return attachment;
}

export function attachmentRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = authenticate(deps);
  const maxBytes = deps.config.KB_UPLOAD_MAX_MB * 1024 * 1024;

  const upload = { params: idParams, query: uploadQuery };
  router.post('/docs/:id/attachments', auth, validate(upload), async (ctx) => {
    const { params, query } = inputOf(ctx, upload);
    const kb = await kbOf(ctx, deps);
    const { node } = await loadNode(kb, params.id, 'write', { kind: 'document' });
    const fileName = neutraliseFileName(query.name);
    const data = await readUpload(ctx, maxBytes);
    const type = detectType(fileName, data);
    if (!type) throw new AppError(415, 'unsupported_file_type', '不支持的文件类型，或文件内容与扩展名不符 / Unsupported file type, or the content does not match the name', { fileName });
    const text = await extractText(type, data).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'unsafe_archive') throw err;
      throw new AppError(415, 'unsupported_file_type', '文件已损坏，无法读取 / The file is damaged', { fileName });
    });
    refuseClassified(await markersOf(kb), [{ what: 'file name', text: fileName }, { what: 'file', text }]);
    await assertQuota({ db: kb.db, tenantId: kb.actor.tenantId }, 'storageBytes', data.length);
    const id = newId();
    const storageKey = `${kb.actor.tenantId}/attachments/${id}.${type.ext}`;
    await storageOf(deps).put(storageKey, data, type.mime);
    const row = await kb.db.kbAttachment.create({
      data: {
        id, spaceId: node.spaceId, nodeId: node.id, fileName, mimeType: type.mime, size: data.length,
        sha256: createHash('sha256').update(data).digest('hex'), storageKey, uploadedById: kb.actor.memberId,
      } as never,
      select: attachmentSelect,
    });
    ctx.status = 201;
    ctx.body = { attachment: present(row) };
  });

  const one = { params: idParams };
  router.get('/docs/:id/attachments', auth, validate(one), async (ctx) => {
    const kb = await kbOf(ctx, deps);
    const { node } = await loadNode(kb, inputOf(ctx, one).params.id, 'read', { kind: 'document' });
    const rows = await kb.db.kbAttachment.findMany({ where: { nodeId: node.id }, select: attachmentSelect, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    ctx.body = { items: rows.map(present) };
  });

  const byId = { params: attachmentParams };
  router.delete('/attachments/:id', auth, validate(byId), async (ctx) => {
    const kb = await kbOf(ctx, deps);
    const attachment = await loadAttachment(kb, inputOf(ctx, byId).params.id, 'write');
    await kb.db.kbAttachment.delete({ where: { id: attachment.id } });
    await storageOf(deps).remove(attachment.storageKey);
    ctx.status = 204;
  });

  router.get('/attachments/:id/url', auth, validate(byId), async (ctx) => {
    const kb = await kbOf(ctx, deps);
    const attachment = await loadAttachment(kb, inputOf(ctx, byId).params.id, 'read');
    const expiresAt = Math.floor(Date.now() / 1000) + deps.config.KB_MEDIA_URL_TTL_SECONDS;
    const token = signMediaToken(deps.config.SECRET_KEY, { a: attachment.id, t: kb.actor.tenantId, m: kb.actor.memberId, s: kb.actor.sessionId, e: expiresAt });
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = { url: `${deps.config.PUBLIC_URL.replace(/\/$/, '')}/api/v1/media/${token}`, expiresAt: new Date(expiresAt * 1000).toISOString() };
  });

  router.get('/media/:token', async (ctx) => {
    const refused = (code: string, message: string) => new AppError(403, code, message);
    const check = verifyMediaToken(deps.config.SECRET_KEY, String(ctx.params.token ?? ''));
    if (!check.ok) {
      throw check.reason === 'expired'
        ? refused('media_link_expired', '链接已过期，请重新打开 / This link has expired')
        : refused('media_link_invalid', '链接无效 / This link is not valid');
    }
    const { claims } = check;
    const someoneElse = () => refused('media_link_invalid', '该链接属于其他成员 / This link belongs to someone else');
    // Bound to the member: a link alone opens nothing, only together with that member's own session.
    const token = bearerToken(ctx.get('authorization'));
    if (!token) throw errors.unauthenticated();
    const caller = await verifySession(deps.db, token);
    if (!caller.ok || caller.actor.memberId !== claims.m || caller.actor.tenantId !== claims.t) throw someoneElse();
    // The signing session must still be valid: signing out or leaving kills the link at once.
    const db = scopeToTenant(deps.db.prisma, claims.t);
    const session = await db.session.findUnique({ where: { id: claims.s }, select: { memberId: true, revokedAt: true, expiresAt: true } });
    const member = await db.member.findUnique({ where: { id: claims.m }, select: { role: true, status: true } });
    if (!session || session.memberId !== claims.m || session.revokedAt || session.expiresAt <= new Date() || member?.status !== 'active') throw someoneElse();
    const actor: Actor = { sessionId: claims.s, tenantId: claims.t, memberId: claims.m, role: member.role };
    const kb: Kb = { deps, db, actor, access: await loadAccess(db, actor), search: searchEngine(deps) };
    const attachment = await loadAttachment(kb, claims.a, 'read');
    const file = await storageOf(deps).get(attachment.storageKey);
    if (!file) throw errors.notFound('attachment');
    ctx.set('Cache-Control', 'private, no-store');
    ctx.set('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`);
    ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
    ctx.set('Accept-Ranges', 'bytes');
    ctx.type = attachment.mimeType;
    // Players seek with Range requests (Safari plays no video without them).
    const range = /^bytes=(\d*)-(\d*)$/.exec(ctx.get('range'));
    if (range && (range[1] || range[2])) {
      const size = file.body.length;
      const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
      const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
      if (start >= size || start > end) {
        ctx.status = 416;
        ctx.set('Content-Range', `bytes */${size}`);
        return;
      }
      ctx.status = 206;
      ctx.set('Content-Range', `bytes ${start}-${end}/${size}`);
      ctx.body = file.body.subarray(start, end + 1);
      return;
    }
    ctx.body = file.body;
  });

  return router;
}
