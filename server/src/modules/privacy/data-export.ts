/**
 * "My data" (003 §6): everything Qixue holds about the member asking, as one JSON document —
 * profile, real-name fields, logins, sessions, devices, agreements, privacy requests and learning
 * records. Every query names the member (and the scoped db the enterprise), so nobody else's rows
 * can appear; rows of other people that mention the member (e.g. an admin's audit entries) are not
 * the member's data and are left out.
 */
import type { Actor, AppDeps } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { errors } from '../../core/errors';
import { myAcceptances } from '../agreements/service';
import { presentRequest, requestSelect } from './presenter';

const LIMIT = 5000;
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export async function exportMyData(deps: AppDeps, db: TenantDb, actor: Actor) {
  const mine = { memberId: actor.memberId };
  const newest = { take: LIMIT };
  const [member, tenant, realName, logins, sessions, devices, departments, requests] = await Promise.all([
    db.member.findUnique({
      where: { id: actor.memberId },
      select: { id: true, hostUserId: true, name: true, phoneCipher: true, status: true, role: true, lastActiveAt: true, createdAt: true },
    }),
    db.tenant.findUnique({ where: { id: actor.tenantId }, select: { id: true, name: true } }),
    db.realNameProfile.findUnique({
      where: { tenantId_memberId: { tenantId: actor.tenantId, memberId: actor.memberId } },
      select: { realName: true, idNumberCipher: true, employer: true, region: true, updatedAt: true },
    }),
    db.loginLog.findMany({ where: mine, select: { method: true, outcome: true, ip: true, userAgent: true, deviceId: true, createdAt: true }, orderBy: { createdAt: 'desc' }, ...newest }),
    db.session.findMany({ where: mine, select: { method: true, ip: true, userAgent: true, createdAt: true, expiresAt: true, revokedAt: true }, orderBy: { createdAt: 'desc' }, ...newest }),
    db.memberDevice.findMany({ where: mine, select: { firstSeenAt: true, lastSeenAt: true }, ...newest }),
    db.departmentMember.findMany({ where: mine, select: { departmentId: true, isLeader: true } }),
    db.privacyRequest.findMany({ where: mine, select: requestSelect, orderBy: { createdAt: 'desc' }, ...newest }),
  ]);
  if (!member || !tenant) throw errors.unauthenticated();

  const [enrolments, chapterProgress, examAttempts, credits, certificates, taskCompletions, notifications] = await Promise.all([
    db.enrolment.findMany({ where: mine, select: { courseId: true, startsAt: true, expiresAt: true, chaptersDoneAt: true, completedAt: true }, ...newest }),
    db.chapterProgress.findMany({ where: mine, select: { courseId: true, chapterId: true, creditedSec: true, furthestSec: true, completed: true, completedAt: true }, ...newest }),
    db.examAttempt.findMany({ where: mine, select: { examId: true, attemptNo: true, status: true, startedAt: true, submittedAt: true, score: true, maxScore: true, passed: true }, ...newest }),
    db.creditRecord.findMany({ where: mine, select: { courseId: true, year: true, hours: true, score: true, earnedAt: true }, ...newest }),
    db.certificate.findMany({ where: mine, select: { courseId: true, code: true, holderName: true, courseTitle: true, issuedAt: true }, ...newest }),
    db.taskCompletion.findMany({ where: mine, select: { taskId: true, completedAt: true }, ...newest }),
    db.notification.findMany({ where: mine, select: { kind: true, title: true, createdAt: true, readAt: true }, orderBy: { createdAt: 'desc' }, ...newest }),
  ]);

  return {
    exportedAt: new Date().toISOString(),
    enterprise: tenant,
    profile: {
      id: member.id,
      hostUserId: member.hostUserId,
      name: member.name,
      phone: member.phoneCipher ? deps.cipher.decrypt(member.phoneCipher) : null,
      status: member.status,
      role: member.role,
      lastActiveAt: iso(member.lastActiveAt),
      createdAt: iso(member.createdAt),
      departments,
    },
    realName: realName && {
      realName: realName.realName,
      idNumber: realName.idNumberCipher ? deps.cipher.decrypt(realName.idNumberCipher) : null,
      employer: realName.employer,
      region: realName.region,
      updatedAt: iso(realName.updatedAt),
    },
    logins: logins.map((l) => ({ ...l, createdAt: iso(l.createdAt) })),
    sessions: sessions.map((s) => ({ ...s, createdAt: iso(s.createdAt), expiresAt: iso(s.expiresAt), revokedAt: iso(s.revokedAt) })),
    devices: devices.map((d) => ({ firstSeenAt: iso(d.firstSeenAt), lastSeenAt: iso(d.lastSeenAt) })),
    agreements: await myAcceptances(deps, db, actor),
    privacyRequests: requests.map(presentRequest),
    learning: {
      enrolments: enrolments.map((e) => ({ ...e, startsAt: iso(e.startsAt), expiresAt: iso(e.expiresAt), chaptersDoneAt: iso(e.chaptersDoneAt), completedAt: iso(e.completedAt) })),
      chapterProgress: chapterProgress.map((p) => ({ ...p, completedAt: iso(p.completedAt) })),
      examAttempts: examAttempts.map((a) => ({ ...a, startedAt: iso(a.startedAt), submittedAt: iso(a.submittedAt) })),
      credits: credits.map((c) => ({ ...c, earnedAt: iso(c.earnedAt) })),
      certificates: certificates.map((c) => ({ ...c, issuedAt: iso(c.issuedAt) })),
      taskCompletions: taskCompletions.map((c) => ({ ...c, completedAt: iso(c.completedAt) })),
    },
    notifications: notifications.map((n) => ({ ...n, createdAt: iso(n.createdAt), readAt: iso(n.readAt) })),
  };
}
