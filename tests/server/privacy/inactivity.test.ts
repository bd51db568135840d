import { bearer, startTestApp, type TestApp } from '../../support/test-app';
import { createMember, createTenant } from '../../factories';
import { expectOtherTenantGets404 } from '../../support/isolation';
import { addPhoneMember, newDevice, newPhone, smsCode } from '../accounts/helpers';
import { SWEEP_JOB } from '../../../server/src/modules/privacy/inactivity';
import { rememberDevice, setPassword } from '../../../server/src/core/auth/phone-login';
import { daysAgo } from './helpers';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const prisma = () => t.deps.db.prisma;

async function sweep(tenantId: string) {
  await t.deps.jobs.enqueue({ tenantId, kind: SWEEP_JOB });
  await t.deps.jobs.drain([SWEEP_JOB]);
}

async function phoneMemberWithPassword(tenantId: string, password = 'secret-pass-1') {
  const phone = newPhone();
  const m = await addPhoneMember(t, tenantId, phone);
  await setPassword(t.deps, tenantId, m.id, password);
  return { ...m, phone, password };
}

describe('GET/PUT /api/v1/admin/account-policy', () => {
  it('401 without a session, 403 for a member who is not an admin', async () => {
    await t.http.get('/api/v1/admin/account-policy').expect(401);
    await t.http.put('/api/v1/admin/account-policy').send({ freezeAfterDays: 90 }).expect(401);
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    await t.http.get('/api/v1/admin/account-policy').set(bearer(m.token)).expect(403);
    await t.http.put('/api/v1/admin/account-policy').set(bearer(m.token)).send({ freezeAfterDays: 90 }).expect(403);
  });

  it('defaults to 180 days to freeze and 540 days of retention; updates are validated and audited', async () => {
    const a = await createTenant(t);
    const res = await t.http.get('/api/v1/admin/account-policy').set(bearer(a.admin.token)).expect(200);
    expect(res.body.policy).toEqual({ freezeAfterDays: 180, retentionDays: 540, requireRealName: false, selfCancellation: true, blockOnOpenTasks: false, recordRetentionDays: 1095 });
    for (const body of [{}, { freezeAfterDays: 'x' }, { freezeAfterDays: 5 }, { retentionDays: 100 }, { bogus: 1, freezeAfterDays: 0 }]) {
      const bad = await t.http.put('/api/v1/admin/account-policy').set(bearer(a.admin.token)).send(body).expect(400);
      expect(bad.body.error.code).toBe('validation_failed');
    }
    const ok = await t.http.put('/api/v1/admin/account-policy').set(bearer(a.admin.token)).send({ freezeAfterDays: 90, retentionDays: 365 }).expect(200);
    expect(ok.body.policy).toEqual({ freezeAfterDays: 90, retentionDays: 365, requireRealName: false, selfCancellation: true, blockOnOpenTasks: false, recordRetentionDays: 1095 });
    const log = await prisma().auditLog.findFirst({ where: { tenantId: a.id, action: 'account_policy.update' } });
    expect(log).toMatchObject({ actorId: a.admin.id, details: { before: { freezeAfterDays: 180 }, after: { freezeAfterDays: 90 } } });
  });

  it("another enterprise's admin reads and changes only their own policy", async () => {
    const a = await createTenant(t);
    const b = await createTenant(t);
    await t.http.put('/api/v1/admin/account-policy').set(bearer(a.admin.token)).send({ freezeAfterDays: 60, retentionDays: 400 }).expect(200);
    const seen = await t.http.get('/api/v1/admin/account-policy').set(bearer(b.admin.token)).expect(200);
    expect(seen.body.policy.freezeAfterDays).toBe(180);
    await t.http.put('/api/v1/admin/account-policy').set(bearer(b.admin.token)).send({ freezeAfterDays: 45 }).expect(200);
    expect((await t.http.get('/api/v1/admin/account-policy').set(bearer(a.admin.token)).expect(200)).body.policy.freezeAfterDays).toBe(60);
  });
});

