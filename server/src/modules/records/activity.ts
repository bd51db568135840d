/**
 * The dashboard's head counts: members by status, and how many people were active on each of the
 * last days — signed in or studied — counted per calendar day of the enterprise's time zone.
 * A person counts once per day however many sessions they had; the counts come from the login log
 * and study sessions, not from Member.lastActiveAt (which only remembers a person's latest day).
 */
import type { TenantDb } from '../../core/tenancy';
import { DEFAULT_TIME_ZONE, startOfZonedDay, zonedDate } from '../../core/time-zone';

export interface ActivityOverview {
  timeZone: string;
  members: { active: number; frozen: number };
  /** Oldest first; `date` is the enterprise's calendar date (YYYY-MM-DD). */
  activity: Array<{ date: string; activeMembers: number }>;
}

export async function activityOverview(db: TenantDb, tenantId: string, days: number, now = new Date()): Promise<ActivityOverview> {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { timeZone: true } });
  const timeZone = tenant?.timeZone ?? DEFAULT_TIME_ZONE;
  const [active, frozen] = await Promise.all([
    db.member.count({ where: { status: 'active' } }),
    db.member.count({ where: { status: 'frozen' } }),
  ]);
  const activity = [];
  for (let back = days - 1; back >= 0; back--) {
    const from = startOfZonedDay(now, timeZone, back);
    const to = startOfZonedDay(now, timeZone, back - 1);
    const [signedIn, studied] = await Promise.all([
      db.loginLog.findMany({ where: { outcome: 'success', createdAt: { gte: from, lt: to } }, distinct: ['memberId'], select: { memberId: true } }),
      db.studySession.findMany({ where: { startedAt: { gte: from, lt: to } }, distinct: ['memberId'], select: { memberId: true } }),
    ]);
    const people = new Set([...signedIn, ...studied].map((r) => r.memberId));
    activity.push({ date: zonedDate(from, timeZone), activeMembers: people.size });
  }
  return { timeZone, members: { active, frozen }, activity };
}
