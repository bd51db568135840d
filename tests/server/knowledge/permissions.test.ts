/**
 * The permission matrix: role × subject kind × where the grant sits (space, folder, the document
 * itself) × broken inheritance, for read, write, manage and search.
 */
import { randomBytes } from 'node:crypto';
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { addToDepartment, createDepartment, createMember, createTenant } from '../../factories';
import { breakInheritance, createFolder, createKbNode, createSpace, grantKb } from '../../factories/knowledge';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

type Role = 'viewer' | 'editor' | 'manager';
type Subject = 'member' | 'department' | 'enterprise';
type Place = 'space' | 'folder' | 'document' | 'space-broken';
const RANK: Record<Role, number> = { viewer: 1, editor: 2, manager: 3 };

const cases: [Role, Subject, Place][] = [];
for (const role of ['viewer', 'editor', 'manager'] as Role[]) {
  for (const subject of ['member', 'department', 'enterprise'] as Subject[]) {
    for (const place of ['space', 'folder', 'document', 'space-broken'] as Place[]) cases.push([role, subject, place]);
  }
}

type TreeItem = { id: string; children?: TreeItem[] };
const treeIds = (items: TreeItem[]): string[] => items.flatMap((i) => [i.id, ...treeIds(i.children ?? [])]);

async function scenario(role: Role, subject: Subject, place: Place) {
  const tenant = await createTenant(t);
  const member = await createMember(t, tenant.id);
  // The member sits in a sub-department of the department that gets the grant.
  const parent = await createDepartment(t, tenant.id);
  const child = await createDepartment(t, tenant.id, parent);
  await addToDepartment(t, tenant.id, child.id, member.id);
  const word = `mx${randomBytes(4).toString('hex')}`;
  const space = await createSpace(t, tenant.admin.token);
  const folder = await createFolder(t, tenant.admin.token, space.id, '人事制度');
  const doc = await createKbNode(t, tenant.admin.token, space.id, { title: `考勤制度 ${word}`, body: `<p>员工考勤 ${word}</p>`, parentId: folder.id });
  const grant = { subjectKind: subject, subjectId: subject === 'member' ? member.id : subject === 'department' ? parent.id : undefined, role };
  const target = place === 'folder' ? { node: folder.id } : place === 'document' ? { node: doc.id } : { space: space.id };
  await grantKb(t, tenant.admin.token, target, grant);
  if (place === 'space-broken') await breakInheritance(t, tenant.admin.token, folder.id);
  return { tenant, member, space, folder, doc, word };
}

describe.each(cases)('%s granted to %s on %s', (role, subject, place) => {
  it('reads, writes, manages and finds exactly what the grant allows', async () => {
    const s = await scenario(role, subject, place);
    const as = bearer(s.member.token);
    const applies = place !== 'space-broken';
    const can = (needed: Role) => applies && RANK[role] >= RANK[needed];

    const read = await t.http.get(`/api/v1/docs/${s.doc.id}`).set(as);
    expect(read.status).toBe(can('viewer') ? 200 : 404);

    const write = await t.http.put(`/api/v1/docs/${s.doc.id}`).set(as).send({ body: '<p>改过了</p>' });
    expect(write.status).toBe(can('editor') ? 200 : can('viewer') ? 403 : 404);

    const manage = await t.http.get(`/api/v1/nodes/${s.doc.id}/permissions`).set(as);
    expect(manage.status).toBe(can('manager') ? 200 : can('viewer') ? 403 : 404);

    const search = await t.http.get(`/api/v1/search?q=${s.word}`).set(as).expect(200);
    expect(search.body.items.map((i: { id: string }) => i.id)).toEqual(can('viewer') ? [s.doc.id] : []);

    // The tree shows the document exactly when it can be read.
    const tree = await t.http.get(`/api/v1/spaces/${s.space.id}/tree`).set(as);
    const ids = treeIds(tree.body.items ?? []);
    expect(ids.includes(s.doc.id)).toBe(can('viewer'));
    // A grant on the folder or the space (not broken) shows the folder; a grant on the document alone does not.
    expect(ids.includes(s.folder.id)).toBe(applies && place !== 'document');
  });
});