describe('activity', () => {
  it('an authenticated request marks the member active, at most once an hour, without touching updatedAt', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    const before = (await prisma().member.findUnique({ where: { id: m.id } }))!;
    await t.http.get('/api/v1/me').set(bearer(m.token)).expect(200);
    const marked = (await prisma().member.findUnique({ where: { id: m.id } }))!;
    expect(Date.now() - marked.lastActiveAt!.getTime()).toBeLessThan(60_000);
    // updatedAt is the WeCom full sync's "seen" mark: a request does not move it.
    expect(marked.updatedAt.getTime()).toBe(before.updatedAt.getTime());
    const recent = new Date(Date.now() - 30 * 60_000);
    await prisma().member.update({ where: { id: m.id }, data: { lastActiveAt: recent } });
    await t.http.get('/api/v1/me').set(bearer(m.token)).expect(200);
    expect((await prisma().member.findUnique({ where: { id: m.id } }))!.lastActiveAt!.getTime()).toBe(recent.getTime());
    await prisma().member.update({ where: { id: m.id }, data: { lastActiveAt: new Date(Date.now() - 2 * 3600_000) } });
    await t.http.get('/api/v1/me').set(bearer(m.token)).expect(200);
    expect(Date.now() - (await prisma().member.findUnique({ where: { id: m.id } }))!.lastActiveAt!.getTime()).toBeLessThan(60_000);
  });
});

describe('freeze after the inactivity period, unfreeze with password + SMS code', () => {
  it('freezes members inactive longer than the period, revokes their sessions, and refuses their logins with account_frozen', async () => {
    const a = await createTenant(t);
    const idle = await phoneMemberWithPassword(a.id);
    const never = await createMember(t, a.id);
    const recent = await createMember(t, a.id);
    await prisma().member.update({ where: { id: idle.id }, data: { lastActiveAt: daysAgo(181) } });
    await prisma().member.update({ where: { id: never.id }, data: { lastActiveAt: null, createdAt: daysAgo(200) } });
    await prisma().member.update({ where: { id: recent.id }, data: { lastActiveAt: daysAgo(179) } });
    await prisma().member.update({ where: { id: a.admin.id }, data: { lastActiveAt: daysAgo(400) } });
    await sweep(a.id);

    const status = async (id: string) => (await prisma().member.findUnique({ where: { id } }))!.status;
    expect(await status(idle.id)).toBe('frozen');
    expect(await status(never.id)).toBe('frozen');
    expect(await status(recent.id)).toBe('active');
    // Admins stay: they are who can unfreeze the others.
    expect(await status(a.admin.id)).toBe('active');
    // The frozen member's session no longer works; a login says why.
    await t.http.get('/api/v1/me').set(bearer(never.token)).expect(401);
    await t.http.get('/api/v1/me').set(bearer(recent.token)).expect(200);
    const device = newDevice();
    await rememberDevice(t.deps, a.id, idle.id, device);
    const login = await t.http.post('/api/v1/auth/password').send({ phone: idle.phone, password: idle.password, deviceId: device }).expect(403);
    expect(login.body.error.code).toBe('account_frozen');
    expect(await prisma().auditLog.count({ where: { tenantId: a.id, action: 'member.freeze', targetId: idle.id, actorType: 'system' } })).toBe(1);
  });

  it("follows the enterprise's own period", async () => {
    const a = await createTenant(t);
    await t.http.put('/api/v1/admin/account-policy').set(bearer(a.admin.token)).send({ freezeAfterDays: 30, retentionDays: 60 }).expect(200);
    const m = await createMember(t, a.id);
    await prisma().member.update({ where: { id: m.id }, data: { lastActiveAt: daysAgo(31) } });
    await sweep(a.id);
    expect((await prisma().member.findUnique({ where: { id: m.id } }))!.status).toBe('frozen');
  });

  it('a frozen session answers 403 account_frozen', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id, { status: 'frozen' });
    const res = await t.http.get('/api/v1/me').set(bearer(m.token)).expect(403);
    expect(res.body.error.code).toBe('account_frozen');
  });

  it('POST /api/v1/auth/unfreeze: 400 on bad input, 401 on a wrong password, 409 when not frozen, then unfreezes and signs in', async () => {
    const a = await createTenant(t);
    const idle = await phoneMemberWithPassword(a.id);
    await t.http.post('/api/v1/auth/unfreeze').send({ phone: '123', password: '', code: 'x' }).expect(400);
    const code0 = await smsCode(t, idle.phone, 'login');
    const notFrozen = await t.http.post('/api/v1/auth/unfreeze').send({ phone: idle.phone, password: idle.password, code: code0 }).expect(409);
    expect(notFrozen.body.error.code).toBe('not_frozen');

    await prisma().member.update({ where: { id: idle.id }, data: { status: 'frozen', lastActiveAt: daysAgo(200) } });
    await prisma().rateCounter.deleteMany({ where: { key: { startsWith: `sms:phone:${t.deps.cipher.lookupHash(idle.phone)}` } } });
    const code = await smsCode(t, idle.phone, 'login');
    const wrong = await t.http.post('/api/v1/auth/unfreeze').send({ phone: idle.phone, password: 'wrong-pass-9', code }).expect(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    const badCode = await t.http.post('/api/v1/auth/unfreeze').send({ phone: idle.phone, password: idle.password, code: code === '000000' ? '111111' : '000000' }).expect(400);
    expect(badCode.body.error.code).toBe('invalid_code');

    const res = await t.http.post('/api/v1/auth/unfreeze').send({ phone: idle.phone, password: idle.password, code }).expect(200);
    expect(res.body).toMatchObject({ token: expect.any(String), member: { id: idle.id }, tenant: { id: a.id } });
    await t.http.get('/api/v1/me').set(bearer(res.body.token)).expect(200);
    const after = (await prisma().member.findUnique({ where: { id: idle.id } }))!;
    expect(after.status).toBe('active');
    expect(Date.now() - after.lastActiveAt!.getTime()).toBeLessThan(60_000);
    expect(await prisma().auditLog.count({ where: { tenantId: a.id, action: 'member.unfreeze', targetId: idle.id } })).toBe(1);
    // Back to work: the next sweep leaves them alone.
    await sweep(a.id);
    expect((await prisma().member.findUnique({ where: { id: idle.id } }))!.status).toBe('active');
  });

  it('POST /api/v1/members/:id/unfreeze by an admin: 401, 403, 404 for another enterprise, 409 when not frozen, 200', async () => {
    const a = await createTenant(t);
    const frozen = await createMember(t, a.id, { status: 'frozen' });
    const plain = await createMember(t, a.id);
    await t.http.post(`/api/v1/members/${frozen.id}/unfreeze`).expect(401);
    await t.http.post(`/api/v1/members/${frozen.id}/unfreeze`).set(bearer(plain.token)).expect(403);
    await t.http.post(`/api/v1/members/${'x'.repeat(65)}/unfreeze`).set(bearer(a.admin.token)).expect(400);
    await expectOtherTenantGets404(t, { method: 'post', url: `/api/v1/members/${frozen.id}/unfreeze` }, () =>
      prisma().member.findUnique({ where: { id: frozen.id }, select: { status: true } }),
    );
    const not = await t.http.post(`/api/v1/members/${plain.id}/unfreeze`).set(bearer(a.admin.token)).expect(409);
    expect(not.body.error.code).toBe('not_frozen');
    await t.http.post(`/api/v1/members/${frozen.id}/unfreeze`).set(bearer(a.admin.token)).expect(200, { memberId: frozen.id, status: 'active' });
    expect(await prisma().auditLog.count({ where: { tenantId: a.id, action: 'member.unfreeze', targetId: frozen.id, actorId: a.admin.id } })).toBe(1);
  });
});

