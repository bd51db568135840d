import { bearer, staff, startTestApp, type TestApp } from '../../support/test-app';
import { createMember, createTenant } from '../../factories';
import { addPhoneMember, newPhone } from '../accounts/helpers';
import { lastCode } from './helpers';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const prisma = () => t.deps.db.prisma;

async function signedIn(tenantId: string) {
  const phone = newPhone();
  const m = await addPhoneMember(t, tenantId, phone);
  await t.http.post('/api/v1/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
  const login = await t.http.post('/api/v1/auth/sms').send({ phone, code: lastCode(phone) }).expect(200);
  await prisma().rateCounter.deleteMany({ where: { key: { startsWith: `sms:phone:${t.deps.cipher.lookupHash(phone)}` } } });
  return { id: m.id, phone, token: login.body.token as string };
}

describe('moving my account to a new phone number (003 §3)', () => {
  it('401 without a session; 400 on a malformed phone or code', async () => {
    await t.http.post('/api/v1/me/phone/code').send({ phone: newPhone() }).expect(401);
    await t.http.put('/api/v1/me/phone').send({ phone: newPhone(), code: '123456' }).expect(401);
    const a = await createTenant(t);
    await t.http.post('/api/v1/me/phone/code').set(bearer(a.admin.token)).send({ phone: '12345' }).expect(400);
    await t.http.put('/api/v1/me/phone').set(bearer(a.admin.token)).send({ phone: newPhone(), code: 'x' }).expect(400);
  });

  it('needs a code to the new phone and one to the current phone; the records stay with the account', async () => {
    const a = await createTenant(t);
    const m = await signedIn(a.id);
    await prisma().creditRecord.create({ data: { tenantId: a.id, memberId: m.id, courseId: 'c-phone', year: 2026, hours: 3 } });
    const next = newPhone();
    const sent = await t.http.post('/api/v1/me/phone/code').set(bearer(m.token)).send({ phone: next }).expect(202);
    expect(sent.body).toEqual({ sent: true, currentPhoneCodeSent: true });
    const noCurrent = await t.http.put('/api/v1/me/phone').set(bearer(m.token)).send({ phone: next, code: lastCode(next) }).expect(400);
    expect(noCurrent.body.error.code).toBe('code_required');
    const wrongNew = lastCode(next) === '000000' ? '111111' : '000000';
    await t.http.put('/api/v1/me/phone').set(bearer(m.token)).send({ phone: next, code: wrongNew, currentCode: lastCode(m.phone) }).expect(400);
    // A mistyped code burns neither: the right pair still works.
    await t.http.put('/api/v1/me/phone').set(bearer(m.token)).send({ phone: next, code: lastCode(next), currentCode: lastCode(m.phone) }).expect(204);

    const row = (await prisma().member.findUnique({ where: { id: m.id } }))!;
    expect(row.phoneHash).toBe(t.deps.cipher.lookupHash(next));
    expect(t.deps.cipher.decrypt(row.phoneCipher!)).toBe(next);
    await prisma().rateCounter.deleteMany({ where: { key: { startsWith: 'sms:phone:' + t.deps.cipher.lookupHash(next) } } });
    await t.http.post('/api/v1/auth/sms-code').send({ phone: next, purpose: 'login' }).expect(202);
    const login = await t.http.post('/api/v1/auth/sms').send({ phone: next, code: lastCode(next) }).expect(200);
    expect(login.body.member.id).toBe(m.id);
    expect(await prisma().creditRecord.count({ where: { tenantId: a.id, memberId: m.id } })).toBe(1);
    expect(await prisma().auditLog.count({ where: { tenantId: a.id, action: 'member.phone_change', targetId: m.id } })).toBe(1);
  });

  it("refuses a number another account of the enterprise uses (409); another enterprise's numbers are theirs", async () => {
    const a = await createTenant(t);
    const b = await createTenant(t);
    const m = await signedIn(a.id);
    const colleague = newPhone();
    await addPhoneMember(t, a.id, colleague);
    const taken = await t.http.post('/api/v1/me/phone/code').set(bearer(m.token)).send({ phone: colleague }).expect(409);
    expect(taken.body.error.code).toBe('phone_taken');
    const elsewhere = newPhone();
    await addPhoneMember(t, b.id, elsewhere);
    await t.http.post('/api/v1/me/phone/code').set(bearer(m.token)).send({ phone: elsewhere }).expect(202);
  });

  it('a WeCom member without a phone adds one with a single code', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    const phone = newPhone();
    expect((await t.http.post('/api/v1/me/phone/code').set(bearer(m.token)).send({ phone }).expect(202)).body.currentPhoneCodeSent).toBe(false);
    await t.http.put('/api/v1/me/phone').set(bearer(m.token)).send({ phone, code: lastCode(phone) }).expect(204);
  });
});

describe('POST /platform/v1/tenants/:tenantId/members/:memberId/phone', () => {
  it('staff move a lost phone after an identity check: 401, 400, 404 for a member of another enterprise, 409, 200', async () => {
    const a = await createTenant(t);
    const b = await createTenant(t);
    const m = await signedIn(a.id);
    const next = newPhone();
    const url = `/platform/v1/tenants/${a.id}/members/${m.id}/phone`;
    await t.http.post(url).send({ phone: next, reason: 'x' }).expect(401);
    await t.http.post(url).set(bearer(m.token)).send({ phone: next, reason: 'x' }).expect(401);
    await t.http.post(url).set(staff()).send({ phone: next }).expect(400);
    await t.http.post(`/platform/v1/tenants/${b.id}/members/${m.id}/phone`).set(staff()).send({ phone: next, reason: '身份证核验' }).expect(404);
    const other = newPhone();
    await addPhoneMember(t, a.id, other);
    await t.http.post(url).set(staff()).send({ phone: other, reason: '身份证核验' }).expect(409);

    await t.http.post(url).set(staff()).send({ phone: next, reason: '身份证与手持证件照核验通过' }).expect(200, { memberId: m.id, phoneChanged: true });
    expect((await prisma().member.findUnique({ where: { id: m.id } }))!.phoneHash).toBe(t.deps.cipher.lookupHash(next));
    await t.http.get('/api/v1/me').set(bearer(m.token)).expect(401);
    const log = await prisma().auditLog.findFirst({ where: { tenantId: a.id, action: 'member.phone_change', targetId: m.id } });
    expect(log).toMatchObject({ actorType: 'staff', details: { by: 'staff', reason: '身份证与手持证件照核验通过' } });
  });
});
