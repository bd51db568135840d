/** The enterprise's time zone: stored on the tenant (default Asia/Shanghai), validated, sent to the app. */
import { startTestApp, bearer, staff, type TestApp } from '../../support/test-app';
import { createTenant } from '../../factories';
import { isTimeZone } from '../../../server/src/core/time-zone';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const registration = { name: '华南制造', industry: '制造', size: '51-200', adminName: '李雷', adminPhone: '13900139000' };

describe('enterprise time zone', () => {
  it('defaults to Asia/Shanghai and is in the /me payload the app loads', async () => {
    const a = await createTenant(t);
    const me = await t.http.get('/api/v1/me').set(bearer(a.admin.token)).expect(200);
    expect(me.body.tenant).toEqual({ id: a.id, name: expect.any(String), edition: expect.any(String), timeZone: 'Asia/Shanghai' });
  });

  it('is set at registration when given a valid IANA name, and refused otherwise without creating anything', async () => {
    const ok = await t.http.post('/platform/v1/tenants').set(staff()).send({ ...registration, timeZone: 'Asia/Urumqi' }).expect(201);
    expect(ok.body.tenant.timeZone).toBe('Asia/Urumqi');
    const before = await t.deps.db.prisma.tenant.count();
    for (const timeZone of ['Mars/Olympus', 'UTC+8', '', 'x'.repeat(10_000), 8, null, { __proto__: {} }]) {
      const res = await t.http.post('/platform/v1/tenants').set(staff()).send({ ...registration, timeZone }).expect(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    expect(await t.deps.db.prisma.tenant.count()).toBe(before);
    const plain = await t.http.post('/platform/v1/tenants').set(staff()).send(registration).expect(201);
    expect(plain.body.tenant.timeZone).toBe('Asia/Shanghai');
  });

  it('knows zone names', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Asia/Nowhere')).toBe(false);
    expect(isTimeZone('../../etc')).toBe(false);
  });
});
