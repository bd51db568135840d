/** Spaces and their tree: create, list, move, copy, archive, restore, delete, purge. */
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createMember, createTenant } from '../../factories';
import { createFolder, createKbNode, createSpace, grantKb } from '../../factories/knowledge';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

type Item = { id: string; title: string; kind: string; children?: Item[] };
const shape = (items: Item[]): unknown[] => items.map((i) => (i.children ? { [i.title]: shape(i.children) } : i.title));

describe('spaces', () => {
  it('admins create spaces; members see the spaces they hold a grant in', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    await t.http.post('/api/v1/spaces').set(bearer(m.token)).send({ name: '我的' }).expect(403);
    await t.http.post('/api/v1/spaces').set(bearer(a.admin.token)).send({ name: '' }).expect(400);
    const s1 = await createSpace(t, a.admin.token, '制度');
    const s2 = await createSpace(t, a.admin.token, '产品');
    const doc = await createKbNode(t, a.admin.token, s2.id, { title: '发布说明' });
    expect((await t.http.get('/api/v1/spaces').set(bearer(a.admin.token))).body.items.map((s: { name: string }) => s.name)).toEqual(['制度', '产品']);
    expect((await t.http.get('/api/v1/spaces').set(bearer(m.token))).body.items).toEqual([]);
    await grantKb(t, a.admin.token, { space: s1.id }, { subjectKind: 'member', subjectId: m.id, role: 'viewer' });
    await grantKb(t, a.admin.token, { node: doc.id }, { subjectKind: 'member', subjectId: m.id, role: 'viewer' });
    const seen = await t.http.get('/api/v1/spaces').set(bearer(m.token)).expect(200);
    expect(seen.body.items.map((s: { name: string; role: string | null }) => [s.name, s.role])).toEqual([['制度', 'viewer'], ['产品', null]]);
    await t.http.get(`/api/v1/spaces/${s2.id}`).set(bearer(m.token)).expect(200);
    await t.http.patch(`/api/v1/spaces/${s1.id}`).set(bearer(m.token)).send({ name: 'x' }).expect(403);
    const renamed = await t.http.patch(`/api/v1/spaces/${s1.id}`).set(bearer(a.admin.token)).send({ name: '公司制度', description: '<b>全部</b>制度' }).expect(200);
    expect(renamed.body.space).toMatchObject({ name: '公司制度', description: '全部制度' });
    await t.http.patch(`/api/v1/spaces/${s1.id}`).set(bearer(a.admin.token)).send({}).expect(400);
  });

  it('archives, restores and deletes a space; its documents leave search and come back', async () => {
    const a = await createTenant(t);
    const as = bearer(a.admin.token);
    const space = await createSpace(t, a.admin.token);
    await createKbNode(t, a.admin.token, space.id, { title: '归档测试', body: '<p>季度总结</p>' });
    const find = async () => (await t.http.get('/api/v1/search?q=季度总结').set(as)).body.items.length;
    expect(await find()).toBe(1);
    await t.http.post(`/api/v1/spaces/${space.id}/archive`).set(as).expect(200);
    expect(await find()).toBe(0);
    await t.http.get(`/api/v1/spaces/${space.id}/tree`).set(as).expect(404);
    expect((await t.http.get('/api/v1/spaces?status=archived').set(as)).body.items.map((s: { id: string }) => s.id)).toEqual([space.id]);
    await t.http.post(`/api/v1/spaces/${space.id}/restore`).set(as).expect(200);
    expect(await find()).toBe(1);
    const m = await createMember(t, a.id);
    await grantKb(t, a.admin.token, { space: space.id }, { subjectKind: 'member', subjectId: m.id, role: 'manager' });
    await t.http.delete(`/api/v1/spaces/${space.id}`).set(bearer(m.token)).expect(403);
    await t.http.delete(`/api/v1/spaces/${space.id}`).set(as).expect(200);
    expect(await find()).toBe(0);
    await t.http.get(`/api/v1/spaces/${space.id}`).set(bearer(m.token)).expect(404);
    expect((await t.http.get('/api/v1/spaces?status=deleted').set(as)).body.items).toHaveLength(1);
    await t.http.get('/api/v1/spaces?status=deleted').set(bearer(m.token)).expect(403);
    await t.http.get('/api/v1/spaces?status=gone').set(as).expect(400);
  });
});

