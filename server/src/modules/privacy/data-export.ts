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
import { globalTables } from '../../db/global-tables';
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

  const names = await namesOf(db, {
    courses: [...enrolments, ...chapterProgress, ...credits, ...certificates].map((r) => r.courseId),
    chapters: chapterProgress.map((p) => p.chapterId),
    exams: examAttempts.map((a) => a.examId),
    tasks: taskCompletions.map((c) => c.taskId),
    departments: departments.map((d) => d.departmentId),
  });

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
      departments: departments.map((d) => ({ ...d, departmentName: names.departments.get(d.departmentId) ?? null })),
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
    agreements: await myAcceptances(globalTables(deps.db), { db, memberId: actor.memberId }),
    privacyRequests: requests.map(presentRequest),
    learning: {
      enrolments: enrolments.map((e) => ({ ...e, courseTitle: names.courses.get(e.courseId) ?? null, startsAt: iso(e.startsAt), expiresAt: iso(e.expiresAt), chaptersDoneAt: iso(e.chaptersDoneAt), completedAt: iso(e.completedAt) })),
      chapterProgress: chapterProgress.map((p) => ({
        ...p, courseTitle: names.courses.get(p.courseId) ?? null, chapterTitle: names.chapters.get(p.chapterId) ?? null, completedAt: iso(p.completedAt),
      })),
      examAttempts: examAttempts.map((a) => ({ ...a, examTitle: names.exams.get(a.examId) ?? null, startedAt: iso(a.startedAt), submittedAt: iso(a.submittedAt) })),
      credits: credits.map((c) => ({ ...c, courseTitle: names.courses.get(c.courseId) ?? null, earnedAt: iso(c.earnedAt) })),
      certificates: certificates.map((c) => ({ ...c, issuedAt: iso(c.issuedAt) })),
      taskCompletions: taskCompletions.map((c) => ({ ...c, taskTitle: names.tasks.get(c.taskId) ?? null, completedAt: iso(c.completedAt) })),
    },
    notifications: notifications.map((n) => ({ ...n, createdAt: iso(n.createdAt), readAt: iso(n.readAt) })),
  };
}

/** Titles and names for the ids the export mentions, so a reader sees 信息安全入门, not an id. */
async function namesOf(db: TenantDb, ids: Record<'courses' | 'chapters' | 'exams' | 'tasks' | 'departments', string[]>) {
  const unique = (list: string[]) => ({ in: [...new Set(list)].slice(0, LIMIT) });
  const none = Promise.resolve([] as Array<{ id: string; title?: string; name?: string | null }>);
  const [courses, chapters, exams, tasks, departments] = await Promise.all([
    ids.courses.length ? db.course.findMany({ where: { id: unique(ids.courses) }, select: { id: true, title: true } }) : none,
    ids.chapters.length ? db.chapter.findMany({ where: { id: unique(ids.chapters) }, select: { id: true, title: true } }) : none,
    ids.exams.length ? db.exam.findMany({ where: { id: unique(ids.exams) }, select: { id: true, title: true } }) : none,
    ids.tasks.length ? db.trainingTask.findMany({ where: { id: unique(ids.tasks) }, select: { id: true, title: true } }) : none,
    ids.departments.length ? db.department.findMany({ where: { id: unique(ids.departments) }, select: { id: true, name: true } }) : none,
  ]);
  const map = (rows: Array<{ id: string; title?: string; name?: string | null }>) => new Map(rows.map((r) => [r.id, r.title ?? r.name ?? null]));
  return { courses: map(courses), chapters: map(chapters), exams: map(exams), tasks: map(tasks), departments: map(departments) };
}
