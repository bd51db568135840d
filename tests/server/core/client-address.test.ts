/**
 * Defect 5 (issue #13): X-Forwarded-For is believed only from TRUSTED_PROXIES. Without any (the
 * default), the client is the connection's peer: a forged header neither escapes per-IP limits nor
 * lands in login logs or audit rows.
 */
import supertest from 'supertest';
import { ConfigError, loadConfig } from '@qixue/config';
import { bearer, startTestApp, type TestApp } from '../../support/test-app';
import { createTenant } from '../../factories';
import { addPhoneMember, newPhone } from '../accounts/helpers';
import { sandboxSmsOutbox } from '../../../server/src/hosts/sms/sandbox';

let untrusting: TestApp;
let behindProxy: TestApp;
beforeAll(async () => {
  untrusting = await startTestApp({ TRUSTED_PROXIES: '' }); // empty = the default: no proxy is believed
  behindProxy = await startTestApp({ TRUSTED_PROXIES: '127.0.0.0/8,::1,10.0.0.0/8' });
});
afterAll(async () => {
  await untrusting.close();
  await behindProxy.close();
});

/** A client without testClient's made-up address, so each request sets its own header. */
const plain = (t: TestApp) => supertest(t.app.callback());
const LOOPBACK = /^(::ffff:)?127\.0\.0\.1$|^::1$/;
const forged = (i: number) => `203.0.113.${i}`;

describe('defect 5: X-Forwarded-For trusted', () => {
  it('without trusted proxies, a forged X-Forwarded-For does not escape the per-IP limit', async () => {
    const http = plain(untrusting);
    // Codes for unknown phones count per address (30 an hour): a new forged address per request must not reset it.
    const replies = [];
    for (let i = 1; i <= 32; i++) replies.push(await http.post('/api/v1/auth/sms-code').set('X-Forwarded-For', forged(i)).send({ phone: newPhone(), purpose: 'login' }));
    expect(replies.at(-1)!.status).toBe(429);
    expect(replies.at(-1)!.body.error.code).toBe('rate_limited');
  });

  it('without trusted proxies, login logs and audit rows record the peer, not the header', async () => {
    const t = untrusting;
    const http = plain(t);
    const tenant = await createTenant(t);
    const phone = newPhone();
    await addPhoneMember(t, tenant.id, phone);
    await http.post('/api/v1/auth/sms-code').set('X-Forwarded-For', forged(100)).send({ phone, purpose: 'login' }).expect(202);
    const code = sandboxSmsOutbox.to(phone).at(-1)!.params.code;
    const login = await http.post('/api/v1/auth/sms').set('X-Forwarded-For', forged(100)).send({ phone, code }).expect(200);
    const logs = await t.deps.db.prisma.loginLog.findMany({ where: { memberId: login.body.member.id }, select: { ip: true } });
    expect(logs.length).toBeGreaterThan(0);
    for (const log of logs) expect(log.ip).toMatch(LOOPBACK);

    const course = await http.post('/api/v1/courses').set(bearer(tenant.admin.token)).set('X-Forwarded-For', forged(101)).send({ title: '安全培训' }).expect(201);
    const row = await t.deps.db.prisma.auditLog.findFirst({ where: { tenantId: tenant.id, targetId: course.body.course.id }, select: { ip: true } });
    expect(row!.ip).toMatch(LOOPBACK);
  });

  it('behind a trusted proxy, the address is the nearest hop the proxies did not add', async () => {
    const t = behindProxy;
    const http = plain(t);
    const tenant = await createTenant(t);
    const audited = async (xff: string) => {
      const course = await http.post('/api/v1/courses').set(bearer(tenant.admin.token)).set('X-Forwarded-For', xff).send({ title: '安全培训' }).expect(201);
      return (await t.deps.db.prisma.auditLog.findFirst({ where: { tenantId: tenant.id, targetId: course.body.course.id }, select: { ip: true } }))!.ip;
    };
    expect(await audited('198.51.100.7')).toBe('198.51.100.7');
    // The client wrote the first entry itself; the proxy appended the address it saw.
    expect(await audited('1.2.3.4, 198.51.100.7')).toBe('198.51.100.7');
    expect(await audited('1.2.3.4, 198.51.100.7, 10.1.2.3')).toBe('198.51.100.7');
  });

  it('refuses a TRUSTED_PROXIES entry that is not an address or network', () => {
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/8,proxy.example.com' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(ConfigError);
    expect(loadConfig({ TRUSTED_PROXIES: ' 10.0.0.0/8, fd00::/8 ,127.0.0.1' }).TRUSTED_PROXIES).toEqual(['10.0.0.0/8', 'fd00::/8', '127.0.0.1']);
    expect(loadConfig({}).TRUSTED_PROXIES).toEqual([]);
    expect(loadConfig({}).HOST).toBe('127.0.0.1');
  });
});
