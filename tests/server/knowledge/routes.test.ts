/**
 * Every knowledge-base route: unauthenticated → 401, invalid input → 400, another enterprise → 404
 * (and the row unchanged). Happy paths live in the feature tests next to this file.
 */
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createTenant } from '../../factories';
import { expectOtherTenantGets404, type ForeignRequest } from '../../support/isolation';
import { createFolder, createKbNode, createSpace, grantKb } from '../../factories/knowledge';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let t: TestApp;
beforeAll(async () => (t = await startTestApp({ STORAGE_DIR: mkdtempSync(join(tmpdir(), 'qixue-kb-routes-')) })));
afterAll(() => t.close());

const LONG = 'x'.repeat(65);

async function fixture() {
  const a = await createTenant(t);
  const tok = a.admin.token;
  const space = await createSpace(t, tok);
  const folder = await createFolder(t, tok, space.id, '目录');
  const doc = await createKbNode(t, tok, space.id, { title: '文档', body: '<p>正文</p>', parentId: folder.id });
  const spaceGrant = await grantKb(t, tok, { space: space.id }, { subjectKind: 'enterprise', role: 'viewer' });
  const nodeGrant = await grantKb(t, tok, { node: doc.id }, { subjectKind: 'enterprise', role: 'editor' });
  const comment = (await t.http.post(`/api/v1/docs/${doc.id}/comments`).set(bearer(tok)).send({ body: '评论' }).expect(201)).body.comment;
  const attachment = (await t.http.post(`/api/v1/docs/${doc.id}/attachments?name=a.txt`).set(bearer(tok)).set('Content-Type', 'application/octet-stream').send(Buffer.from('文本')).expect(201)).body.attachment;
  const job = (await t.http.post(`/api/v1/nodes/${doc.id}/export`).set(bearer(tok)).send({}).expect(202)).body.job;
  await t.deps.jobs.drain(['kb.export']);
  const media = new URL((await t.http.get(`/api/v1/attachments/${attachment.id}/url`).set(bearer(tok)).expect(200)).body.url).pathname;
  return { a, tok, space, folder, doc, spaceGrant, nodeGrant, comment, attachment, job, media };
}

type F = Awaited<ReturnType<typeof fixture>>;
interface Route {
  request: (f: F) => ForeignRequest;
  /** The same route with invalid input (400). */
  invalid: (f: F) => ForeignRequest;
  /** Rows it must leave alone when another enterprise calls it. */
  row?: (f: F) => () => Promise<unknown>;
  foreign?: boolean;
}

const node = (f: F) => () => t.deps.db.prisma.kbNode.findUnique({ where: { id: f.doc.id } });
const folderRow = (f: F) => () => t.deps.db.prisma.kbNode.findUnique({ where: { id: f.folder.id } });
const spaceRow = (f: F) => () => t.deps.db.prisma.kbSpace.findUnique({ where: { id: f.space.id } });
const grants = (f: F) => () => t.deps.db.prisma.kbPermission.findMany({ where: { tenantId: f.a.id }, orderBy: { id: 'asc' } });

