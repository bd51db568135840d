/**
 * 002 §2.2.6 — editions gate something real: basic / pro / private decide quotas (members, storage,
 * spaces, exams per month) and features (open API, community, regulator export). Exceeding a quota
 * answers 402 edition_limit naming the limit; staff change editions through the platform API.
 */
import { startTestApp, bearer, staff, type TestApp } from '../../support/test-app';
import { createMember, createTenant } from '../../factories';
import { createKbNode, createSpace } from '../../factories/knowledge';
import { monthStart } from '../../../server/src/modules/editions/gate';
import { PLANS } from '../../../server/src/modules/editions/plans';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);

function expectEditionLimit(res: { status: number; body: { error: { code: string; message: string; details: Record<string, unknown> } } }, limit: string, edition = 'basic') {
  expect(res.status).toBe(402);
  expect(res.body.error.code).toBe('edition_limit');
  expect(res.body.error.details).toMatchObject({ limit, edition });
  // A message a person reads, in Chinese and English.
  expect(res.body.error.message).toMatch(/[\u4e00-\u9fff].* \/ The /);
}

describe('002 §2.2.6 editions: quotas', () => {
  it('spaces: a basic enterprise stops at its limit with 402 edition_limit; staff upgrade it to pro and the create passes', async () => {
    const a = await createTenant(t, { edition: 'basic' });
    const max = PLANS.basic.quotas.spaces!;
    for (let i = 0; i < max; i++) await createSpace(t, a.admin.token, `知识库 ${i}`);
    const refused = await t.http.post('/api/v1/spaces').set(bearer(a.admin.token)).send({ name: '再多一个' });
    expectEditionLimit(refused, 'spaces');
    expect(refused.body.error.details).toMatchObject({ max, used: max });
    expect(await t.deps.db.prisma.kbSpace.count({ where: { tenantId: a.id } })).toBe(max);

    await t.http.patch(`/platform/v1/tenants/${a.id}`).set(staff()).send({ edition: 'pro', reason: '购买专业版' }).expect(200);
    await t.http.post('/api/v1/spaces').set(bearer(a.admin.token)).send({ name: '再多一个' }).expect(201);
    const audit = await t.deps.db.prisma.auditLog.findFirst({ where: { tenantId: a.id, action: 'tenant.update' } });
    expect(audit?.details).toMatchObject({ from: { edition: 'basic' }, to: { edition: 'pro' } });
  });

  it('exams per month: counted from the first of the month in the enterprise time zone; last month does not count', async () => {
    const a = await createTenant(t, { edition: 'basic' });
    const max = PLANS.basic.quotas.examsPerMonth!;
    const prisma = t.deps.db.prisma;
    const thisMonth = monthStart(new Date(), 'Asia/Shanghai');
    await prisma.exam.create({ data: { tenantId: a.id, title: '上月考试', createdAt: new Date(thisMonth.getTime() - 60_000) } });
    await prisma.exam.createMany({ data: Array.from({ length: max - 1 }, (_, i) => ({ tenantId: a.id, title: `考试 ${i}`, createdAt: new Date(thisMonth.getTime() + 60_000) })) });
    const admin = bearer(a.admin.token);
    await t.http.post('/api/v1/exams').set(admin).send({ title: '本月最后一场' }).expect(201);
    expectEditionLimit(await t.http.post('/api/v1/exams').set(admin).send({ title: '超出' }), 'examsPerMonth');
  });

  it('members: invitations stop at the member quota; people who left do not count', async () => {
    const a = await createTenant(t, { edition: 'basic' });
    const max = PLANS.basic.quotas.members!;
    const prisma = t.deps.db.prisma;
    // The admin and max - 2 others are members; one more who left does not count.
    await prisma.member.createMany({ data: Array.from({ length: max - 2 }, (_, i) => ({ tenantId: a.id, hostUserId: `u${i}` })) });
    await prisma.member.create({ data: { tenantId: a.id, hostUserId: 'gone', status: 'left' } });
    const admin = bearer(a.admin.token);
    await t.http.post('/api/v1/invitations').set(admin).send({ phone: '13900000001', name: '讲师甲' }).expect(201);
    const refused = await t.http.post('/api/v1/invitations').set(admin).send({ phone: '13900000002', name: '讲师乙' });
    expectEditionLimit(refused, 'members');
    expect(refused.body.error.details).toMatchObject({ max, used: max });
  });

  it('storage: an upload that would pass the storage quota is refused before it is stored', async () => {
    const a = await createTenant(t, { edition: 'basic' });
    const space = await createSpace(t, a.admin.token);
    const doc = await createKbNode(t, a.admin.token, space.id, { title: '手册', body: '正文' });
    const max = PLANS.basic.quotas.storageBytes!;
    await t.deps.db.prisma.kbAttachment.create({
      data: { tenantId: a.id, spaceId: space.id, nodeId: doc.id, fileName: '大文件.mp4', mimeType: 'video/mp4', size: max - 10, sha256: '0'.repeat(64), storageKey: 'none', uploadedById: a.admin.id },
    });
    const res = await t.http.post(`/api/v1/docs/${doc.id}/attachments`).query({ name: '图.png' }).set(bearer(a.admin.token)).set('Content-Type', 'application/octet-stream').send(PNG);
    expectEditionLimit(res, 'storageBytes');
    expect(await t.deps.db.prisma.kbAttachment.count({ where: { tenantId: a.id } })).toBe(1);
  });

  it('private deployment has no quota', async () => {
    const a = await createTenant(t, { edition: 'private' });
    await t.deps.db.prisma.kbSpace.createMany({ data: Array.from({ length: PLANS.pro.quotas.spaces! }, (_, i) => ({ tenantId: a.id, name: `库 ${i}`, createdById: a.admin.id })) });
    await t.http.post('/api/v1/spaces').set(bearer(a.admin.token)).send({ name: '不限' }).expect(201);
  });
});