describe('tree', () => {
  it('builds the tree, moves within and across spaces, refuses cycles', async () => {
    const a = await createTenant(t);
    const tok = a.admin.token;
    const as = bearer(tok);
    const space = await createSpace(t, tok);
    const other = await createSpace(t, tok, '另一个');
    const hr = await createFolder(t, tok, space.id, '人事');
    const pay = await createFolder(t, tok, space.id, '薪酬', hr.id);
    const doc = await createKbNode(t, tok, space.id, { title: '工资条说明', parentId: pay.id });
    await createKbNode(t, tok, space.id, { title: '首页' });
    const tree = await t.http.get(`/api/v1/spaces/${space.id}/tree`).set(as).expect(200);
    expect(shape(tree.body.items)).toEqual([{ 人事: [{ 薪酬: ['工资条说明'] }] }, '首页']);

    const bad = await t.http.post(`/api/v1/nodes/${hr.id}/move`).set(as).send({ spaceId: space.id, parentId: pay.id }).expect(400);
    expect(bad.body.error.code).toBe('invalid_move');
    await t.http.post(`/api/v1/nodes/${hr.id}/move`).set(as).send({ spaceId: space.id, parentId: doc.id }).expect(404);
    await t.http.post(`/api/v1/nodes/${hr.id}/move`).set(as).send({ spaceId: other.id, parentId: pay.id }).expect(400);
    await t.http.post(`/api/v1/nodes/${pay.id}/move`).set(as).send({ spaceId: space.id, parentId: null, sortOrder: -1 }).expect(200);
    expect(shape((await t.http.get(`/api/v1/spaces/${space.id}/tree`).set(as)).body.items)).toEqual([{ 薪酬: ['工资条说明'] }, { 人事: [] }, '首页']);

    const moved = await t.http.post(`/api/v1/nodes/${pay.id}/move`).set(as).send({ spaceId: other.id }).expect(200);
    expect(moved.body.node.spaceId).toBe(other.id);
    expect(shape((await t.http.get(`/api/v1/spaces/${other.id}/tree`).set(as)).body.items)).toEqual([{ 薪酬: ['工资条说明'] }]);
    expect((await t.http.get(`/api/v1/nodes/${doc.id}`).set(as)).body.node.spaceId).toBe(other.id);
  });

  it('moving carries permissions along the new path', async () => {
    const a = await createTenant(t);
    const tok = a.admin.token;
    const m = await createMember(t, a.id);
    const open = await createSpace(t, tok, '开放');
    const closed = await createSpace(t, tok, '关闭');
    await grantKb(t, tok, { space: open.id }, { subjectKind: 'member', subjectId: m.id, role: 'editor' });
    const doc = await createKbNode(t, tok, closed.id, { title: '待移动' });
    await t.http.get(`/api/v1/docs/${doc.id}`).set(bearer(m.token)).expect(404);
    await t.http.post(`/api/v1/nodes/${doc.id}/move`).set(bearer(tok)).send({ spaceId: open.id }).expect(200);
    await t.http.get(`/api/v1/docs/${doc.id}`).set(bearer(m.token)).expect(200);
    // An editor cannot move it out into a space they cannot write.
    await t.http.post(`/api/v1/nodes/${doc.id}/move`).set(bearer(m.token)).send({ spaceId: closed.id }).expect(404);
  });

  it('copies a folder with its documents as new documents', async () => {
    const a = await createTenant(t);
    const tok = a.admin.token;
    const as = bearer(tok);
    const space = await createSpace(t, tok);
    const folder = await createFolder(t, tok, space.id, '模板');
    const doc = await createKbNode(t, tok, space.id, { title: '周报模板', body: '<p>本周工作</p>', parentId: folder.id });
    await t.http.put(`/api/v1/docs/${doc.id}`).set(as).send({ body: '<p>本周工作与下周计划</p>' }).expect(200);
    const copy = await t.http.post(`/api/v1/nodes/${folder.id}/copy`).set(as).send({ spaceId: space.id }).expect(201);
    expect(copy.body.node).toMatchObject({ title: '模板 (副本)', kind: 'folder' });
    const tree = await t.http.get(`/api/v1/spaces/${space.id}/tree`).set(as).expect(200);
    expect(shape(tree.body.items)).toEqual([{ 模板: ['周报模板'] }, { '模板 (副本)': ['周报模板'] }]);
    const copiedDoc = tree.body.items[1].children[0];
    const content = await t.http.get(`/api/v1/docs/${copiedDoc.id}`).set(as).expect(200);
    expect(content.body.document).toMatchObject({ body: '<p>本周工作与下周计划</p>', revision: 1 });
    expect((await t.http.get('/api/v1/search?q=下周计划').set(as)).body.items).toHaveLength(2);
    await t.http.post(`/api/v1/nodes/${folder.id}/copy`).set(as).send({ spaceId: space.id, parentId: folder.id }).expect(400);
    await t.http.post(`/api/v1/nodes/${folder.id}/copy`).set(as).send({}).expect(400);
  });

  it('archives and restores subtrees; deletes to the trash, restores, purges', async () => {
    const a = await createTenant(t);
    const tok = a.admin.token;
    const as = bearer(tok);
    const m = await createMember(t, a.id);
    const space = await createSpace(t, tok);
    await grantKb(t, tok, { space: space.id }, { subjectKind: 'member', subjectId: m.id, role: 'editor' });
    const folder = await createFolder(t, tok, space.id, '旧制度');
    const doc = await createKbNode(t, tok, space.id, { title: '2019 考勤', parentId: folder.id });
    await t.http.post(`/api/v1/nodes/${folder.id}/archive`).set(bearer(m.token)).expect(204);
    expect((await t.http.get(`/api/v1/spaces/${space.id}/tree`).set(as)).body.items).toEqual([]);
    const archived = await t.http.get(`/api/v1/spaces/${space.id}/tree?status=archived`).set(as).expect(200);
    expect(archived.body.items.map((i: Item) => i.title).sort()).toEqual(['2019 考勤', '旧制度']);
    await t.http.get(`/api/v1/docs/${doc.id}`).set(as).expect(404);
    await t.http.get(`/api/v1/nodes/${doc.id}`).set(as).expect(200);
    await t.http.post(`/api/v1/nodes/${folder.id}/restore`).set(bearer(m.token)).expect(200);
    expect(shape((await t.http.get(`/api/v1/spaces/${space.id}/tree`).set(as)).body.items)).toEqual([{ 旧制度: ['2019 考勤'] }]);

    await t.http.delete(`/api/v1/nodes/${folder.id}`).set(bearer(m.token)).expect(403);
    await t.http.delete(`/api/v1/nodes/${folder.id}`).set(as).expect(204);
    await t.http.post(`/api/v1/nodes/${folder.id}/restore`).set(bearer(m.token)).expect(403);
    expect((await t.http.get(`/api/v1/spaces/${space.id}/tree?status=deleted`).set(as)).body.items).toHaveLength(2);
    // A document restored out of a deleted folder comes back at the top.
    await t.http.post(`/api/v1/nodes/${doc.id}/restore`).set(as).expect(200);
    expect(shape((await t.http.get(`/api/v1/spaces/${space.id}/tree`).set(as)).body.items)).toEqual(['2019 考勤']);
    await t.http.delete(`/api/v1/nodes/${doc.id}?permanent=true`).set(as).expect(403);
    await t.http.delete(`/api/v1/nodes/${doc.id}?permanent=maybe`).set(as).expect(400);
    await t.http.delete(`/api/v1/nodes/${doc.id}`).set(as).expect(204);
    await t.http.delete(`/api/v1/nodes/${doc.id}?permanent=true`).set(as).expect(204);
    expect(await t.deps.db.prisma.kbNode.findUnique({ where: { id: doc.id } })).toBeNull();
    expect(await t.deps.db.prisma.kbRevision.count({ where: { nodeId: doc.id } })).toBe(0);
  });

  it('breaking inheritance needs manage', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    const space = await createSpace(t, a.admin.token);
    await grantKb(t, a.admin.token, { space: space.id }, { subjectKind: 'member', subjectId: m.id, role: 'editor' });
    const folder = await createFolder(t, a.admin.token, space.id, '财务');
    await t.http.patch(`/api/v1/nodes/${folder.id}`).set(bearer(m.token)).send({ inheritPermissions: false }).expect(403);
    await t.http.patch(`/api/v1/nodes/${folder.id}`).set(bearer(m.token)).send({ title: '财务部' }).expect(200);
    await t.http.patch(`/api/v1/nodes/${folder.id}`).set(bearer(m.token)).send({ inheritPermissions: 'no' }).expect(400);
  });
});
