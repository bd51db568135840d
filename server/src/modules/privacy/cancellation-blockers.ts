/**
 * What stops a member from cancelling their account (001 §1.4): cancelling must not lose something
 * the person still needs. Each blocker answers the reasons it applies; a module that owns such a
 * thing adds its blocker to the list below (an explicit list, not registration by import). The
 * enterprise's own conditions (002 §3.1.4, its account policy) are blockers too.
 */
import type { TenantDb } from '../../core/tenancy';
import { assignedAmong } from '../tasks/assignees';
import type { AccountPolicyView } from './account-policy';

export interface BlockReason {
  code: string;
  message: string;
  [detail: string]: unknown;
}

export type CancellationBlocker = (db: TenantDb, memberId: string, now: Date, policy: AccountPolicyView) => Promise<BlockReason[]>;

/** An enrolment not yet completed and still inside its validity window (001 §4.2). */
const unfinishedEnrolments: CancellationBlocker = async (db, memberId, now) => {
  const rows = await db.enrolment.findMany({
    where: { memberId, completedAt: null, expiresAt: { gt: now } },
    select: { id: true, courseId: true, expiresAt: true },
    orderBy: { expiresAt: 'asc' },
    take: 50,
  });
  // The course by its title: the person reads which course keeps the account open.
  const courses = rows.length ? await db.course.findMany({ where: { id: { in: rows.map((e) => e.courseId) } }, select: { id: true, title: true } }) : [];
  const title = new Map(courses.map((c) => [c.id, c.title]));
  return rows.map((e) => ({
    code: 'unfinished_enrolment',
    message: '有未完成且仍在有效期内的课程 / A course enrolment is unfinished and still valid',
    enrolmentId: e.id,
    courseId: e.courseId,
    courseTitle: title.get(e.courseId) ?? null,
    expiresAt: e.expiresAt.toISOString(),
  }));
};

/** The enterprise's last active admin: cancelling would leave nobody to manage it. */
const lastAdmin: CancellationBlocker = async (db, memberId) => {
  const me = await db.member.findUnique({ where: { id: memberId }, select: { role: true } });
  if (me?.role !== 'admin') return [];
  const others = await db.member.count({ where: { role: 'admin', status: 'active', id: { not: memberId } } });
  return others > 0 ? [] : [{ code: 'last_admin', message: '您是企业唯一的管理员，请先指定其他管理员 / You are the only admin: appoint another admin first' }];
};

/** The enterprise's own conditions (002 §3.1.4): cancellation through an admin only. */
const enterpriseOnly: CancellationBlocker = async (_db, _memberId, _now, policy) =>
  policy.selfCancellation ? [] : [{ code: 'enterprise_requires_admin', message: '本企业规定：注销账号需联系企业管理员办理 / Your enterprise cancels accounts through its admins: contact them' }];

/** The enterprise's own conditions (002 §3.1.4): required training tasks still open stop it. */
const openRequiredTasks: CancellationBlocker = async (db, memberId, now, policy) => {
  if (!policy.blockOnOpenTasks) return [];
  const open = await db.trainingTask.findMany({ where: { archivedAt: null, required: true, startsAt: { lte: now } }, select: { id: true, title: true, dueAt: true }, take: 500 });
  const mine = await assignedAmong(db, memberId, open);
  if (!mine.length) return [];
  const done = new Set((await db.taskCompletion.findMany({ where: { memberId, taskId: { in: mine.map((t) => t.id) } }, select: { taskId: true } })).map((c) => c.taskId));
  return mine.filter((t) => !done.has(t.id)).map((t) => ({
    code: 'open_required_task',
    message: `有未完成的必修培训任务《${t.title}》，本企业规定完成后方可注销 / A required training task is unfinished, and your enterprise requires it done first`,
    taskId: t.id,
    dueAt: t.dueAt.toISOString(),
  }));
};

export const CANCELLATION_BLOCKERS: CancellationBlocker[] = [unfinishedEnrolments, lastAdmin, enterpriseOnly, openRequiredTasks];

export async function cancellationBlocks(db: TenantDb, memberId: string, policy: AccountPolicyView, now = new Date()): Promise<BlockReason[]> {
  return (await Promise.all(CANCELLATION_BLOCKERS.map((blocker) => blocker(db, memberId, now, policy)))).flat();
}
