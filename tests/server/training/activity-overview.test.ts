/**
 * The dashboard's head counts: members by status and people active per day of the enterprise's
 * time zone (a sign-in or a study session; a person once per day), compared with a hand count.
 */
import { startTestApp, bearer, type TestApp } from '../../support/test-app';
import { createTenant, createMember } from '../../factories';
import { fakeClock } from '../../factories/training';
import { startOfZonedDay } from '../../../server/src/core/time-zone';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

// 2026-03-10 12:00 in Shanghai.
const NOW = Date.parse('2026-03-10T04:00:00Z');
const HOUR = 3_600_000;

describe('GET /api/v1/reports/activity', () => {
  it('counts active people per Shanghai day, each once, and members by status', async () => {
    const clock = fakeClock(NOW);
    try {
      const a = await createTenant(t, { name: '活跃统计公司' });
      const b = await createTenant(t, { name: '另一家公司' });
      const [m1, m2, m3] = [await createMember(t, a.id), await createMember(t, a.id), await createMember(t, a.id)];
      await createMember(t, a.id, { status: 'frozen' });
      const other = await createMember(t, b.id);
      const prisma = t.deps.db.prisma;
      const course = await prisma.course.create({ data: { tenantId: a.id, title: '统计课程', createdById: a.admin.id }, select: { id: true } });
      const login = (tenantId: string, memberId: string, at: number, outcome = 'success') =>
        prisma.loginLog.create({ data: { tenantId, memberId, method: 'sms_code', outcome, createdAt: new Date(at) } });
      const study = (memberId: string, at: number) =>
        prisma.studySession.create({ data: { tenantId: a.id, memberId, courseId: course.id, validUntil: new Date(NOW + 99 * HOUR), startedAt: new Date(at) } });
      // Today in Shanghai began at 2026-03-09T16:00Z.
      await login(a.id, m1.id, Date.parse('2026-03-09T16:30:00Z')); // today 00:30 local
      await study(m1.id, Date.parse('2026-03-10T02:00:00Z')); // same person, same day
      await study(m2.id, Date.parse('2026-03-10T03:00:00Z')); // today
      await login(a.id, m3.id, Date.parse('2026-03-09T15:30:00Z')); // yesterday 23:30 local
      await login(a.id, m2.id, Date.parse('2026-03-09T10:00:00Z'), 'wrong_password'); // refused: not active
      await login(b.id, other.id, Date.parse('2026-03-10T01:00:00Z')); // another enterprise

      const res = await t.http.get('/api/v1/reports/activity').query({ days: 3 }).set(bearer(a.admin.token)).expect(200);
      expect(res.body.timeZone).toBe('Asia/Shanghai');
      // The fixture's admin is an active member too.
      expect(res.body.members).toEqual({ active: 4, frozen: 1 });
      expect(res.body.activity).toEqual([
        { date: '2026-03-08', activeMembers: 0 },
        { date: '2026-03-09', activeMembers: 1 },
        { date: '2026-03-10', activeMembers: 2 },
      ]);
    } finally {
      clock.restore();
    }
  });

  it('is for admins, and refuses a bad day count without a 5xx', async () => {
    const a = await createTenant(t, { name: '权限检查公司' });
    const m = await createMember(t, a.id);
    await t.http.get('/api/v1/reports/activity').set(bearer(m.token)).expect(403);
    await t.http.get('/api/v1/reports/activity').expect(401);
    for (const days of ['0', '32', 'abc', '1e9', '-1', 'NaN']) {
      const res = await t.http.get('/api/v1/reports/activity').query({ days }).set(bearer(a.admin.token));
      expect(res.status).toBe(400);
      expect(res.body.error?.code ?? res.body.code).toBeTruthy();
    }
  });
});

describe('startOfZonedDay', () => {
  it('finds local midnight, also across a daylight-saving change', () => {
    expect(startOfZonedDay(new Date(NOW), 'Asia/Shanghai').toISOString()).toBe('2026-03-09T16:00:00.000Z');
    expect(startOfZonedDay(new Date(NOW), 'Asia/Shanghai', 2).toISOString()).toBe('2026-03-07T16:00:00.000Z');
    // New York moved to daylight time on 2026-03-08: midnight of the 9th is 04:00Z, of the 8th 05:00Z.
    expect(startOfZonedDay(new Date(NOW), 'America/New_York', 1).toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(startOfZonedDay(new Date(NOW), 'America/New_York', 2).toISOString()).toBe('2026-03-08T05:00:00.000Z');
  });
});
