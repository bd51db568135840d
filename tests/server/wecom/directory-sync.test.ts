/**
 * Directory sync against the sandbox: incremental callbacks converge to what a full sync gives,
 * whatever their order and however often they arrive; a token expiring mid-run is refreshed exactly
 * once; rate limits are waited out; a crashed sync resumes from its checkpoint.
 */
import { directoryOf, expectedDirectory, startWecomHarness, type WecomHarness } from '../../support/wecom-sandbox';
import { runDirectorySync, DIRECTORY_SYNC_JOB } from '../../../server/src/hosts/wecom/directory-sync';
import { prng } from '../../../server/sandbox/state';

let h: WecomHarness;
beforeAll(async () => {
  h = await startWecomHarness();
  h.deps.wecom.backoffMs = 20;
});
afterAll(() => h.close());

const calls = async () => (await h.host.get('/sandbox/calls').expect(200)).body.byPath as Record<string, number>;

async function resync(tenantId: string) {
  await h.deps.jobs.enqueue({ tenantId, kind: DIRECTORY_SYNC_JOB });
  await h.drain();
  return h.deps.db.prisma.job.findFirstOrThrow({ where: { tenantId, kind: DIRECTORY_SYNC_JOB }, orderBy: { createdAt: 'desc' } });
}

describe('incremental sync from change_contact', () => {
  it('shuffled and delivered twice, the callbacks converge to the same directory as a full resync', async () => {
    const corp = await h.createCorp({ departments: 10, members: 60, seed: 3 });
    const tenantId = await h.install(corp.corpid);
    const base = `/sandbox/corps/${corp.corpid}`;
    await h.host.put('/sandbox/callbacks/hold').send({ hold: true }).expect(200);
    const firstHeld = h.sandbox.state.callbacks.length;

    // New departments, one inside the other, and a move of an existing branch under the new one.
    const a = (await h.host.post(`${base}/departments`).send({ parentid: 1 }).expect(201)).body.id;
    const b = (await h.host.post(`${base}/departments`).send({ parentid: a }).expect(201)).body.id;
    const branch = corp.departments.find((d) => d.parentid !== 0 && d.id !== 1)!;
    await h.host.patch(`${base}/departments/${branch.id}`).send({ parentid: b }).expect(200);
    // Members joining (one into the newest department), moving, becoming leader, leaving, exiting.
    const joined = [];
    for (let i = 0; i < 4; i++) joined.push((await h.host.post(`${base}/users`).send({ department: [i % 2 ? b : 1] }).expect(201)).body.userid);
    const [m1, m2, m3, m4, m5, m6] = corp.members.slice(5, 11);
    await h.host.patch(`${base}/users/${m1.userid}`).send({ department: [a, 1], is_leader_in_dept: [1, 0] }).expect(200);
    await h.host.patch(`${base}/users/${m2.userid}`).send({ department: [b] }).expect(200);
    await h.host.patch(`${base}/users/${m3.userid}`).send({ status: 5 }).expect(200);
    await h.host.delete(`${base}/users/${m4.userid}`).expect(200);
    await h.host.delete(`${base}/users/${m5.userid}`).expect(200);
    // A department created and removed again; a member added then deleted.
    const temp = (await h.host.post(`${base}/departments`).send({ parentid: a }).expect(201)).body.id;
    await h.host.delete(`${base}/departments/${temp}`).expect(200);
    const brief = (await h.host.post(`${base}/users`).send({ department: [a] }).expect(201)).body.userid;
    await h.host.delete(`${base}/users/${brief}`).expect(200);
    await h.host.patch(`${base}/users/${m6.userid}`).send({ department: [a] }).expect(200);
    await h.host.put('/sandbox/callbacks/hold').send({ hold: false }).expect(200);

    const held = h.sandbox.state.callbacks.slice(firstHeld).map((c) => c.id);
    expect(held.length).toBeGreaterThanOrEqual(15);
    const random = prng(99);
    const order = [...held, ...held].map((id) => ({ id, key: random() })).sort((x, y) => x.key - y.key).map((x) => x.id);
    // Each is sent as the host's retry would be: the same event, freshly signed.
    const delivered = await h.host.post('/sandbox/callbacks/deliver').send({ ids: order, resign: true }).expect(200);
    expect(delivered.body.items.every((i: { response: string }) => i.response === 'success')).toBe(true);
    await h.drain();

    const host = await h.corp(corp.corpid);
    // Someone who came and went before Qixue read them leaves no trace; those Qixue knew are `left`.
    const expected = expectedDirectory(host, [m4.userid, m5.userid]);
    const incremental = await directoryOf(h.deps, tenantId);
    expect(incremental).toEqual(expected);
    expect(incremental.members[m3.userid]).toBe('left');
    expect(incremental.departments[String(branch.id)]).toBe(String(b));
    expect(joined.every((u) => incremental.members[u] === 'active')).toBe(true);
    expect(incremental.members[brief]).toBeUndefined();

    const job = await resync(tenantId);
    expect(job.status).toBe('done');
    expect(await directoryOf(h.deps, tenantId)).toEqual(incremental);
  });

  it('members who leave keep their records, and come back as the same member', async () => {
    const corp = await h.createCorp({ departments: 2, members: 6 });
    const tenantId = await h.install(corp.corpid);
    const leaver = corp.members[3];
    const before = await h.deps.db.prisma.member.findFirstOrThrow({ where: { tenantId, hostUserId: leaver.userid } });
    await h.host.patch(`/sandbox/corps/${corp.corpid}/users/${leaver.userid}`).send({ status: 5 }).expect(200);
    await h.drain();
    const left = await h.deps.db.prisma.member.findFirstOrThrow({ where: { tenantId, hostUserId: leaver.userid } });
    expect(left).toMatchObject({ id: before.id, status: 'left' });
    expect(await h.deps.db.prisma.departmentMember.count({ where: { tenantId, memberId: before.id } })).toBe(0);
    await h.host.patch(`/sandbox/corps/${corp.corpid}/users/${leaver.userid}`).send({ status: 1 }).expect(200);
    await h.drain();
    expect(await h.deps.db.prisma.member.findFirstOrThrow({ where: { tenantId, hostUserId: leaver.userid } })).toMatchObject({ id: before.id, status: 'active' });
  });

  it('change_auth narrows the visible range and resyncs', async () => {
    const corp = await h.createCorp({ departments: 6, members: 30, seed: 11 });
    const tenantId = await h.install(corp.corpid);
    const branch = corp.departments.find((d) => d.parentid === 1)!;
    await h.host.post(`/sandbox/corps/${corp.corpid}/auth`).send({ allow_party: [branch.id] }).expect(200);
    await h.drain();
    const directory = await directoryOf(h.deps, tenantId);
    expect(directory.departments[String(branch.id)]).toBeNull();
    expect(directory.departments['1']).toBeUndefined();
    const active = Object.entries(directory.members).filter(([, s]) => s === 'active').map(([u]) => u);
    for (const u of active) {
      const m = corp.members.find((x) => x.userid === u)!;
      expect(corp.admins.includes(u) || m.department.some((d) => directory.departments[String(d)] !== undefined)).toBe(true);
    }
    expect((await h.deps.db.prisma.wecomCorpAuth.findUniqueOrThrow({ where: { tenantId } })).allowParty).toEqual([branch.id]);
  });
});

