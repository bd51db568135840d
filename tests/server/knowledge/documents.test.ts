/** Documents: content with watermark, saving and revisions, views, likes, threaded comments, XSS, screening. */
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createMember, createTenant } from '../../factories';
import { createKbNode, createSpace, grantKb } from '../../factories/knowledge';
import { hasRead, readsOf } from '../../../server/src/modules/knowledge/social/views';
import { scopeToTenant } from '../../../server/src/core/tenancy';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

async function setup() {
  const tenant = await createTenant(t);
  const viewer = await createMember(t, tenant.id);
  const editor = await createMember(t, tenant.id);
  const space = await createSpace(t, tenant.admin.token);
  await grantKb(t, tenant.admin.token, { space: space.id }, { subjectKind: 'member', subjectId: viewer.id, role: 'viewer' });
  await grantKb(t, tenant.admin.token, { space: space.id }, { subjectKind: 'member', subjectId: editor.id, role: 'editor' });
  const doc = await createKbNode(t, editor.token, space.id, { title: '入职指南', body: '<p>欢迎加入</p>' });
  return { tenant, viewer, editor, space, doc };
}

const XSS_BODY = [
  '<p>正文<script>alert(1)</script></p>',
  '<img src="x" onerror="alert(2)">',
  '<a href="javascript:alert(3)">链接</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<p style="background:url(javascript:alert(4))" onclick="alert(5)">样式</p>',
  '<svg><script>alert(6)</script></svg>',
  '<a href="https://qixue.example/x" target="_self">安全链接</a>',
  '<img src="https://cdn.example/a.png" alt="图">',
].join('');

