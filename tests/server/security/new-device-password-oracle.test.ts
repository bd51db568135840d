/**
 * Defect 7 (issue 13): a new-device password oracle. On a device the account had never used, the
 * right password answered 403 device_verification_required and a wrong one 401, so anyone could
 * test passwords without the phone. On an unknown device the SMS step now comes first: until a
 * right code is sent with it, a right password, a wrong one and an unknown phone get the same answer.
 * Unfreezing (password + code) checks the code before the password for the same reason.
 */
import { startTestApp, type TestApp } from '../../support/test-app';
import { createTenant } from '../../factories';
import { addPhoneMember, allowAnotherCode, newDevice, newPhone, smsCode } from '../accounts/helpers';
import { setPassword } from '../../../server/src/core/auth/phone-login';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const PASSWORD = 'secret-pass-1';

async function memberWithPassword() {
  const a = await createTenant(t);
  const phone = newPhone();
  const m = await addPhoneMember(t, a.id, phone);
  await setPassword(t.deps, a.id, m.id, PASSWORD);
  return { ...m, phone };
}

/** What a client can see of an answer (the request id aside). */
const seen = (res: { status: number; body: { error?: { code: string; message: string; details?: unknown } } }) => ({
  status: res.status,
  code: res.body.error?.code,
  message: res.body.error?.message,
  details: res.body.error?.details,
});

const wrongCode = (code: string) => (code === '000000' ? '111111' : '000000');

describe('defect 7: new-device password oracle', () => {
  it('POST /auth/password on a new device: the same 403 for a right password, a wrong one and an unknown phone', async () => {
    const m = await memberWithPassword();
    const device = newDevice();
    const right = await t.http.post('/api/v1/auth/password').send({ phone: m.phone, password: PASSWORD, deviceId: device });
    const wrong = await t.http.post('/api/v1/auth/password').send({ phone: m.phone, password: 'wrong-pass-2', deviceId: device });
    const nobody = await t.http.post('/api/v1/auth/password').send({ phone: newPhone(), password: PASSWORD, deviceId: device });
    expect(seen(right)).toEqual({ status: 403, code: 'device_verification_required', message: expect.any(String), details: { codePurpose: 'new_device' } });
    expect(seen(wrong)).toEqual(seen(right));
    expect(seen(nobody)).toEqual(seen(right));
  });

  it('a wrong SMS code answers the same for a right and a wrong password; a right code reveals the password, then signs in', async () => {
    const m = await memberWithPassword();
    const device = newDevice();
    const code = await smsCode(t, m.phone, 'new_device');
    const right = await t.http.post('/api/v1/auth/password').send({ phone: m.phone, password: PASSWORD, deviceId: device, smsCode: wrongCode(code) });
    const wrong = await t.http.post('/api/v1/auth/password').send({ phone: m.phone, password: 'wrong-pass-2', deviceId: device, smsCode: wrongCode(code) });
    expect(seen(right)).toMatchObject({ status: 400, code: 'invalid_code' });
    expect(seen(wrong)).toEqual(seen(right));

    // With the right code the password is compared; a wrong one does not use the code up.
    const typo = await t.http.post('/api/v1/auth/password').send({ phone: m.phone, password: 'wrong-pass-3', deviceId: device, smsCode: code }).expect(401);
    expect(typo.body.error.code).toBe('invalid_credentials');
    const ok = await t.http.post('/api/v1/auth/password').send({ phone: m.phone, password: PASSWORD, deviceId: device, smsCode: code }).expect(200);
    expect(ok.body.member.id).toBe(m.id);
    // The device is trusted now: the password alone signs in, and a wrong one is a plain 401.
    await t.http.post('/api/v1/auth/password').send({ phone: m.phone, password: PASSWORD, deviceId: device }).expect(200);
    await t.http.post('/api/v1/auth/password').send({ phone: m.phone, password: 'wrong-pass-4', deviceId: device }).expect(401);
  });

  it('POST /auth/unfreeze without the right code answers the same for a right and a wrong password, frozen or not', async () => {
    const active = await memberWithPassword();
    const frozen = await memberWithPassword();
    await t.deps.db.prisma.member.update({ where: { id: frozen.id }, data: { status: 'frozen' } });
    const answers = [];
    for (const m of [active, frozen]) {
      const code = await smsCode(t, m.phone, 'login');
      for (const password of [PASSWORD, 'wrong-pass-2']) {
        answers.push(seen(await t.http.post('/api/v1/auth/unfreeze').send({ phone: m.phone, password, code: wrongCode(code) })));
      }
      await allowAnotherCode(t, m.phone);
    }
    expect(answers[0]).toMatchObject({ status: 400, code: 'invalid_code' });
    for (const a of answers) expect(a).toEqual(answers[0]);
  });
});