describe('tokens and limits during a full sync', () => {
  it.each([42001, 40014])('a corp token expiring mid-run (answered %i) is refreshed exactly once and the run completes', async (errcode) => {
    const corp = await h.createCorp({ departments: 50, members: 400, seed: 5 });
    const tenantId = await h.install(corp.corpid);
    const before = await calls();
    await h.host.post('/sandbox/tokens/expire').send({ kind: 'corp', corpid: corp.corpid, errcode, after_calls: 20 }).expect(200);
    const job = await resync(tenantId);
    expect(job.status).toBe('done');
    const after = await calls();
    expect((after['service/get_corp_token'] ?? 0) - (before['service/get_corp_token'] ?? 0)).toBe(1);
    expect(after['user/list'] - before['user/list']).toBeGreaterThanOrEqual(51);
    expect(await directoryOf(h.deps, tenantId)).toEqual(expectedDirectory(corp));
  });

  it('backs off on frequency errors (45009, 45033, -1) and completes', async () => {
    const corp = await h.createCorp({ departments: 12, members: 80, seed: 8 });
    const tenantId = await h.install(corp.corpid);
    for (const errcode of [45009, 45033, -1]) await h.host.post('/sandbox/inject').send({ errcode, path: 'user/list', corpid: corp.corpid, times: 2 }).expect(200);
    const job = await resync(tenantId);
    expect(job.status).toBe('done');
    expect(h.sandbox.state.injections).toHaveLength(0);
    expect(await directoryOf(h.deps, tenantId)).toEqual(expectedDirectory(corp));
  });

  it('respects the per-corp call cap: 45009 from the sandbox is waited out', async () => {
    const corp = await h.createCorp({ departments: 8, members: 30, seed: 9 });
    const tenantId = await h.install(corp.corpid);
    h.sandbox.state.corpCallsPerMinute = 5;
    const started = Date.now();
    // The window is a minute; move the sandbox clock forward while the client waits.
    const ticker = setInterval(() => h.sandbox.state.advanceClock(30), 30);
    try {
      const job = await resync(tenantId);
      expect(job.status).toBe('done');
    } finally {
      clearInterval(ticker);
      h.sandbox.state.corpCallsPerMinute = 10_000;
    }
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await directoryOf(h.deps, tenantId)).toEqual(expectedDirectory(corp));
  });

  it('a sync that crashed resumes from its checkpoint without refetching finished departments', async () => {
    const corp = await h.createCorp({ departments: 99, members: 300, seed: 12 });
    const tenantId = await h.install(corp.corpid);
    await h.deps.db.prisma.departmentMember.deleteMany({ where: { tenantId } });
    let checkpoint: unknown = null;
    let reports = 0;
    const crashing = {
      progress: async (_done: number, _total: number, state?: unknown) => {
        checkpoint = state;
        if (++reports === 2) throw new Error('worker died');
      },
    };
    await expect(runDirectorySync(h.deps, { tenantId, state: null }, crashing)).rejects.toThrow('worker died');
    const before = await calls();
    const result = await runDirectorySync(h.deps, { tenantId, state: checkpoint }, { progress: async () => undefined });
    const after = await calls();
    expect(after['user/list'] - before['user/list']).toBe(100 - 40);
    expect(result).toMatchObject({ departments: 100, members: 300 });
    expect(await directoryOf(h.deps, tenantId)).toEqual(expectedDirectory(corp));
  });
});
