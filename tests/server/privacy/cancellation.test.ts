import { bearer, startTestApp, type TestApp } from '../../support/test-app';
import { createMember, createTenant } from '../../factories';
import { addPhoneMember, newPhone } from '../accounts/helpers';
import { setPassword } from '../../../server/src/core/auth/phone-login';
import { daysAgo, lastCode } from './helpers';
import { sandboxSmsOutbox } from '../../../server/src/hosts/sms/sandbox';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const prisma = () => t.deps.db.prisma;

async function signedInPhoneMember(tenantId: string) {
  const phone = newPhone();
  const m = await addPhoneMember(t, tenantId, phone, { name: '王小明' });
  await setPassword(t.deps, tenantId, m.id, 'secret-pass-1');
  const code = await (async () => {
    await t.http.post('/api/v1/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
    return lastCode(phone);
  })();
  const login = await t.http.post('/api/v1/auth/sms').send({ phone, code, deviceId: 'device-cancel-1' }).expect(200);
  await prisma().rateCounter.deleteMany({ where: { key: { startsWith: `sms:phone:${t.deps.cipher.lookupHash(phone)}` } } });
  return { id: m.id, phone, token: login.body.token as string };
}

describe('account cancellation', () => {
  it('401 without a session; 400 on a malformed code', async () => {
    await t.http.get('/api/v1/me/cancellation').expect(401);
    await t.http.post('/api/v1/me/cancellation').send({}).expect(401);
    await t.http.post('/api/v1/me/cancellation/code').expect(401);
    const a = await createTenant(t);
    const bad = await t.http.post('/api/v1/me/cancellation').set(bearer(a.admin.token)).send({ code: 'abc' }).expect(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });

  it('is refused with 409 cancellation_blocked while an unfinished enrolment is inside its validity window, then allowed', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    const course = await prisma().course.create({ data: { tenantId: a.id, title: '安全生产规范' } });
    const enrolment = await prisma().enrolment.create({
      data: { tenantId: a.id, courseId: course.id, memberId: m.id, expiresAt: new Date(Date.now() + 30 * 86_400_000) },
    });
    // Finished or expired enrolments do not block.
    await prisma().enrolment.create({ data: { tenantId: a.id, courseId: 'course-done', memberId: m.id, expiresAt: new Date(Date.now() + 86_400_000), completedAt: new Date() } });
    await prisma().enrolment.create({ data: { tenantId: a.id, courseId: 'course-expired', memberId: m.id, expiresAt: daysAgo(1) } });

    const preview = await t.http.get('/api/v1/me/cancellation').set(bearer(m.token)).expect(200);
    expect(preview.body).toMatchObject({ allowed: false, codeRequired: false });
    const refused = await t.http.post('/api/v1/me/cancellation').set(bearer(m.token)).send({}).expect(409);
    expect(refused.body.error.code).toBe('cancellation_blocked');
    expect(refused.body.error.details.reasons).toEqual([
      expect.objectContaining({ code: 'unfinished_enrolment', enrolmentId: enrolment.id, courseId: course.id, courseTitle: '安全生产规范' }),
    ]);
    expect((await prisma().member.findUnique({ where: { id: m.id } }))!.status).toBe('active');

    await prisma().enrolment.update({ where: { id: enrolment.id }, data: { expiresAt: daysAgo(1) } });
    expect((await t.http.get('/api/v1/me/cancellation').set(bearer(m.token)).expect(200)).body.allowed).toBe(true);
    await t.http.post('/api/v1/me/cancellation').set(bearer(m.token)).send({}).expect(200, { memberId: m.id, status: 'cancelled', outcome: 'erased', retention: null });
    const after = (await prisma().member.findUnique({ where: { id: m.id } }))!;
    expect(after).toMatchObject({ status: 'cancelled', hostUserId: null });
    // The enterprise keeps the learning records, naming only the member id.
    expect(await prisma().enrolment.count({ where: { tenantId: a.id, memberId: m.id } })).toBe(3);
  });

  it('a member with a phone confirms with an SMS code; personal data is erased irreversibly and the session ends', async () => {
    const a = await createTenant(t);
    const m = await signedInPhoneMember(a.id);
    const other = await signedInPhoneMember(a.id);
    await prisma().creditRecord.create({ data: { tenantId: a.id, memberId: m.id, courseId: 'c1', year: 2026, hours: 2 } });
    await prisma().certificate.create({ data: { tenantId: a.id, memberId: m.id, courseId: 'c1', code: `cert${Date.now()}`, holderName: '王小明', courseTitle: '安全' } });
    await t.http.patch('/api/v1/me').set(bearer(m.token)).send({ name: '王晓明' }).expect(200);

    expect((await t.http.get('/api/v1/me/cancellation').set(bearer(m.token)).expect(200)).body).toMatchObject({ allowed: true, codeRequired: true });
    const noCode = await t.http.post('/api/v1/me/cancellation').set(bearer(m.token)).send({}).expect(400);
    expect(noCode.body.error.code).toBe('code_required');
    await t.http.post('/api/v1/me/cancellation/code').set(bearer(m.token)).expect(202);
    const code = lastCode(m.phone);
    // The cancellation code is not a login code.
    await t.http.post('/api/v1/auth/sms').send({ phone: m.phone, code }).expect(400);
    const wrong = await t.http.post('/api/v1/me/cancellation').set(bearer(m.token)).send({ code: code === '000000' ? '111111' : '000000' }).expect(400);
    expect(wrong.body.error.code).toBe('invalid_code');
    await t.http.post('/api/v1/me/cancellation').set(bearer(m.token)).send({ code }).expect(200);

    const row = (await prisma().member.findUnique({ where: { id: m.id } }))!;
    expect(row).toMatchObject({ status: 'cancelled', name: null, phoneCipher: null, phoneHash: null, hostUserId: null, lastActiveAt: null });
    const mine = { tenantId: a.id, memberId: m.id };
    expect(await prisma().memberPassword.count({ where: mine })).toBe(0);
    expect(await prisma().memberDevice.count({ where: mine })).toBe(0);
    expect(await prisma().session.count({ where: mine })).toBe(0);
    expect(await prisma().loginLog.count({ where: mine })).toBe(0);
    expect(await prisma().creditRecord.count({ where: mine })).toBe(1);
    expect((await prisma().certificate.findFirst({ where: mine }))!.holderName).not.toContain('明');
    expect(await prisma().accountErasure.findUnique({ where: { tenantId_memberId: { tenantId: a.id, memberId: m.id } } })).toMatchObject({ reason: 'cancelled' });
    const log = await prisma().auditLog.findFirst({ where: { tenantId: a.id, action: 'member.cancel', targetId: m.id } });
    expect(log).toMatchObject({ actorType: 'member', details: { confirmedBy: 'sms_code' } });

    await t.http.get('/api/v1/me').set(bearer(m.token)).expect(401);
    // The phone no longer leads to the account: its device is forgotten, so a password login asks for
    // the SMS step, as for any phone (issue 13, defect 7) — and no login code is sent to it.
    const login = await t.http.post('/api/v1/auth/password').send({ phone: m.phone, password: 'secret-pass-1', deviceId: 'device-cancel-1' }).expect(403);
    expect(login.body.error.code).toBe('device_verification_required');
    await prisma().rateCounter.deleteMany({ where: { key: { startsWith: `sms:phone:${t.deps.cipher.lookupHash(m.phone)}` } } });
    const sent = sandboxSmsOutbox.to(m.phone).length;
    await t.http.post('/api/v1/auth/sms-code').send({ phone: m.phone, purpose: 'new_device' }).expect(202);
    expect(sandboxSmsOutbox.to(m.phone)).toHaveLength(sent);
    // Nobody else was touched.
    expect((await prisma().member.findUnique({ where: { id: other.id } }))!).toMatchObject({ status: 'active', phoneHash: expect.any(String) });
    await t.http.get('/api/v1/me').set(bearer(other.token)).expect(200);
  });

  it("the enterprise's last admin cannot cancel until another admin exists", async () => {
    const a = await createTenant(t);
    const refused = await t.http.post('/api/v1/me/cancellation').set(bearer(a.admin.token)).send({}).expect(409);
    expect(refused.body.error.details.reasons).toEqual([expect.objectContaining({ code: 'last_admin' })]);
    await createMember(t, a.id, { role: 'admin' });
    await t.http.post('/api/v1/me/cancellation').set(bearer(a.admin.token)).send({}).expect(200);
  });

  it('a member without a phone needs no code and cannot ask for one', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    const res = await t.http.post('/api/v1/me/cancellation/code').set(bearer(m.token)).expect(422);
    expect(res.body.error.code).toBe('no_phone');
  });
});