const ROUTES: Record<string, Route> = {
  'GET /spaces': { request: () => ({ method: 'get', url: '/api/v1/spaces' }), invalid: () => ({ method: 'get', url: '/api/v1/spaces?status=x' }), foreign: false },
  'POST /spaces': { request: () => ({ method: 'post', url: '/api/v1/spaces', body: { name: '新' } }), invalid: () => ({ method: 'post', url: '/api/v1/spaces', body: { name: 5 } }), foreign: false },
  'GET /spaces/:id': { request: (f) => ({ method: 'get', url: `/api/v1/spaces/${f.space.id}` }), invalid: () => ({ method: 'get', url: `/api/v1/spaces/${LONG}` }) },
  'PATCH /spaces/:id': { request: (f) => ({ method: 'patch', url: `/api/v1/spaces/${f.space.id}`, body: { name: '改名' } }), invalid: (f) => ({ method: 'patch', url: `/api/v1/spaces/${f.space.id}`, body: {} }), row: spaceRow },
  'POST /spaces/:id/archive': { request: (f) => ({ method: 'post', url: `/api/v1/spaces/${f.space.id}/archive` }), invalid: () => ({ method: 'post', url: `/api/v1/spaces/${LONG}/archive` }), row: spaceRow },
  'POST /spaces/:id/restore': { request: (f) => ({ method: 'post', url: `/api/v1/spaces/${f.space.id}/restore` }), invalid: () => ({ method: 'post', url: `/api/v1/spaces/${LONG}/restore` }), row: spaceRow },
  'DELETE /spaces/:id': { request: (f) => ({ method: 'delete', url: `/api/v1/spaces/${f.space.id}` }), invalid: () => ({ method: 'delete', url: `/api/v1/spaces/${LONG}` }), row: spaceRow },
  'GET /spaces/:id/tree': { request: (f) => ({ method: 'get', url: `/api/v1/spaces/${f.space.id}/tree` }), invalid: (f) => ({ method: 'get', url: `/api/v1/spaces/${f.space.id}/tree?status=x` }) },
  'POST /spaces/:id/nodes': { request: (f) => ({ method: 'post', url: `/api/v1/spaces/${f.space.id}/nodes`, body: { kind: 'folder', title: 'x' } }), invalid: (f) => ({ method: 'post', url: `/api/v1/spaces/${f.space.id}/nodes`, body: { kind: 'page', title: 'x' } }), row: folderRow },
  'GET /spaces/:id/permissions': { request: (f) => ({ method: 'get', url: `/api/v1/spaces/${f.space.id}/permissions` }), invalid: () => ({ method: 'get', url: `/api/v1/spaces/${LONG}/permissions` }) },
  'POST /spaces/:id/permissions': { request: (f) => ({ method: 'post', url: `/api/v1/spaces/${f.space.id}/permissions`, body: { subjectKind: 'enterprise', role: 'manager' } }), invalid: (f) => ({ method: 'post', url: `/api/v1/spaces/${f.space.id}/permissions`, body: { subjectKind: 'team', role: 'viewer' } }), row: grants },
  'DELETE /spaces/:id/permissions/:pid': { request: (f) => ({ method: 'delete', url: `/api/v1/spaces/${f.space.id}/permissions/${f.spaceGrant.id}` }), invalid: (f) => ({ method: 'delete', url: `/api/v1/spaces/${f.space.id}/permissions/${LONG}` }), row: grants },
  'POST /spaces/:id/import': { request: (f) => ({ method: 'post', url: `/api/v1/spaces/${f.space.id}/import`, body: { markdown: '# x' } }), invalid: (f) => ({ method: 'post', url: `/api/v1/spaces/${f.space.id}/import`, body: { markdown: 1 } }) },
  'POST /spaces/:id/export': { request: (f) => ({ method: 'post', url: `/api/v1/spaces/${f.space.id}/export`, body: {} }), invalid: (f) => ({ method: 'post', url: `/api/v1/spaces/${f.space.id}/export`, body: { format: 'doc' } }) },
  'GET /nodes/:id': { request: (f) => ({ method: 'get', url: `/api/v1/nodes/${f.doc.id}` }), invalid: () => ({ method: 'get', url: `/api/v1/nodes/${LONG}` }) },
  'PATCH /nodes/:id': { request: (f) => ({ method: 'patch', url: `/api/v1/nodes/${f.doc.id}`, body: { inheritPermissions: false } }), invalid: (f) => ({ method: 'patch', url: `/api/v1/nodes/${f.doc.id}`, body: {} }), row: node },
  'POST /nodes/:id/move': { request: (f) => ({ method: 'post', url: `/api/v1/nodes/${f.doc.id}/move`, body: { spaceId: f.space.id } }), invalid: (f) => ({ method: 'post', url: `/api/v1/nodes/${f.doc.id}/move`, body: {} }), row: node },
  'POST /nodes/:id/copy': { request: (f) => ({ method: 'post', url: `/api/v1/nodes/${f.doc.id}/copy`, body: { spaceId: f.space.id } }), invalid: (f) => ({ method: 'post', url: `/api/v1/nodes/${f.doc.id}/copy`, body: { spaceId: 7 } }) },
  'POST /nodes/:id/archive': { request: (f) => ({ method: 'post', url: `/api/v1/nodes/${f.doc.id}/archive` }), invalid: () => ({ method: 'post', url: `/api/v1/nodes/${LONG}/archive` }), row: node },
  'POST /nodes/:id/restore': { request: (f) => ({ method: 'post', url: `/api/v1/nodes/${f.doc.id}/restore` }), invalid: () => ({ method: 'post', url: `/api/v1/nodes/${LONG}/restore` }), row: node },
  'DELETE /nodes/:id': { request: (f) => ({ method: 'delete', url: `/api/v1/nodes/${f.doc.id}` }), invalid: (f) => ({ method: 'delete', url: `/api/v1/nodes/${f.doc.id}?permanent=1` }), row: node },
  'GET /nodes/:id/permissions': { request: (f) => ({ method: 'get', url: `/api/v1/nodes/${f.doc.id}/permissions` }), invalid: () => ({ method: 'get', url: `/api/v1/nodes/${LONG}/permissions` }) },
  'POST /nodes/:id/permissions': { request: (f) => ({ method: 'post', url: `/api/v1/nodes/${f.doc.id}/permissions`, body: { subjectKind: 'enterprise', role: 'manager' } }), invalid: (f) => ({ method: 'post', url: `/api/v1/nodes/${f.doc.id}/permissions`, body: { subjectKind: 'member', role: 'viewer' } }), row: grants },
  'DELETE /nodes/:id/permissions/:pid': { request: (f) => ({ method: 'delete', url: `/api/v1/nodes/${f.doc.id}/permissions/${f.nodeGrant.id}` }), invalid: (f) => ({ method: 'delete', url: `/api/v1/nodes/${f.doc.id}/permissions/${LONG}` }), row: grants },
  'POST /nodes/:id/export': { request: (f) => ({ method: 'post', url: `/api/v1/nodes/${f.doc.id}/export`, body: {} }), invalid: (f) => ({ method: 'post', url: `/api/v1/nodes/${f.doc.id}/export`, body: { format: 1 } }) },
  'GET /docs/:id': { request: (f) => ({ method: 'get', url: `/api/v1/docs/${f.doc.id}` }), invalid: () => ({ method: 'get', url: `/api/v1/docs/${LONG}` }) },
  'PUT /docs/:id': { request: (f) => ({ method: 'put', url: `/api/v1/docs/${f.doc.id}`, body: { body: '<p>外人</p>' } }), invalid: (f) => ({ method: 'put', url: `/api/v1/docs/${f.doc.id}`, body: { title: 'x' } }), row: node },
  'GET /docs/:id/revisions': { request: (f) => ({ method: 'get', url: `/api/v1/docs/${f.doc.id}/revisions` }), invalid: (f) => ({ method: 'get', url: `/api/v1/docs/${f.doc.id}/revisions?limit=0` }) },
  'GET /docs/:id/revisions/:n': { request: (f) => ({ method: 'get', url: `/api/v1/docs/${f.doc.id}/revisions/1` }), invalid: (f) => ({ method: 'get', url: `/api/v1/docs/${f.doc.id}/revisions/zero` }) },
  'POST /docs/:id/revisions/:n/restore': { request: (f) => ({ method: 'post', url: `/api/v1/docs/${f.doc.id}/revisions/1/restore` }), invalid: (f) => ({ method: 'post', url: `/api/v1/docs/${f.doc.id}/revisions/0/restore` }), row: node },
  'GET /docs/:id/comments': { request: (f) => ({ method: 'get', url: `/api/v1/docs/${f.doc.id}/comments` }), invalid: () => ({ method: 'get', url: `/api/v1/docs/${LONG}/comments` }) },
  'POST /docs/:id/comments': { request: (f) => ({ method: 'post', url: `/api/v1/docs/${f.doc.id}/comments`, body: { body: '外人' } }), invalid: (f) => ({ method: 'post', url: `/api/v1/docs/${f.doc.id}/comments`, body: { body: '' } }) },
  'DELETE /docs/:id/comments/:cid': { request: (f) => ({ method: 'delete', url: `/api/v1/docs/${f.doc.id}/comments/${f.comment.id}` }), invalid: (f) => ({ method: 'delete', url: `/api/v1/docs/${f.doc.id}/comments/${LONG}` }), row: (f) => () => t.deps.db.prisma.kbComment.findUnique({ where: { id: f.comment.id } }) },
  'PUT /docs/:id/like': { request: (f) => ({ method: 'put', url: `/api/v1/docs/${f.doc.id}/like` }), invalid: () => ({ method: 'put', url: `/api/v1/docs/${LONG}/like` }) },
  'DELETE /docs/:id/like': { request: (f) => ({ method: 'delete', url: `/api/v1/docs/${f.doc.id}/like` }), invalid: () => ({ method: 'delete', url: `/api/v1/docs/${LONG}/like` }) },
  'GET /docs/:id/views': { request: (f) => ({ method: 'get', url: `/api/v1/docs/${f.doc.id}/views` }), invalid: (f) => ({ method: 'get', url: `/api/v1/docs/${f.doc.id}/views?limit=500` }) },
  'POST /docs/:id/attachments': { request: (f) => ({ method: 'post', url: `/api/v1/docs/${f.doc.id}/attachments?name=b.txt` }), invalid: (f) => ({ method: 'post', url: `/api/v1/docs/${f.doc.id}/attachments` }) },
  'GET /docs/:id/attachments': { request: (f) => ({ method: 'get', url: `/api/v1/docs/${f.doc.id}/attachments` }), invalid: () => ({ method: 'get', url: `/api/v1/docs/${LONG}/attachments` }) },
  'DELETE /attachments/:id': { request: (f) => ({ method: 'delete', url: `/api/v1/attachments/${f.attachment.id}` }), invalid: () => ({ method: 'delete', url: `/api/v1/attachments/${LONG}` }), row: (f) => () => t.deps.db.prisma.kbAttachment.findUnique({ where: { id: f.attachment.id } }) },
  'GET /attachments/:id/url': { request: (f) => ({ method: 'get', url: `/api/v1/attachments/${f.attachment.id}/url` }), invalid: () => ({ method: 'get', url: `/api/v1/attachments/${LONG}/url` }) },
  'GET /search': { request: () => ({ method: 'get', url: '/api/v1/search?q=正文' }), invalid: () => ({ method: 'get', url: '/api/v1/search?q=' }), foreign: false },
  'GET /kb-exports/:id/download': { request: (f) => ({ method: 'get', url: `/api/v1/kb-exports/${f.job.id}/download` }), invalid: () => ({ method: 'get', url: `/api/v1/kb-exports/${LONG}/download` }) },
  'GET /kb-settings': { request: () => ({ method: 'get', url: '/api/v1/kb-settings' }), invalid: () => ({ method: 'get', url: '/api/v1/kb-settings' }), foreign: false },
  'POST /kb-search/reindex': { request: () => ({ method: 'post', url: '/api/v1/kb-search/reindex' }), invalid: () => ({ method: 'post', url: '/api/v1/kb-search/reindex' }), foreign: false },
  'PUT /kb-settings': { request: () => ({ method: 'put', url: '/api/v1/kb-settings', body: { classifiedMarkers: [] } }), invalid: () => ({ method: 'put', url: '/api/v1/kb-settings', body: { classifiedMarkers: [1] } }), foreign: false },
};