describe('002 §2.2.6 editions: features', () => {
  it('community: a basic enterprise gets 402 edition_limit on every community route; pro opens it', async () => {
    const a = await createTenant(t, { edition: 'basic' });
    const m = await createMember(t, a.id);
    expectEditionLimit(await t.http.get('/api/v1/community/posts').set(bearer(m.token)), 'community');
    expectEditionLimit(await t.http.post('/api/v1/community/posts').set(bearer(m.token)).send({ kind: 'question', title: '请教', body: '内容' }), 'community');
    expectEditionLimit(await t.http.post('/api/v1/admin/community/boards').set(bearer(a.admin.token)).send({ name: '闲聊' }), 'community');
    await t.http.patch(`/platform/v1/tenants/${a.id}`).set(staff()).send({ edition: 'pro' }).expect(200);
    await t.http.get('/api/v1/community/posts').set(bearer(m.token)).expect(200);
  });

  it('regulator export: basic refuses the regulator format and keeps the ordinary records export', async () => {
    const a = await createTenant(t, { edition: 'basic' });
    const admin = bearer(a.admin.token);
    expectEditionLimit(await t.http.post('/api/v1/exports').set(admin).send({ format: 'regulator', year: 2026 }), 'regulatorExport');
    await t.http.post('/api/v1/exports').set(admin).send({ format: 'records' }).expect(202);
    expect(await t.deps.db.prisma.job.count({ where: { tenantId: a.id, kind: { contains: 'export' } } })).toBe(1);
  });

  it('the open API is a pro and private feature', () => {
    expect([PLANS.basic, PLANS.pro, PLANS.private].map((p) => p.features.openApi)).toEqual([false, true, true]);
  });
});

describe('002 §2.2.6 editions: what admins and staff see', () => {
  it('GET /admin/edition shows the edition, its limits and the usage; members are refused; staff see the same plan', async () => {
    const a = await createTenant(t, { edition: 'basic' });
    const m = await createMember(t, a.id);
    await createSpace(t, a.admin.token);
    const res = await t.http.get('/api/v1/admin/edition').set(bearer(a.admin.token)).expect(200);
    expect(res.body).toEqual({
      edition: 'basic', quotas: PLANS.basic.quotas, features: PLANS.basic.features,
      usage: { members: 2, storageBytes: 0, spaces: 1, examsPerMonth: 0 },
    });
    await t.http.get('/api/v1/admin/edition').set(bearer(m.token)).expect(403);
    await t.http.get('/api/v1/admin/edition').expect(401);
    const staffView = await t.http.get(`/platform/v1/tenants/${a.id}`).set(staff()).expect(200);
    expect(staffView.body.plan).toEqual(res.body);
  });

  it('the month starts at midnight of the enterprise time zone', () => {
    expect(monthStart(new Date('2026-12-07T21:00:00Z'), 'Asia/Shanghai').toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(monthStart(new Date('2026-11-30T17:00:00Z'), 'Asia/Shanghai').toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(monthStart(new Date('2026-12-07T21:00:00Z'), 'UTC').toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });
});
