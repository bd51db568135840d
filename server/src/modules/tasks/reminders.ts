/**
 * Task reminders, as durable jobs: on assignment, N days before the due date, and when overdue.
 * Each run computes the assignees at that moment (so people who joined since are reminded too),
 * writes one inbox notification per person (dedupeKey: a retried job writes nothing twice) and
 * pushes the not-yet-pushed ones as a WeCom app message through deps.messenger, which applies the
 * host's caps and records every recipient's outcome. A reminder whose due date has since changed
 * is skipped; updating the task schedules fresh ones.
 */
import type { AppDeps } from '../../core/context';
import type { JobRecord, JobIO } from '../../jobs/queue';
import { scopeToTenant, type TenantDb } from '../../core/tenancy';
import { clock } from '../courses/clock';
import { assigneeIds } from './assignees';
import { taskSelect, type TaskRow } from './service';

export const REMIND_JOB = 'tasks.remind';
const DAY_MS = 86_400_000;
const CHUNK = 1000;

export type Stage = 'assigned' | 'due_soon' | 'overdue';
interface Payload {
  taskId: string;
  stage: Stage;
  dueAt: string;
}

/** What this module needs of the messenger (hosts/wecom/messages.ts), looked up at call time. */
interface MessengerLike {
  send(tenantId: string, request: { memberIds: string[]; card: { kind: 'textcard'; title: string; description: string; url: string }; source: string }): Promise<unknown>;
}

export async function scheduleReminders(deps: AppDeps, tenantId: string, task: TaskRow, createdById?: string, stages: Stage[] = ['assigned', 'due_soon', 'overdue']) {
  const now = clock.now();
  const due = task.dueAt.getTime();
  const at: Record<Stage, number> = { assigned: Math.max(now, task.startsAt.getTime()), due_soon: due - task.remindDaysBefore * DAY_MS, overdue: due + 1000 };
  for (const stage of stages) {
    if (stage === 'due_soon' && (task.remindDaysBefore === 0 || at.due_soon <= now)) continue;
    const payload: Payload = { taskId: task.id, stage, dueAt: task.dueAt.toISOString() };
    await deps.jobs.enqueue({ tenantId, kind: REMIND_JOB, payload, createdById, runAfter: new Date(at[stage]) });
  }
}

const texts: Record<Stage, (t: TaskRow) => { title: string; body: string }> = {
  assigned: (t) => ({ title: `新的培训任务：${t.title}`, body: `请在 ${t.dueAt.toISOString().slice(0, 10)} 前完成 / Due ${t.dueAt.toISOString().slice(0, 10)}` }),
  due_soon: (t) => ({ title: `培训任务即将到期：${t.title}`, body: `截止日期 ${t.dueAt.toISOString().slice(0, 10)}，请尽快完成 / Due soon` }),
  overdue: (t) => ({ title: `培训任务已逾期：${t.title}`, body: `已超过截止日期 ${t.dueAt.toISOString().slice(0, 10)} / Overdue` }),
};

export async function runReminder(deps: AppDeps, job: JobRecord, io: JobIO) {
  const { taskId, stage, dueAt } = job.payload as Payload;
  const tenantId = job.tenantId!;
  const db = scopeToTenant(deps.db.prisma, tenantId);
  const task = await db.trainingTask.findUnique({ where: { id: taskId }, select: taskSelect });
  if (!task || task.archivedAt) return { skipped: 'task_gone' };
  if (task.dueAt.toISOString() !== dueAt) return { skipped: 'rescheduled' };

  let members = await assigneeIds(db, deps.db.raw, deps.db.dialect, tenantId, taskId);
  if (stage !== 'assigned') {
    const done = new Set((await db.taskCompletion.findMany({ where: { taskId }, select: { memberId: true } })).map((c) => c.memberId));
    members = members.filter((m) => !done.has(m));
  }
  const { title, body } = texts[stage](task);
  // The app's task list (tasks have no page of their own); on the web, the same page under /app.
  const link = `/pages/tasks/index?id=${taskId}`;
  const keyOf = (memberId: string) => `task:${taskId}:${stage}:${task.dueAt.getTime()}:${memberId}`;
  let notified = 0;
  let pushed = 0;
  for (let i = 0; i < members.length; i += CHUNK) {
    const chunk = members.slice(i, i + CHUNK);
    notified += await notify(db, tenantId, chunk.map((memberId) => ({ memberId, dedupeKey: keyOf(memberId) })), { kind: `task.${stage}`, title, body, link });
    pushed += await push(deps, db, tenantId, chunk.map(keyOf), { title, body, url: `${deps.config.PUBLIC_URL.replace(/\/$/, '')}/app${link}` });
    await io.progress(Math.min(i + CHUNK, members.length), members.length);
  }
  return { stage, assignees: members.length, notified, pushed };
}

/** Writes inbox notifications that do not exist yet; returns how many were new. */
export async function notify(db: TenantDb, tenantId: string, rows: { memberId: string; dedupeKey: string }[], content: { kind: string; title: string; body: string; link: string }) {
  if (rows.length === 0) return 0;
  const have = new Set((await db.notification.findMany({ where: { dedupeKey: { in: rows.map((r) => r.dedupeKey) } }, select: { dedupeKey: true } })).map((n) => n.dedupeKey));
  const fresh = rows.filter((r) => !have.has(r.dedupeKey));
  if (fresh.length) await db.notification.createMany({ data: fresh.map((r) => ({ tenantId, ...r, ...content, createdAt: new Date(clock.now()) })) });
  return fresh.length;
}

async function push(deps: AppDeps, db: TenantDb, tenantId: string, keys: string[], card: { title: string; body: string; url: string }) {
  const messenger = (deps as unknown as { messenger?: MessengerLike }).messenger;
  if (!messenger) return 0;
  const pending = await db.notification.findMany({ where: { dedupeKey: { in: keys }, pushedAt: null }, select: { id: true, memberId: true } });
  if (pending.length === 0) return 0;
  try {
    await messenger.send(tenantId, {
      memberIds: pending.map((p) => p.memberId),
      card: { kind: 'textcard', title: card.title.slice(0, 128), description: card.body, url: card.url },
      source: 'training.reminder',
    });
  } catch (err) {
    // Not a WeCom enterprise (or the host refused): the inbox still has the notice.
    deps.logger.info({ err: (err as Error).message, tenantId }, 'task reminder not pushed to WeCom');
    return 0;
  }
  await db.notification.updateMany({ where: { id: { in: pending.map((p) => p.id) } }, data: { pushedAt: new Date(clock.now()) } });
  return pending.length;
}

export function registerTaskJobs(deps: AppDeps): void {
  deps.jobs.register(REMIND_JOB, (job, io) => runReminder(deps, job, io));
}
