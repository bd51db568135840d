/**
 * 001 §1.4, 002 §3.3, 004 §3.5 — cancellation that keeps what must be kept: where records must
 * legally be kept (certificates, a report to a regulator) the account is locked instead of erased,
 * the identity sealed apart with its own key, nothing public remains, the retention end is tracked
 * and a job erases it when it ends. 002 §3.1.4 — the enterprise sets its own cancellation conditions.
 */
import { bearer, startTestApp, type TestApp } from '../../support/test-app';
import { createMember, createTenant } from '../../factories';
import { EXPORT_JOB } from '../../../server/src/modules/records/export';
import { SWEEP_JOB } from '../../../server/src/modules/privacy/inactivity';
import { retainedCipher } from '../../../server/src/modules/privacy/retention';
import { daysAgo } from './helpers';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const prisma = () => t.deps.db.prisma;
const DAY = 86_400_000;
const ID_NUMBER = '11010519491231002X';

async function memberWithIdentity(tenantId: string) {
  const m = await createMember(t, tenantId);
  await prisma().member.update({ where: { id: m.id }, data: { name: '李四' } });
  await prisma().realNameProfile.create({ data: { tenantId, memberId: m.id, realName: '李思', idNumberCipher: t.deps.cipher.encrypt(ID_NUMBER), idNumberSetAt: new Date(), region: '北京' } });
  return m;
}

async function certificateFor(tenantId: string, memberId: string, issuedAt = new Date()) {
  return prisma().certificate.create({
    data: { tenantId, memberId, courseId: 'c1', code: `R${Date.now()}${Math.floor(Math.random() * 1e6)}`.slice(0, 32), holderName: '李思', courseTitle: '安全生产', issuedAt },
  });
}

async function sweep(tenantId: string) {
  await t.deps.jobs.enqueue({ tenantId, kind: SWEEP_JOB });
  await t.deps.jobs.drain([SWEEP_JOB]);
}

describe('001 §1.4 / 002 §3.3: records that must be kept lock the account instead of erasing it', () => {
  it('a certificate holder is locked: identity sealed apart with its own key, no live personal data, the public lookup answers revoked', async () => {
    const a = await createTenant(t);
    const m = await memberWithIdentity(a.id);
    const cert = await certificateFor(a.id, m.id);
    expect((await t.http.get(`/api/v1/public/certificates/${cert.code}`).expect(200)).body.valid).toBe(true);

    const until = new Date(cert.issuedAt.getTime() + 1095 * DAY).toISOString();
    const preview = await t.http.get('/api/v1/me/cancellation').set(bearer(m.token)).expect(200);
    expect(preview.body).toMatchObject({ allowed: true, retention: { reasons: ['certificates'], until } });
    const res = await t.http.post('/api/v1/me/cancellation').set(bearer(m.token)).send({}).expect(200);
    expect(res.body).toEqual({ memberId: m.id, status: 'cancelled', outcome: 'locked', retention: { reasons: ['certificates'], until } });

    // Live tables hold nothing personal any more.
    expect(await prisma().member.findUnique({ where: { id: m.id } })).toMatchObject({ status: 'cancelled', name: null, hostUserId: null });
    expect(await prisma().realNameProfile.count({ where: { tenantId: a.id, memberId: m.id } })).toBe(0);
    // The identity is kept apart, sealed with a key that is not the live fields' key.
    const kept = (await prisma().retainedIdentity.findUnique({ where: { tenantId_memberId: { tenantId: a.id, memberId: m.id } } }))!;
    expect(kept).toMatchObject({ reasons: 'certificates', retainUntil: new Date(until) });
    expect(kept.sealed).not.toContain(ID_NUMBER);
    expect(kept.sealed).not.toContain('李');
    expect(() => t.deps.cipher.decrypt(kept.sealed)).toThrow();
    expect(JSON.parse(retainedCipher(t.deps.config).decrypt(kept.sealed))).toMatchObject({ name: '李四', realName: '李思', idNumber: ID_NUMBER, region: '北京' });

    // Nothing public remains: the certificate lookup says revoked and names nobody.
    const lookup = await t.http.get(`/api/v1/public/certificates/${cert.code}`).expect(200);
    expect(lookup.body).toEqual({ valid: false, status: 'revoked', message: expect.stringContaining('撤销') });
    await t.http.get('/api/v1/me').set(bearer(m.token)).expect(401);
    const log = await prisma().auditLog.findFirst({ where: { tenantId: a.id, action: 'member.cancel', targetId: m.id } });
    expect(log?.details).toMatchObject({ outcome: 'locked', kept: { reasons: ['certificates'], retainUntil: until } });
  });

  it('a person the enterprise reported to a regulator is locked; the retention counts from the report', async () => {
    const a = await createTenant(t);
    const m = await memberWithIdentity(a.id);
    await prisma().creditRecord.create({ data: { tenantId: a.id, memberId: m.id, courseId: 'c1', year: 2026, hours: 3 } });
    await t.http.post('/api/v1/exports').set(bearer(a.admin.token)).send({ format: 'regulator', year: 2026 }).expect(202);
    await t.deps.jobs.drain([EXPORT_JOB]);
    const report = (await prisma().regulatorReport.findUnique({ where: { tenantId_memberId: { tenantId: a.id, memberId: m.id } } }))!;
    expect(report.lastReportedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);

    const res = await t.http.post('/api/v1/me/cancellation').set(bearer(m.token)).send({}).expect(200);
    expect(res.body).toMatchObject({ outcome: 'locked', retention: { reasons: ['regulator_report'], until: new Date(report.lastReportedAt.getTime() + 1095 * DAY).toISOString() } });
    // The reported learning records stay, naming only the member id.
    expect(await prisma().creditRecord.count({ where: { tenantId: a.id, memberId: m.id } })).toBe(1);
  });

  it('the retention end is honoured: the sweep job erases the sealed identity once it has passed, audited', async () => {
    const a = await createTenant(t);
    const m = await memberWithIdentity(a.id);
    await certificateFor(a.id, m.id);
    await t.http.post('/api/v1/me/cancellation').set(bearer(m.token)).send({}).expect(200);
    const key = { tenantId_memberId: { tenantId: a.id, memberId: m.id } };
    await sweep(a.id);
    expect(await prisma().retainedIdentity.findUnique({ where: key })).not.toBeNull();

    await prisma().retainedIdentity.update({ where: key, data: { retainUntil: daysAgo(1) } });
    await sweep(a.id);
    expect(await prisma().retainedIdentity.findUnique({ where: key })).toBeNull();
    const log = await prisma().auditLog.findFirst({ where: { tenantId: a.id, action: 'member.retained_identity.erase', targetId: m.id } });
    expect(log).toMatchObject({ actorType: 'system' });
  });

  it('records older than the retention period keep nothing: the account is erased outright', async () => {
    const a = await createTenant(t);
    const m = await memberWithIdentity(a.id);
    const cert = await certificateFor(a.id, m.id, daysAgo(1200));
    expect((await t.http.get('/api/v1/me/cancellation').set(bearer(m.token)).expect(200)).body.retention).toBeNull();
    const res = await t.http.post('/api/v1/me/cancellation').set(bearer(m.token)).send({}).expect(200);
    expect(res.body).toMatchObject({ outcome: 'erased', retention: null });
    expect(await prisma().retainedIdentity.count({ where: { tenantId: a.id, memberId: m.id } })).toBe(0);
    expect((await t.http.get(`/api/v1/public/certificates/${cert.code}`).expect(200)).body).toMatchObject({ valid: false, status: 'revoked' });
  });

  it('a frozen account past its inactivity retention is locked too when it holds kept records', async () => {
    const a = await createTenant(t);
    const m = await memberWithIdentity(a.id);
    await certificateFor(a.id, m.id, daysAgo(600));
    await prisma().member.update({ where: { id: m.id }, data: { status: 'frozen', lastActiveAt: daysAgo(600) } });
    await sweep(a.id);
    expect(await prisma().member.findUnique({ where: { id: m.id } })).toMatchObject({ status: 'cancelled', name: null });
    expect(await prisma().retainedIdentity.count({ where: { tenantId: a.id, memberId: m.id } })).toBe(1);
    expect(await prisma().auditLog.findFirst({ where: { tenantId: a.id, action: 'member.lock', targetId: m.id } })).toMatchObject({ actorType: 'system' });
  });
});