describe('documents', () => {
  it('shows content with a viewer watermark and records who read it when', async () => {
    const s = await setup();
    const res = await t.http.get(`/api/v1/docs/${s.doc.id}`).set(bearer(s.viewer.token)).expect(200);
    expect(res.body.document).toMatchObject({ id: s.doc.id, title: '入职指南', body: '<p>欢迎加入</p>', role: 'viewer', abilities: { read: true, write: false, manage: false } });
    expect(res.body.watermark.memberId).toBe(s.viewer.id);
    expect(res.body.watermark.hostUserId).toBe(s.viewer.hostUserId);
    expect(res.body.watermark).not.toHaveProperty('text');
    expect(res.body.watermark.name).toBe((await t.deps.db.prisma.member.findUniqueOrThrow({ where: { id: s.viewer.id }, select: { name: true } })).name);
    expect(Math.abs(Date.parse(res.body.watermark.time) - Date.now())).toBeLessThan(60_000);
    expect(res.headers['cache-control']).toBe('private, no-store');
    await t.http.get(`/api/v1/docs/${s.doc.id}`).set(bearer(s.viewer.token)).expect(200);

    const db = scopeToTenant(t.deps.db.prisma, s.tenant.id);
    expect(await hasRead(db, s.viewer.id, s.doc.id)).toBe(true);
    expect(await hasRead(db, s.editor.id, s.doc.id)).toBe(false);
    expect(await hasRead(db, s.viewer.id, s.doc.id, new Date(Date.now() + 60_000))).toBe(false);
    expect((await readsOf(db, s.viewer.id, [s.doc.id])).get(s.doc.id)?.count).toBe(2);
    // Another enterprise's scope never sees these reads.
    const other = await createTenant(t);
    expect(await hasRead(scopeToTenant(t.deps.db.prisma, other.id), s.viewer.id, s.doc.id)).toBe(false);

    const views = await t.http.get(`/api/v1/docs/${s.doc.id}/views`).set(bearer(s.editor.token)).expect(200);
    expect(views.body.total).toBe(1);
    expect(views.body.items).toEqual([expect.objectContaining({ memberId: s.viewer.id, count: 2 })]);
    await t.http.get(`/api/v1/docs/${s.doc.id}/views`).set(bearer(s.viewer.token)).expect(403);
    await t.http.get(`/api/v1/docs/${s.doc.id}/views?limit=0`).set(bearer(s.editor.token)).expect(400);
  });

  it('every save is a revision: list, show, restore; stale saves conflict', async () => {
    const s = await setup();
    const as = bearer(s.editor.token);
    const saved = await t.http.put(`/api/v1/docs/${s.doc.id}`).set(as).send({ body: '<p>第二版</p>', baseRevision: 1 }).expect(200);
    expect(saved.body.document).toMatchObject({ revision: 2, body: '<p>第二版</p>' });
    await t.http.patch(`/api/v1/nodes/${s.doc.id}`).set(as).send({ title: '入职指南（新）' }).expect(200);
    const stale = await t.http.put(`/api/v1/docs/${s.doc.id}`).set(as).send({ body: '<p>旧稿</p>', baseRevision: 1 }).expect(409);
    expect(stale.body.error.code).toBe('edit_conflict');

    const list = await t.http.get(`/api/v1/docs/${s.doc.id}/revisions`).set(bearer(s.viewer.token)).expect(200);
    expect(list.body.items.map((r: { number: number; title: string }) => [r.number, r.title])).toEqual([[3, '入职指南（新）'], [2, '入职指南'], [1, '入职指南']]);
    const page = await t.http.get(`/api/v1/docs/${s.doc.id}/revisions?limit=2`).set(bearer(s.viewer.token)).expect(200);
    expect(page.body.nextCursor).toBe('2');
    const rest = await t.http.get(`/api/v1/docs/${s.doc.id}/revisions?limit=2&before=2`).set(bearer(s.viewer.token)).expect(200);
    expect(rest.body.items.map((r: { number: number }) => r.number)).toEqual([1]);
    const first = await t.http.get(`/api/v1/docs/${s.doc.id}/revisions/1`).set(bearer(s.viewer.token)).expect(200);
    expect(first.body.revision).toMatchObject({ number: 1, body: '<p>欢迎加入</p>', authorId: s.editor.id });
    await t.http.get(`/api/v1/docs/${s.doc.id}/revisions/9`).set(bearer(s.viewer.token)).expect(404);

    await t.http.post(`/api/v1/docs/${s.doc.id}/revisions/1/restore`).set(bearer(s.viewer.token)).expect(403);
    const restored = await t.http.post(`/api/v1/docs/${s.doc.id}/revisions/1/restore`).set(as).expect(200);
    expect(restored.body.document).toMatchObject({ revision: 4, title: '入职指南', body: '<p>欢迎加入</p>' });
  });

  it('two editors saving on top of the same revision at once: one wins, the other gets edit_conflict', async () => {
    const s = await setup();
    const as = bearer(s.editor.token);
    const rivals = await Promise.all(['<p>甲</p>', '<p>乙</p>'].map((body) => t.http.put(`/api/v1/docs/${s.doc.id}`).set(as).send({ body, baseRevision: 1 })));
    expect(rivals.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(rivals.find((r) => r.status === 409)!.body.error.code).toBe('edit_conflict');
    const winner = rivals.find((r) => r.status === 200)!.body.document;
    expect(winner.revision).toBe(2);
    expect((await t.http.get(`/api/v1/docs/${s.doc.id}`).set(as).expect(200)).body.document).toMatchObject({ revision: 2, body: winner.body });
    const list = await t.http.get(`/api/v1/docs/${s.doc.id}/revisions`).set(as).expect(200);
    expect(list.body.items.map((r: { number: number }) => r.number)).toEqual([2, 1]);
  });

  it('neutralises script in documents, titles and comments', async () => {
    const s = await setup();
    const as = bearer(s.editor.token);
    const doc = await createKbNode(t, s.editor.token, s.space.id, { title: '<img src=x onerror=alert(1)>通知<script>alert(2)</script>', body: XSS_BODY });
    expect(doc.title).toBe('通知');
    const res = await t.http.get(`/api/v1/docs/${doc.id}`).set(as).expect(200);
    const body: string = res.body.document.body;
    for (const bad of ['<script', 'onerror', 'javascript:', '<iframe', 'onclick', 'style=', '<svg', 'alert(']) expect(body).not.toContain(bad);
    expect(body).toContain('<p>正文</p>');
    expect(body).toContain('<a href="https://qixue.example/x" target="_blank" rel="noopener noreferrer nofollow">安全链接</a>');
    expect(body).toContain('<img src="https://cdn.example/a.png" alt="图" />');

    const renamed = await t.http.patch(`/api/v1/nodes/${doc.id}`).set(as).send({ title: '"><svg onload=alert(1)>标题 a<b' }).expect(200);
    expect(renamed.body.node.title).toBe('"＞标题 a');
    const saved = await t.http.put(`/api/v1/docs/${doc.id}`).set(as).send({ title: '<b>粗</b>体 1 < 2', body: '<p>x</p>' }).expect(200);
    expect(saved.body.document.title).toBe('粗体 1 ＜ 2');

    const comment = await t.http.post(`/api/v1/docs/${doc.id}/comments`).set(as).send({ body: '好<script>alert(1)</script> <img src=x onerror=alert(2)>文\n第二行 <b>加粗</b>' }).expect(201);
    expect(comment.body.comment.body).toBe('好 文\n第二行 加粗');
    const space = await t.http.post('/api/v1/spaces').set(bearer(s.tenant.admin.token)).send({ name: '<script>alert(1)</script>知识库' }).expect(201);
    expect(space.body.space.name).toBe('知识库');
    const empty = await t.http.post(`/api/v1/spaces/${s.space.id}/nodes`).set(as).send({ kind: 'folder', title: '<script>x</script>' }).expect(400);
    expect(empty.body.error.code).toBe('validation_failed');
  });

  it('refuses classified documents and comments with a clear error; enterprises add their own markers', async () => {
    const s = await setup();
    const as = bearer(s.editor.token);
    for (const body of ['<p>秘密★1年</p><p>正文</p>', '<p>密级：机密</p>', '<p>【绝密】</p>', '<p>本文件为内部资料，注意保密</p>', '<p>内部文件（资料）</p>']) {
      const res = await t.http.post(`/api/v1/spaces/${s.space.id}/nodes`).set(as).send({ kind: 'document', title: '季度计划', body }).expect(422);
      expect(res.body.error.code).toBe('classified_content');
      expect(res.body.error.message).toMatch(/密级|保密/);
    }
    await t.http.post(`/api/v1/spaces/${s.space.id}/nodes`).set(as).send({ kind: 'document', title: '机密', body: '<p>x</p>' }).expect(422);
    await t.http.put(`/api/v1/docs/${s.doc.id}`).set(as).send({ body: '<p>绝密★长期</p>' }).expect(422);
    await t.http.post(`/api/v1/docs/${s.doc.id}/comments`).set(as).send({ body: '这是内部资料' }).expect(422);
    // Ordinary words are not markings.
    await t.http.post(`/api/v1/spaces/${s.space.id}/nodes`).set(as).send({ kind: 'document', title: '商业秘密保护制度', body: '<p>保护公司的商业秘密和机密信息。</p>' }).expect(201);

    const admin = bearer(s.tenant.admin.token);
    await t.http.put('/api/v1/kb-settings').set(as).send({ classifiedMarkers: ['项目北极星'] }).expect(403);
    await t.http.put('/api/v1/kb-settings').set(admin).send({ classifiedMarkers: 'x' }).expect(400);
    await t.http.put('/api/v1/kb-settings').send({ classifiedMarkers: [] }).expect(401);
    const put = await t.http.put('/api/v1/kb-settings').set(admin).send({ classifiedMarkers: ['项目北极星'] }).expect(200);
    expect(put.body.classifiedMarkers).toEqual(['项目北极星']);
    expect(put.body.platformMarkers).toContain('注意保密');
    expect((await t.http.get('/api/v1/kb-settings').set(admin).expect(200)).body.classifiedMarkers).toEqual(['项目北极星']);
    await t.http.put(`/api/v1/docs/${s.doc.id}`).set(as).send({ body: '<p>关于项目北极星的安排</p>' }).expect(422);
    // Another enterprise keeps only the platform's list.
    const other = await createTenant(t);
    const otherSpace = await createSpace(t, other.admin.token);
    await createKbNode(t, other.admin.token, otherSpace.id, { title: '项目北极星', body: '<p>公开</p>' });
    expect((await t.http.get('/api/v1/kb-settings').set(bearer(other.admin.token)).expect(200)).body.classifiedMarkers).toEqual([]);
  });

  it('threads comments; authors and managers delete them', async () => {
    const s = await setup();
    const top = await t.http.post(`/api/v1/docs/${s.doc.id}/comments`).set(bearer(s.viewer.token)).send({ body: '什么时候开始？' }).expect(201);
    const reply = await t.http.post(`/api/v1/docs/${s.doc.id}/comments`).set(bearer(s.editor.token)).send({ body: '下周一', parentId: top.body.comment.id }).expect(201);
    await t.http.post(`/api/v1/docs/${s.doc.id}/comments`).set(bearer(s.viewer.token)).send({ body: '好的', parentId: reply.body.comment.id }).expect(201);
    await t.http.post(`/api/v1/docs/${s.doc.id}/comments`).set(bearer(s.viewer.token)).send({ body: '孤儿', parentId: 'nope' }).expect(400);
    await t.http.post(`/api/v1/docs/${s.doc.id}/comments`).set(bearer(s.viewer.token)).send({ body: '' }).expect(400);

    const list = await t.http.get(`/api/v1/docs/${s.doc.id}/comments`).set(bearer(s.viewer.token)).expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0].replies[0].body).toBe('下周一');
    expect(list.body.items[0].replies[0].replies[0].body).toBe('好的');

    await t.http.delete(`/api/v1/docs/${s.doc.id}/comments/${reply.body.comment.id}`).set(bearer(s.viewer.token)).expect(403);
    await t.http.delete(`/api/v1/docs/${s.doc.id}/comments/${reply.body.comment.id}`).set(bearer(s.editor.token)).expect(204);
    await t.http.delete(`/api/v1/docs/${s.doc.id}/comments/${top.body.comment.id}`).set(bearer(s.tenant.admin.token)).expect(204);
    const after = await t.http.get(`/api/v1/docs/${s.doc.id}/comments`).set(bearer(s.viewer.token)).expect(200);
    expect(after.body.items[0]).toMatchObject({ deleted: true, body: '' });
    expect(after.body.items[0].replies[0]).toMatchObject({ deleted: true, body: '' });
  });

  it('likes once per member', async () => {
    const s = await setup();
    await t.http.put(`/api/v1/docs/${s.doc.id}/like`).set(bearer(s.viewer.token)).expect(200);
    const twice = await t.http.put(`/api/v1/docs/${s.doc.id}/like`).set(bearer(s.viewer.token)).expect(200);
    expect(twice.body).toEqual({ liked: true, likes: 1 });
    await t.http.put(`/api/v1/docs/${s.doc.id}/like`).set(bearer(s.editor.token)).expect(200);
    const doc = await t.http.get(`/api/v1/docs/${s.doc.id}`).set(bearer(s.viewer.token)).expect(200);
    expect(doc.body.document).toMatchObject({ likes: 2, liked: true });
    expect((await t.http.delete(`/api/v1/docs/${s.doc.id}/like`).set(bearer(s.viewer.token)).expect(200)).body).toEqual({ liked: false, likes: 1 });
  });
});
