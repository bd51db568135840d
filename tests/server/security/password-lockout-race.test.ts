/**
 * Defect 6 (issue 13): the password lockout could be raced. 40 attempts sent at once for one phone
 * checked 15 passwords against a limit of 10: each request read the count, found it below the
 * limit, compared the password, and only counted the failure afterwards. The attempt is now taken
 * (one UPDATE … count + 1, the answer read back) before any comparison, so concurrent requests
 * cannot all pass: at most ten passwords are compared, the others are refused unseen with 429.
 * A 401 `invalid_credentials` is the only answer that follows a comparison, so counting them
 * counts the comparisons.
 */
import { startTestApp, type TestApp } from '../../support/test-app';
import { createTenant } from '../../factories';
import { addPhoneMember, newDevice, newPhone, smsCode } from '../accounts/helpers';
import { rememberDevice, setPassword } from '../../../server/src/core/auth/phone-login';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const LIMIT = 10;
const AT_ONCE = 40;

async function memberWithPassword(password: string) {
  const a = await createTenant(t);
  const phone = newPhone();
  const m = await addPhoneMember(t, a.id, phone);
  await setPassword(t.deps, a.id, m.id, password);
  return { ...m, phone };
}

function tally(statuses: number[]) {
  const count = (s: number) => statuses.filter((x) => x === s).length;
  return { compared: count(401), refused: count(429), other: statuses.filter((s) => s !== 401 && s !== 429 && s !== 400) };
}

describe('defect 6: password lockout race', () => {
  it('POST /auth/password: 40 wrong passwords at once for one phone compare at most 10', async () => {
    const m = await memberWithPassword('secret-pass-1');
    const device = newDevice();
    await rememberDevice(t.deps, m.tenantId, m.id, device);
    const replies = await Promise.all(
      Array.from({ length: AT_ONCE }, (_, i) => t.http.post('/api/v1/auth/password').send({ phone: m.phone, password: `wrong-pass-${i}`, deviceId: device })),
    );
    const { compared, refused, other } = tally(replies.map((r) => r.status));
    expect(other).toEqual([]);
    expect(compared).toBeGreaterThan(0);
    expect(compared).toBeLessThanOrEqual(LIMIT);
    expect(compared + refused).toBe(AT_ONCE);
    // The login log has one wrong_password row per comparison.
    const logged = await t.deps.db.prisma.loginLog.count({ where: { tenantId: m.tenantId, memberId: m.id, outcome: 'wrong_password' } });
    expect(logged).toBe(compared);
    // Locked: even the right password is not compared now.
    const locked = await t.http.post('/api/v1/auth/password').send({ phone: m.phone, password: 'secret-pass-1', deviceId: device }).expect(429);
    expect(locked.body.error.code).toBe('rate_limited');
  });

  it('POST /auth/unfreeze: 40 wrong passwords at once for one phone compare at most 10', async () => {
    const m = await memberWithPassword('secret-pass-1');
    await t.deps.db.prisma.member.update({ where: { id: m.id }, data: { status: 'frozen' } });
    const code = await smsCode(t, m.phone, 'login');
    const replies = await Promise.all(
      Array.from({ length: AT_ONCE }, (_, i) => t.http.post('/api/v1/auth/unfreeze').send({ phone: m.phone, password: `wrong-pass-${i}`, code })),
    );
    const statuses = replies.map((r) => r.status);
    const { compared, refused, other } = tally(statuses);
    expect(other).toEqual([]);
    expect(compared).toBeLessThanOrEqual(LIMIT);
    // Every request past the limit is refused before anything is checked, the code included.
    expect(refused).toBeGreaterThanOrEqual(AT_ONCE - LIMIT);
    expect((await t.deps.db.prisma.member.findUnique({ where: { id: m.id }, select: { status: true } }))!.status).toBe('frozen');
  });
});
