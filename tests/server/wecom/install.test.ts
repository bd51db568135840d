import { bearer } from '../../support/test-app';
import { createSession } from '../../../server/src/core/auth/sessions';
import { directoryOf, expectedDirectory, startWecomHarness, type WecomHarness } from '../../support/wecom-sandbox';

let h: WecomHarness;
beforeAll(async () => (h = await startWecomHarness()));
afterAll(() => h.close());

async function signIn(tenantId: string, hostUserId: string) {
  const member = await h.deps.db.prisma.member.findFirstOrThrow({ where: { tenantId, hostUserId } });
  return (await createSession(h.deps.db.prisma, { tenantId, memberId: member.id, method: 'test', ttlHours: 1 })).token;
}

describe('installing the suite from WeCom', () => {
  it('creates the tenant, its admins and the full directory, with the permanent code sealed', async () => {
    const corp = await h.createCorp({ departments: 6, members: 40, admins: 2 });
    const tenantId = await h.install(corp.corpid);

    const tenant = await h.deps.db.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } });
    expect(tenant).toMatchObject({ status: 'active', hostCorpId: corp.corpid });
    const auth = await h.deps.db.prisma.wecomCorpAuth.findUniqueOrThrow({ where: { tenantId } });
    expect(auth.status).toBe('active');
    expect(auth.allowParty).toEqual([1]);
    expect(auth.permanentCodeCipher.startsWith('v1.')).toBe(true);
    const permanentCode = h.deps.cipher.decrypt(auth.permanentCodeCipher);
    expect(auth.permanentCodeCipher).not.toContain(permanentCode);

    expect(await directoryOf(h.deps, tenantId)).toEqual(expectedDirectory(corp));
    const admins = await h.deps.db.prisma.member.findMany({ where: { tenantId, role: 'admin' }, select: { hostUserId: true } });
    expect(admins.map((a) => a.hostUserId).sort()).toEqual([...corp.admins].sort());

    // The installer signs in as an admin and reads the member list of their enterprise.
    const token = await signIn(tenantId, corp.admins[0]);
    const list = await h.http.get('/api/v1/members?limit=100').set(bearer(token)).expect(200);
    expect(list.body.items.length).toBe(40);
    const sync = await h.deps.db.prisma.job.findFirstOrThrow({ where: { tenantId, kind: 'wecom.directory-sync' } });
    expect(sync).toMatchObject({ status: 'done', progressDone: 7, progressTotal: 7 });
  });

  it('uninstall marks the tenant uninstalled and keeps its data; reinstall reactivates the same tenant', async () => {
    const corp = await h.createCorp({ departments: 3, members: 12 });
    const tenantId = await h.install(corp.corpid);
    const token = await signIn(tenantId, corp.admins[0]);
    const before = await directoryOf(h.deps, tenantId);

    const res = await h.host.post(`/sandbox/corps/${corp.corpid}/uninstall`).expect(200);
    expect(res.body.callback.response).toBe('success');
    await h.drain();
    expect((await h.deps.db.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } })).status).toBe('uninstalled');
    expect((await h.deps.db.prisma.wecomCorpAuth.findUniqueOrThrow({ where: { tenantId } })).status).toBe('cancelled');
    expect(await directoryOf(h.deps, tenantId)).toEqual(before);
    const refused = await h.http.get('/api/v1/me').set(bearer(token)).expect(403);
    expect(refused.body.error.code).toBe('tenant_inactive');

    const again = await h.install(corp.corpid);
    expect(again).toBe(tenantId);
    expect((await h.deps.db.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } })).status).toBe('active');
    expect(await directoryOf(h.deps, tenantId)).toEqual(before);
    await h.http.get('/api/v1/me').set(bearer(token)).expect(200);
    expect(await h.deps.db.prisma.tenant.count({ where: { hostCorpId: corp.corpid } })).toBe(1);
  });

  it('syncs a 1,000-member directory completely and exactly', async () => {
    const corp = await h.createCorp({ departments: 60, members: 1000, seed: 42 });
    const tenantId = await h.install(corp.corpid);
    const directory = await directoryOf(h.deps, tenantId);
    expect(Object.keys(directory.members)).toHaveLength(1000);
    expect(directory).toEqual(expectedDirectory(corp));
  });

  it('only what the visible range allows: a subtree and single members', async () => {
    const corp = await h.createCorp({ departments: 8, members: 30, seed: 7 });
    const branch = corp.departments.find((d) => d.parentid === 1)!;
    const outsider = corp.members.find((m) => !m.department.includes(branch.id) && m.userid !== corp.admins[0])!;
    const tenantId = await h.install(corp.corpid, { allow_party: [branch.id], allow_user: [outsider.userid] });
    const directory = await directoryOf(h.deps, tenantId);
    const subtree = new Set([branch.id]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const d of corp.departments) {
        if (subtree.has(d.parentid) && !subtree.has(d.id)) {
          subtree.add(d.id);
          grew = true;
        }
      }
    }
    expect(Object.keys(directory.departments).map(Number).sort((a, b) => a - b)).toEqual([...subtree].sort((a, b) => a - b));
    expect(directory.departments[String(branch.id)]).toBeNull();
    const expectedMembers = corp.members.filter((m) => m.department.some((d) => subtree.has(d))).map((m) => m.userid);
    expect(Object.keys(directory.members).sort()).toEqual([...new Set([...expectedMembers, outsider.userid, ...corp.admins])].sort());
  });

  it("a change of the app's admins in WeCom (data callback) makes the new admin a Qixue admin", async () => {
    const corp = await h.createCorp({ departments: 2, members: 8 });
    const tenantId = await h.install(corp.corpid);
    const newcomer = corp.members[5].userid;
    const res = await h.host.put(`/sandbox/corps/${corp.corpid}/admins`).send({ admins: [corp.admins[0], newcomer] }).expect(200);
    expect(res.body.callback.response).toBe('success');
    await h.drain();
    const admins = await h.deps.db.prisma.member.findMany({ where: { tenantId, role: 'admin' }, select: { hostUserId: true } });
    expect(admins.map((a) => a.hostUserId).sort()).toEqual([corp.admins[0], newcomer].sort());
  });

  it('an install that failed after spending the auth code finishes on retry from its checkpoint', async () => {
    const corp = await h.createCorp({ departments: 2, members: 6 });
    await h.host.post('/sandbox/inject').send({ errcode: 48004, path: 'service/get_admin_list', times: 1 }).expect(200);
    await h.host.post(`/sandbox/corps/${corp.corpid}/install`).send({}).expect(200);
    await h.drain();
    const job = await h.deps.db.prisma.job.findFirstOrThrow({ where: { kind: 'wecom.install' }, orderBy: { createdAt: 'desc' } });
    expect(job).toMatchObject({ status: 'queued', attempts: 1 });
    expect(JSON.stringify(job.state)).not.toContain(h.sandbox.state.corp(corp.corpid)!.auth!.permanentCode);
    const exchanges = h.sandbox.state.calls.get('service/get_permanent_code');
    await h.deps.db.prisma.job.update({ where: { id: job.id }, data: { runAfter: new Date(0) } });
    await h.drain();
    expect(h.sandbox.state.calls.get('service/get_permanent_code')).toBe(exchanges);
    expect((await h.deps.db.prisma.job.findUniqueOrThrow({ where: { id: job.id } })).status).toBe('done');
    const tenant = await h.deps.db.prisma.tenant.findUniqueOrThrow({ where: { hostCorpId: corp.corpid } });
    expect(await directoryOf(h.deps, tenant.id)).toEqual(expectedDirectory(corp));
  });
});
