import { bearer, startTestApp, type TestApp } from '../../support/test-app';
import { createTenant } from '../../factories';
import { expectOtherTenantGets404 } from '../../support/isolation';
import { sandboxSmsOutbox } from '../../../server/src/hosts/sms/sandbox';
import { addPhoneMember, allowAnotherCode, newDevice, newPhone, smsCode } from './helpers';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

async function setPassword(phone: string, password: string, deviceId: string, tenantId?: string) {
  const code = await smsCode(t, phone, 'reset_password');
  await t.http.post('/api/v1/auth/password/reset').send({ phone, code, password, deviceId, tenantId }).expect(204);
}

describe('phone + SMS code', () => {
  it('signs in the member of the right enterprise; the code works once', async () => {
    const a = await createTenant(t);
    await createTenant(t);
    const phone = newPhone();
    const m = await addPhoneMember(t, a.id, phone);
    const code = await smsCode(t, phone, 'login');
    expect(sandboxSmsOutbox.to(phone).at(-1)!.text).toContain(code);
    const res = await t.http.post('/api/v1/auth/sms').send({ phone, code }).expect(200);
    expect(res.body).toMatchObject({ tenant: { id: a.id }, member: { id: m.id, role: 'member' } });
    const me = await t.http.get('/api/v1/me').set(bearer(res.body.token)).expect(200);
    expect(me.body.member.id).toBe(m.id);
    const again = await t.http.post('/api/v1/auth/sms').send({ phone, code }).expect(400);
    expect(again.body.error.code).toBe('invalid_code');
  });

  it('the same code sent by two requests at once signs in only one', async () => {
    const a = await createTenant(t);
    const phone = newPhone();
    await addPhoneMember(t, a.id, phone);
    const code = await smsCode(t, phone, 'login');
    const replies = await Promise.all([1, 2, 3].map(() => t.http.post('/api/v1/auth/sms').send({ phone, code })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 400, 400]);
    expect(replies.filter((r) => r.status === 400).map((r) => r.body.error.code)).toEqual(['invalid_code', 'invalid_code']);
  });

  it('a wrong code is refused, and five wrong guesses burn the code', async () => {
    const a = await createTenant(t);
    const phone = newPhone();
    await addPhoneMember(t, a.id, phone);
    const code = await smsCode(t, phone, 'login');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await t.http.post('/api/v1/auth/sms').send({ phone, code: wrong }).expect(400);
    await t.http.post('/api/v1/auth/sms').send({ phone, code }).expect(400);
  });

  it('guesses sent at the same moment still get five comparisons at most', async () => {
    const a = await createTenant(t);
    const phone = newPhone();
    await addPhoneMember(t, a.id, phone);
    const code = await smsCode(t, phone, 'login');
    const wrong = code === '000000' ? '111111' : '000000';
    const replies = await Promise.all(Array.from({ length: 20 }, () => t.http.post('/api/v1/auth/sms').send({ phone, code: wrong })));
    expect(replies.every((r) => r.status === 400 && r.body.error.code === 'invalid_code')).toBe(true);
    const stored = await t.deps.db.prisma.verificationCode.findFirst({ where: { phoneHash: t.deps.cipher.lookupHash(phone) }, orderBy: { createdAt: 'desc' }, select: { attempts: true } });
    expect(stored!.attempts).toBeGreaterThan(0);
    expect(stored!.attempts).toBeLessThanOrEqual(5);
  });

  it('rate-limits sending: one code per minute per phone', async () => {
    const a = await createTenant(t);
    const phone = newPhone();
    await addPhoneMember(t, a.id, phone);
    await t.http.post('/api/v1/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
    const res = await t.http.post('/api/v1/auth/sms-code').send({ phone, purpose: 'login' }).expect(429);
    expect(res.body.error.code).toBe('rate_limited');
    expect(await t.deps.db.prisma.rateCounter.count({ where: { key: { startsWith: 'sms:phone:' } } })).toBeGreaterThan(0);
  });

  it('answers the same for an unknown phone and sends nothing', async () => {
    const phone = newPhone();
    await t.http.post('/api/v1/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
    expect(sandboxSmsOutbox.to(phone)).toHaveLength(0);
  });

  it('validates input', async () => {
    const bad = await t.http.post('/api/v1/auth/sms-code').send({ phone: '12345', purpose: 'login' }).expect(400);
    expect(bad.body.error.code).toBe('validation_failed');
    await t.http.post('/api/v1/auth/sms').send({ phone: newPhone(), code: 'abc' }).expect(400);
  });

  it('a phone in two enterprises must choose one, and never signs in to the other', async () => {
    const a = await createTenant(t);
    const b = await createTenant(t);
    const phone = newPhone();
    await addPhoneMember(t, a.id, phone);
    const mb = await addPhoneMember(t, b.id, phone);
    const code = await smsCode(t, phone, 'login');
    const choose = await t.http.post('/api/v1/auth/sms').send({ phone, code }).expect(409);
    expect(choose.body.error.code).toBe('tenant_required');
    expect(choose.body.error.details.tenants.map((x: { id: string }) => x.id).sort()).toEqual([a.id, b.id].sort());
    const res = await t.http.post('/api/v1/auth/sms').send({ phone, code, tenantId: b.id }).expect(200);
    expect(res.body.member.id).toBe(mb.id);
    expect(res.body.tenant.id).toBe(b.id);
    const outsider = await createTenant(t);
    await allowAnotherCode(t, phone);
    const code2 = await smsCode(t, phone, 'login');
    await t.http.post('/api/v1/auth/sms').send({ phone, code: code2, tenantId: outsider.id }).expect(400);
  });

  it('refuses suspended and uninstalled enterprises and departed members', async () => {
    const cases: [Parameters<typeof createTenant>[1], Parameters<typeof addPhoneMember>[3], number, string][] = [
      [{ status: 'suspended' }, {}, 403, 'tenant_suspended'],
      [{ status: 'uninstalled' }, {}, 403, 'tenant_inactive'],
      [{}, { status: 'frozen' }, 403, 'account_frozen'],
    ];
    for (const [tenant, member, status, code] of cases) {
      const a = await createTenant(t, tenant);
      const phone = newPhone();
      await addPhoneMember(t, a.id, phone, member);
      const sms = await smsCode(t, phone, 'login');
      const res = await t.http.post('/api/v1/auth/sms').send({ phone, code: sms }).expect(status);
      expect(res.body.error.code).toBe(code);
    }
    const a = await createTenant(t);
    const phone = newPhone();
    await addPhoneMember(t, a.id, phone, { status: 'left' });
    await t.http.post('/api/v1/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
    expect(sandboxSmsOutbox.to(phone)).toHaveLength(0);
  });
});

describe('phone + password', () => {
  it('sets a password by SMS code, signs in on the trusted device, logs every login', async () => {
    const a = await createTenant(t);
    const phone = newPhone();
    const m = await addPhoneMember(t, a.id, phone);
    const device = newDevice();
    await setPassword(phone, 'secret123', device);
    const res = await t.http.post('/api/v1/auth/password').set('User-Agent', 'qixue-test/1.0').send({ phone, password: 'secret123', deviceId: device }).expect(200);
    expect(res.body.member.id).toBe(m.id);
    const wrong = await t.http.post('/api/v1/auth/password').send({ phone, password: 'nope12345', deviceId: device }).expect(401);
    expect(wrong.body.error.code).toBe('invalid_credentials');
    const logs = await t.http.get('/api/v1/me/logins').set(bearer(res.body.token)).expect(200);
    expect(logs.body.items.map((l: { outcome: string }) => l.outcome)).toEqual(['wrong_password', 'success']);
    expect(logs.body.items[1]).toMatchObject({ method: 'password', deviceId: device, userAgent: 'qixue-test/1.0' });
    expect(logs.body.items[1].ip).toBeTruthy();
  });

  it('a new device needs an SMS code before the password is compared', async () => {
    const a = await createTenant(t);
    const phone = newPhone();
    await addPhoneMember(t, a.id, phone);
    await setPassword(phone, 'secret123', newDevice());
    await allowAnotherCode(t, phone);
    const other = newDevice();
    const first = await t.http.post('/api/v1/auth/password').send({ phone, password: 'secret123', deviceId: other }).expect(403);
    expect(first.body.error.code).toBe('device_verification_required');
    // A wrong password gets the same answer: only the phone's holder learns which it was.
    const wrong = await t.http.post('/api/v1/auth/password').send({ phone, password: 'wrong12345', deviceId: other }).expect(403);
    expect(wrong.body).toEqual(first.body);
    const code = await smsCode(t, phone, 'new_device');
    await t.http.post('/api/v1/auth/password').send({ phone, password: 'secret123', deviceId: other, smsCode: code }).expect(200);
    await t.http.post('/api/v1/auth/password').send({ phone, password: 'secret123', deviceId: other }).expect(200);
  });

  it('locks out after ten wrong passwords, across the whole phone', async () => {
    const a = await createTenant(t);
    const phone = newPhone();
    await addPhoneMember(t, a.id, phone);
    const device = newDevice();
    await setPassword(phone, 'secret123', device);
    for (let i = 0; i < 10; i++) await t.http.post('/api/v1/auth/password').send({ phone, password: `wrong${i}abc`, deviceId: device }).expect(401);
    const locked = await t.http.post('/api/v1/auth/password').send({ phone, password: 'secret123', deviceId: device }).expect(429);
    expect(locked.body.error.code).toBe('rate_limited');
  });

  it('refuses weak passwords and signs a member in only to their own enterprise', async () => {
    const a = await createTenant(t);
    const b = await createTenant(t);
    const phone = newPhone();
    await addPhoneMember(t, a.id, phone);
    const mb = await addPhoneMember(t, b.id, phone);
    const code = await smsCode(t, phone, 'reset_password');
    const weak = await t.http.post('/api/v1/auth/password/reset').send({ phone, code, password: 'short' }).expect(400);
    expect(weak.body.error.code).toBe('validation_failed');
    const device = newDevice();
    const ambiguous = await t.http.post('/api/v1/auth/password/reset').send({ phone, code, password: 'secret123', deviceId: device }).expect(409);
    expect(ambiguous.body.error.code).toBe('tenant_required');
    await t.http.post('/api/v1/auth/password/reset').send({ phone, code, password: 'secret123', deviceId: device, tenantId: b.id }).expect(204);
    // Only b's member has a password: the login cannot land in a.
    const res = await t.http.post('/api/v1/auth/password').send({ phone, password: 'secret123', deviceId: device }).expect(200);
    expect(res.body).toMatchObject({ tenant: { id: b.id }, member: { id: mb.id } });
    await t.http.post('/api/v1/auth/password').send({ phone, password: 'secret123', deviceId: device, tenantId: a.id }).expect(401);
  });

  it('a signed-in member changes the password with a code sent to their own phone', async () => {
    const a = await createTenant(t);
    const phone = newPhone();
    await addPhoneMember(t, a.id, phone);
    const device = newDevice();
    await setPassword(phone, 'secret123', device);
    const login = await t.http.post('/api/v1/auth/password').send({ phone, password: 'secret123', deviceId: device }).expect(200);
    await t.http.post('/api/v1/me/password/code').expect(401);
    await allowAnotherCode(t, phone);
    await t.http.post('/api/v1/me/password/code').set(bearer(login.body.token)).expect(202);
    const code = sandboxSmsOutbox.lastCode(phone)!;
    await t.http.put('/api/v1/me/password').set(bearer(login.body.token)).send({ code, password: 'x' }).expect(400);
    await t.http.put('/api/v1/me/password').set(bearer(login.body.token)).send({ code, password: 'newsecret456' }).expect(204);
    await t.http.post('/api/v1/auth/password').send({ phone, password: 'newsecret456', deviceId: device }).expect(200);
    // A WeCom member has no phone: 422.
    const noPhone = await t.http.post('/api/v1/me/password/code').set(bearer(a.admin.token)).expect(422);
    expect(noPhone.body.error.code).toBe('no_phone');
  });
});

describe('login logs', () => {
  it('GET /me/logins needs a session and validates paging', async () => {
    await t.http.get('/api/v1/me/logins').expect(401);
    const a = await createTenant(t);
    await t.http.get('/api/v1/me/logins?limit=0').set(bearer(a.admin.token)).expect(400);
    const empty = await t.http.get('/api/v1/me/logins').set(bearer(a.admin.token)).expect(200);
    expect(empty.body).toEqual({ items: [], nextCursor: null });
  });

  it('admins read a member’s logins; other enterprises get 404', async () => {
    const a = await createTenant(t);
    const phone = newPhone();
    const m = await addPhoneMember(t, a.id, phone);
    await t.http.post('/api/v1/auth/sms').send({ phone, code: await smsCode(t, phone, 'login') }).expect(200);
    await t.http.get(`/api/v1/members/${m.id}/logins`).expect(401);
    const res = await t.http.get(`/api/v1/members/${m.id}/logins`).set(bearer(a.admin.token)).expect(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ method: 'sms_code', outcome: 'success' });
    await t.http.get(`/api/v1/members/${m.id}/logins?limit=999`).set(bearer(a.admin.token)).expect(400);
    await expectOtherTenantGets404(t, { method: 'get', url: `/api/v1/members/${m.id}/logins` });
  });
});