let f: F;
beforeAll(async () => (f = await fixture()));

describe.each(Object.entries(ROUTES))('%s', (name, route) => {
  it('401 without a session', async () => {
    const r = route.request(f);
    const res = await t.http[r.method](r.url).send(r.body as object);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  // Routes without input cannot be invalid.
  if (!['GET /kb-settings', 'POST /kb-search/reindex'].includes(name)) {
    it('400 on invalid input', async () => {
      const r = route.invalid(f);
      const res = await t.http[r.method](r.url).set(bearer(f.tok)).send(r.body as object);
      expect(res.status).toBe(400);
    });
  }

  if (route.foreign !== false) {
    it('404 for another enterprise, row unchanged', async () => {
      await expectOtherTenantGets404(t, route.request(f), route.row?.(f));
    });
  }
});

describe('lists and search stay inside the enterprise', () => {
  it('another enterprise lists and finds none of these', async () => {
    const b = await createTenant(t);
    expect((await t.http.get('/api/v1/spaces').set(bearer(b.admin.token)).expect(200)).body.items).toEqual([]);
    expect((await t.http.get('/api/v1/search?q=正文').set(bearer(b.admin.token)).expect(200)).body.items).toEqual([]);
    expect((await t.http.get(`/api/v1/search?q=正文&spaceId=${f.space.id}`).set(bearer(b.admin.token)).expect(200)).body.items).toEqual([]);
    expect((await t.http.get('/api/v1/kb-settings').set(bearer(b.admin.token)).expect(200)).body.classifiedMarkers).toEqual([]);
    // Someone else's signed media link is refused whoever presents it.
    expect((await t.http.get(f.media).set(bearer(b.admin.token))).status).toBe(403);
  });

  it('GET /kb-settings is for admins', async () => {
    const res = await t.http.get('/api/v1/kb-settings').set(bearer(f.tok)).expect(200);
    expect(res.body.platformMarkers).toEqual(expect.arrayContaining(['绝密', '机密', '秘密', '注意保密']));
  });
});
