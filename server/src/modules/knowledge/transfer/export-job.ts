/**
 * The `kb.export` job: a document or a whole space as Markdown or HTML files in a zip, folders as
 * directories. Runs as the member who asked (their access is re-checked when the job runs: only
 * what they may read goes in), reports progress per document, and stores the zip where the
 * download route finds it: <tenantId>/exports/<jobId>.zip.
 */
import { zipSync, strToU8 } from 'fflate';
import type { Actor, AppDeps } from '../../../core/context';
import type { JobIO, JobRecord } from '../../../jobs/queue';
import { scopeToTenant } from '../../../core/tenancy';
import type { Kb } from '../context';
import { escapeHtml } from '../content/sanitize';
import { htmlToMarkdown } from '../content/markdown';
import { loadAccess, pathIds } from '../policy';
import { searchEngine } from '../search';
import { REINDEX_JOB, runReindex } from '../search/reindex-job';
import { storageOf } from '../storage';

export const EXPORT_JOB = 'kb.export';

export interface ExportPayload {
  memberId: string;
  target: { kind: 'space' | 'node'; id: string };
  format: 'markdown' | 'html';
}

export const exportKey = (tenantId: string, jobId: string) => `${tenantId}/exports/${jobId}.zip`;

// eslint-disable-next-line no-control-regex
const safeName = (title: string) => title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '_').slice(0, 100) || '未命名';

function htmlPage(title: string, body: string): string {
  return `<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body><h1>${escapeHtml(title)}</h1>\n${body}\n</body></html>\n`;
}

export async function runExport(deps: AppDeps, job: JobRecord, io: JobIO) {
  const payload = job.payload as ExportPayload;
  const tenantId = job.tenantId!;
  const db = scopeToTenant(deps.db.prisma, tenantId);
  const member = await db.member.findUnique({ where: { id: payload.memberId }, select: { role: true, status: true } });
  if (!member || member.status !== 'active') throw new Error('the member who asked for the export is no longer active');
  const actor: Actor = { sessionId: '', tenantId, memberId: payload.memberId, role: member.role };
  const kb: Kb = { deps, db, actor, access: await loadAccess(db, actor), search: searchEngine(deps) };

  let rootName: string;
  let where: Record<string, unknown>;
  let base = '/';
  if (payload.target.kind === 'space') {
    const space = await db.kbSpace.findUnique({ where: { id: payload.target.id }, select: { id: true, name: true } });
    if (!space) throw new Error('space not found');
    rootName = space.name;
    where = { spaceId: space.id };
  } else {
    const node = await db.kbNode.findUnique({ where: { id: payload.target.id }, select: { path: true, title: true, parentId: true } });
    if (!node) throw new Error('node not found');
    rootName = node.title;
    where = { path: { startsWith: node.path } };
    base = node.path.slice(0, node.path.length - pathIds(node.path).pop()!.length - 1);
  }
  const nodes = (await db.kbNode.findMany({ where: { ...where, status: 'active' }, select: { id: true, kind: true, title: true, path: true, aclPath: true } }))
    .filter((n) => kb.access.can('read', kb.access.roleOn(n)))
    .sort((a, b) => a.path.length - b.path.length);
  const docs = nodes.filter((n) => n.kind === 'document');

  // Directory names per folder, unique among siblings.
  const names = new Map<string, string>();
  const used = new Set<string>();
  const place = (n: { id: string; title: string; path: string }, ext: string) => {
    const parents = pathIds(n.path.slice(base.length - 1)).slice(0, -1).map((id) => names.get(id)).filter(Boolean);
    const dir = parents.join('/');
    let name = safeName(n.title);
    for (let i = 2; used.has(`${dir}/${name}${ext}`); i++) name = `${safeName(n.title)} (${i})`;
    used.add(`${dir}/${name}${ext}`);
    names.set(n.id, dir ? `${dir}/${name}` : name);
    return names.get(n.id)! + ext;
  };
  for (const folder of nodes.filter((n) => n.kind === 'folder')) place(folder, '');

  const files: Record<string, Uint8Array> = {};
  const ext = payload.format === 'markdown' ? '.md' : '.html';
  await io.progress(0, docs.length);
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i];
    const content = await db.kbNode.findUnique({ where: { id: doc.id }, select: { body: true } });
    const body = content?.body ?? '';
    files[place(doc, ext)] = strToU8(payload.format === 'markdown' ? `# ${doc.title}\n\n${htmlToMarkdown(body)}\n` : htmlPage(doc.title, body));
    if ((i + 1) % 20 === 0 || i + 1 === docs.length) await io.progress(i + 1, docs.length);
  }
  const zip = Buffer.from(zipSync(files, { level: 6 }));
  await storageOf(deps).put(exportKey(tenantId, job.id), zip, 'application/zip');
  return { fileName: `${safeName(rootName)}.zip`, size: zip.length, documents: docs.length, download: `/api/v1/kb-exports/${job.id}/download` };
}

/** Every background job of knowledge bases (jobs/handlers.ts calls this). */
export function registerKnowledgeJobs(deps: AppDeps): void {
  deps.jobs.register(EXPORT_JOB, (job, io) => runExport(deps, job, io));
  deps.jobs.register(REINDEX_JOB, (job, io) => runReindex(deps, job, io));
}
