/** Every write to a space, folder or document leaves an audit row; the tree's writes survive fuzzing. */
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createTenant } from '../../factories';
import { createFolder, createKbNode, createSpace } from '../../factories/knowledge';
import { expectOtherTenantGets404 } from '../../support/isolation';
import { expectFuzzHandled } from '../../support/fuzz';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

describe('knowledge-base writes are audited', () => {
  it('space rename, node create, rename, move, archive, restore and document save', async () => {
    const a = await createTenant(t);
    const admin = bearer(a.admin.token);
    const space = await createSpace(t, a.admin.token);
    await t.http.patch(`/api/v1/spaces/${space.id}`).set(admin).send({ name: '新名字' }).expect(200);
    const folder = await createFolder(t, a.admin.token, space.id, '制度');
    const doc = await createKbNode(t, a.admin.token, space.id, { title: '手册', body: '<p>一</p>' });
    await t.http.patch(`/api/v1/nodes/${doc.id}`).set(admin).send({ title: '员工手册' }).expect(200);
    await t.http.post(`/api/v1/nodes/${doc.id}/move`).set(admin).send({ spaceId: space.id, parentId: folder.id }).expect(200);
    await t.http.put(`/api/v1/docs/${doc.id}`).set(admin).send({ body: '<p>二</p>' }).expect(200);
    await t.http.post(`/api/v1/nodes/${doc.id}/archive`).set(admin).expect(204);
    await t.http.post(`/api/v1/nodes/${doc.id}/restore`).set(admin).expect(200);
    const rows = await t.deps.db.prisma.auditLog.findMany({ where: { tenantId: a.id }, select: { action: true, actorId: true }, orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => r.action)).toEqual([
      'kb.space.create', 'kb.space.update', 'kb.folder.create', 'kb.document.create', 'kb.node.update', 'kb.node.move', 'kb.document.save', 'kb.node.archive', 'kb.node.restore',
    ]);
    expect(new Set(rows.map((r) => r.actorId))).toEqual(new Set([a.admin.id]));
  });

  it('renames and moves: 401, 400, another enterprise 404, fuzz', async () => {
    const a = await createTenant(t);
    const space = await createSpace(t, a.admin.token);
    const doc = await createKbNode(t, a.admin.token, space.id, { title: '手册', body: '<p>一</p>' });
    await t.http.patch(`/api/v1/spaces/${space.id}`).send({ name: 'x' }).expect(401);
    await t.http.patch(`/api/v1/spaces/${space.id}`).set(bearer(a.admin.token)).send({ name: '' }).expect(400);
    await expectOtherTenantGets404(t, { method: 'patch', url: `/api/v1/spaces/${space.id}`, body: { name: '别人的' } });
    await expectOtherTenantGets404(t, { method: 'post', url: `/api/v1/nodes/${doc.id}/move`, body: { spaceId: space.id } });
    await expectFuzzHandled(t, { method: 'patch', url: `/api/v1/spaces/${space.id}`, token: a.admin.token, valid: { name: '空间', description: '说明' } }, { allowSuccess: true });
    await expectFuzzHandled(t, { method: 'patch', url: `/api/v1/nodes/${doc.id}`, token: a.admin.token, valid: { title: '手册', sortOrder: 1 } }, { allowSuccess: true });
    await expectFuzzHandled(t, { method: 'post', url: `/api/v1/nodes/${doc.id}/move`, token: a.admin.token, valid: { spaceId: space.id, parentId: null } }, { allowSuccess: true });
    await expectFuzzHandled(t, { method: 'put', url: `/api/v1/docs/${doc.id}`, token: a.admin.token, valid: { title: '手册', body: '<p>二</p>' } }, { allowSuccess: true });
  });
});
