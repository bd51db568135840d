/**
 * What stops a member from cancelling their account (001 §1.4): cancelling must not lose something
 * the person still needs. Each blocker answers the reasons it applies; a module that owns such a
 * thing adds its blocker to the list below (an explicit list, not registration by import).
 */
import type { TenantDb } from '../../core/tenancy';

export interface BlockReason {
  code: string;
  message: string;
  [detail: string]: unknown;
}

export type CancellationBlocker = (db: TenantDb, memberId: string, now: Date) => Promise<BlockReason[]>;

/** An enrolment not yet completed and still inside its validity window (001 §4.2). */
const unfinishedEnrolments: CancellationBlocker = async (db, memberId, now) => {
  const rows = await db.enrolment.findMany({
    where: { memberId, completedAt: null, expiresAt: { gt: now } },
    select: { id: true, courseId: true, expiresAt: true },
    orderBy: { expiresAt: 'asc' },
    take: 50,
  });
  return rows.map((e) => ({
    code: 'unfinished_enrolment',
    message: '有未完成且仍在有效期内的课程 / A course enrolment is unfinished and still valid',
    enrolmentId: e.id,
    courseId: e.courseId,
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

export const CANCELLATION_BLOCKERS: CancellationBlocker[] = [unfinishedEnrolments, lastAdmin];

export async function cancellationBlocks(db: TenantDb, memberId: string, now = new Date()): Promise<BlockReason[]> {
  return (await Promise.all(CANCELLATION_BLOCKERS.map((blocker) => blocker(db, memberId, now)))).flat();
}