describe('002 §3.1.4: the enterprise sets its own cancellation conditions', () => {
  it('an enterprise that cancels through its admins refuses self-service cancellation', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    await t.http.put('/api/v1/admin/account-policy').set(bearer(a.admin.token)).send({ selfCancellation: false }).expect(200);
    const refused = await t.http.post('/api/v1/me/cancellation').set(bearer(m.token)).send({}).expect(409);
    expect(refused.body.error.details.reasons).toEqual([expect.objectContaining({ code: 'enterprise_requires_admin' })]);
    expect((await t.http.get('/api/v1/me/cancellation').set(bearer(m.token)).expect(200)).body.allowed).toBe(false);
    const log = await prisma().auditLog.findFirst({ where: { tenantId: a.id, action: 'account_policy.update' } });
    expect(log?.details).toMatchObject({ after: { selfCancellation: false } });
  });

  it('unfinished required training tasks stop it where the enterprise says so; elective ones do not', async () => {
    const a = await createTenant(t);
    const m = await createMember(t, a.id);
    const assign = async (title: string, required: boolean) => {
      const task = await prisma().trainingTask.create({ data: { tenantId: a.id, title, required, startsAt: daysAgo(1), dueAt: new Date(Date.now() + 10 * DAY) } });
      await prisma().taskTarget.create({ data: { tenantId: a.id, taskId: task.id, kind: 'member', refId: m.id } });
      return task;
    };
    const task = await assign('消防安全', true);
    await assign('选修', false);
    expect((await t.http.get('/api/v1/me/cancellation').set(bearer(m.token)).expect(200)).body.allowed).toBe(true);
    await t.http.put('/api/v1/admin/account-policy').set(bearer(a.admin.token)).send({ blockOnOpenTasks: true }).expect(200);
    const refused = await t.http.post('/api/v1/me/cancellation').set(bearer(m.token)).send({}).expect(409);
    expect(refused.body.error.details.reasons).toEqual([expect.objectContaining({ code: 'open_required_task', taskId: task.id })]);
    await prisma().taskCompletion.create({ data: { tenantId: a.id, taskId: task.id, memberId: m.id } });
    await t.http.post('/api/v1/me/cancellation').set(bearer(m.token)).send({}).expect(200);
  });

  it('the record retention cannot be set below the 3 years of 001 §1.4', async () => {
    const a = await createTenant(t);
    const bad = await t.http.put('/api/v1/admin/account-policy').set(bearer(a.admin.token)).send({ recordRetentionDays: 365 }).expect(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const ok = await t.http.put('/api/v1/admin/account-policy').set(bearer(a.admin.token)).send({ recordRetentionDays: 1825 }).expect(200);
    expect(ok.body.policy.recordRetentionDays).toBe(1825);
  });
});