describe('around the matrix', () => {
  it('enterprise admins manage everything, even under broken inheritance; members without grants see nothing', async () => {
    const s = await scenario('viewer', 'member', 'space-broken');
    const admin = bearer(s.tenant.admin.token);
    await t.http.get(`/api/v1/docs/${s.doc.id}`).set(admin).expect(200);
    await t.http.put(`/api/v1/docs/${s.doc.id}`).set(admin).send({ body: '<p>管理员</p>' }).expect(200);
    await t.http.get(`/api/v1/nodes/${s.doc.id}/permissions`).set(admin).expect(200);
    expect((await t.http.get(`/api/v1/search?q=${s.word}`).set(admin)).body.items).toHaveLength(1);

    const stranger = await createMember(t, s.tenant.id);
    await t.http.get(`/api/v1/docs/${s.doc.id}`).set(bearer(stranger.token)).expect(404);
    expect((await t.http.get('/api/v1/spaces').set(bearer(stranger.token))).body.items).toEqual([]);
    expect((await t.http.get(`/api/v1/search?q=${s.word}`).set(bearer(stranger.token))).body.items).toEqual([]);
  });

  it('a grant on the broken node itself applies below it again, and restoring inheritance brings the space grant back', async () => {
    const s = await scenario('viewer', 'member', 'space-broken');
    const as = bearer(s.member.token);
    await t.http.get(`/api/v1/docs/${s.doc.id}`).set(as).expect(404);
    await grantKb(t, s.tenant.admin.token, { node: s.folder.id }, { subjectKind: 'member', subjectId: s.member.id, role: 'editor' });
    await t.http.put(`/api/v1/docs/${s.doc.id}`).set(as).send({ body: '<p>可以编辑</p>' }).expect(200);
    const perms = await t.http.get(`/api/v1/nodes/${s.folder.id}/permissions`).set(bearer(s.tenant.admin.token)).expect(200);
    await t.http.delete(`/api/v1/nodes/${s.folder.id}/permissions/${perms.body.items[0].id}`).set(bearer(s.tenant.admin.token)).expect(204);
    await t.http.get(`/api/v1/docs/${s.doc.id}`).set(as).expect(404);
    await t.http.patch(`/api/v1/nodes/${s.folder.id}`).set(bearer(s.tenant.admin.token)).send({ inheritPermissions: true }).expect(200);
    await t.http.get(`/api/v1/docs/${s.doc.id}`).set(as).expect(200);
    expect((await t.http.get(`/api/v1/search?q=${s.word}`).set(as)).body.items).toHaveLength(1);
  });

  it('the highest of several grants wins; a member who left loses access', async () => {
    const s = await scenario('viewer', 'enterprise', 'space');
    await grantKb(t, s.tenant.admin.token, { node: s.doc.id }, { subjectKind: 'member', subjectId: s.member.id, role: 'editor' });
    await t.http.put(`/api/v1/docs/${s.doc.id}`).set(bearer(s.member.token)).send({ body: '<p>编辑</p>' }).expect(200);
    await t.deps.db.prisma.member.update({ where: { id: s.member.id }, data: { status: 'left' } });
    await t.http.get(`/api/v1/docs/${s.doc.id}`).set(bearer(s.member.token)).expect(401);
  });

  it('grants name members and departments of the same enterprise only', async () => {
    const a = await createTenant(t);
    const b = await createTenant(t);
    const outsider = await createMember(t, b.id);
    const space = await createSpace(t, a.admin.token);
    const res = await t.http.post(`/api/v1/spaces/${space.id}/permissions`).set(bearer(a.admin.token)).send({ subjectKind: 'member', subjectId: outsider.id, role: 'viewer' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('unknown_subject');
  });
});