describe('retention', () => {
  it('erases the personal data of accounts frozen past the retention period and keeps their learning records', async () => {
    const a = await createTenant(t);
    const old = await phoneMemberWithPassword(a.id);
    const young = await phoneMemberWithPassword(a.id);
    await prisma().member.update({ where: { id: old.id }, data: { status: 'frozen', lastActiveAt: daysAgo(541) } });
    await prisma().member.update({ where: { id: young.id }, data: { status: 'frozen', lastActiveAt: daysAgo(300) } });
    await prisma().enrolment.create({ data: { tenantId: a.id, courseId: 'c-retention', memberId: old.id, expiresAt: daysAgo(400) } });
    await sweep(a.id);

    const erased = (await prisma().member.findUnique({ where: { id: old.id } }))!;
    expect(erased).toMatchObject({ status: 'cancelled', name: null, phoneCipher: null, phoneHash: null, hostUserId: null });
    expect(await prisma().memberPassword.count({ where: { tenantId: a.id, memberId: old.id } })).toBe(0);
    expect(await prisma().accountErasure.findUnique({ where: { tenantId_memberId: { tenantId: a.id, memberId: old.id } } })).toMatchObject({ reason: 'retention_expired' });
    expect(await prisma().enrolment.count({ where: { tenantId: a.id, memberId: old.id } })).toBe(1);
    expect((await prisma().member.findUnique({ where: { id: young.id } }))!).toMatchObject({ status: 'frozen', phoneHash: expect.any(String) });
  });
});
