/**
 * Training tasks.
 *   admin:  POST/PATCH (fields, contents and audience)/DELETE (archives) /tasks, GET /tasks (all), GET /tasks/:id (with totals), GET /tasks/:id/assignees
 *   member: GET /me/tasks (with progress and the next step), GET /tasks/:id (own progress; 404 when not assigned),
 *           POST /tasks/:id/documents/:documentId/read (read confirmation of a task document)
 */
import Router from '@koa/router';
import type { AppDeps, AppState } from '../../core/context';
import type { TenantDb } from '../../core/tenancy';
import { authenticate } from '../../core/auth/authenticate';
import { isAdmin, requireAdmin } from '../../core/auth/policy';
import { audit } from '../../core/audit';
import { errors } from '../../core/errors';
import { pageArgs, pageQuery, toPage } from '../../core/pagination';
import { inputOf, validate } from '../../core/validate';
import { clock } from '../courses/clock';
import { assigneeCondition, assignedAmong } from './assignees';
import { recordItemDone } from './completion';
import { memberItems, tasksProgress } from './next-step';
import { presentMyProgress, presentMyTask } from './presenter';
import { scheduleReminders } from './reminders';
import { assigneesQuery, createTaskBody, docParams, idParams, updateTaskBody } from './schema';
import { assigneeStatus, backfillTask, checkReferences, checkTargets, loadTask, presentTask, replaceItems, taskSelect, titledItems, taskSummary, type TaskRow } from './service';
import { recordLearningEvents } from '../xapi/learning-events';

/** The member's progress in one task: every item, done or not, and what comes next. */
async function myProgress(db: TenantDb, tenantId: string, memberId: string, task: TaskRow) {
  const items = (await memberItems(db, tenantId, memberId, [task.id])).get(task.id)!;
  const progress = (await tasksProgress(db, memberId, [{ taskId: task.id, items }])).get(task.id)!;
  const completion = await db.taskCompletion.findFirst({ where: { taskId: task.id, memberId }, select: { completedAt: true } });
  return presentMyProgress(items, progress, assigneeStatus(completion?.completedAt ?? null, progress.itemsDone, task.dueAt), completion?.completedAt ?? null);
}

export function taskRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = authenticate(deps);
  const admin = requireAdmin();
  const one = { params: idParams };

  const create = { body: createTaskBody };
  router.post('/tasks', auth, admin, validate(create), async (ctx) => {
    const { body } = inputOf(ctx, create);
    const { db, actor } = ctx.state;
    const tenantId = actor!.tenantId;
    await checkReferences(db!, body.items, body.targets);
    const task = await db!.trainingTask.create({
      data: { tenantId, title: body.title, description: body.description, required: body.required, startsAt: body.startsAt, dueAt: body.dueAt, remindDaysBefore: body.remindDaysBefore, createdById: actor!.memberId },
      select: taskSelect,
    });
    await db!.taskItem.createMany({ data: body.items.map((i, n) => ({ tenantId, taskId: task.id, kind: i.kind, refId: i.refId, sortOrder: n })) });
    await db!.taskTarget.createMany({ data: body.targets.map((t) => ({ tenantId, taskId: task.id, kind: t.kind, refId: 'refId' in t ? t.refId : null })) });
    await backfillTask(deps, tenantId, task.id);
    await scheduleReminders(deps, tenantId, task, actor!.memberId);
    await audit(db!, { tenantId, actorType: 'member', actorId: actor!.memberId, action: 'task.create', targetType: 'task', targetId: task.id, ip: ctx.ip });
    ctx.status = 201;
    ctx.body = { task: presentTask(task), summary: await taskSummary(deps, db!, tenantId, task) };
  });

  const list = { query: pageQuery };
  router.get('/tasks', auth, admin, validate(list), async (ctx) => {
    const { query } = inputOf(ctx, list);
    const rows = await ctx.state.db!.trainingTask.findMany({
      where: { archivedAt: null }, select: taskSelect, ...pageArgs(query),
    });
    ctx.body = toPage(rows, query, presentTask);
  });

  router.get('/me/tasks', auth, async (ctx) => {
    const { db, actor } = ctx.state;
    const open = await db!.trainingTask.findMany({ where: { archivedAt: null, startsAt: { lte: new Date(clock.now()) } }, select: taskSelect, orderBy: { dueAt: 'asc' } });
    const mine = await assignedAmong(db!, actor!.memberId, open);
    const items = await memberItems(db!, actor!.tenantId, actor!.memberId, mine.map((t) => t.id));
    const progress = await tasksProgress(db!, actor!.memberId, mine.map((t) => ({ taskId: t.id, items: items.get(t.id)! })));
    const completed = new Set(
      (await db!.taskCompletion.findMany({ where: { memberId: actor!.memberId, taskId: { in: mine.map((t) => t.id) } }, select: { taskId: true } })).map((c) => c.taskId),
    );
    ctx.body = { items: mine.map((t) => presentMyTask(t, completed.has(t.id), progress.get(t.id)!)) };
  });

  router.get('/tasks/:id', auth, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const { db, actor } = ctx.state;
    const task = await loadTask(db!, params.id);
    if (isAdmin(actor!)) {
      const [items, targets] = await Promise.all([
        titledItems(db!, task.id),
        db!.taskTarget.findMany({ where: { taskId: task.id }, select: { kind: true, refId: true } }),
      ]);
      ctx.body = { task: presentTask(task), items, targets, summary: await taskSummary(deps, db!, actor!.tenantId, task) };
      return;
    }
    if (task.archivedAt || !(await assignedAmong(db!, actor!.memberId, [task])).length) throw errors.notFound('task');
    ctx.body = { task: presentTask(task), mine: await myProgress(db!, actor!.tenantId, actor!.memberId, task) };
  });

  const update = { params: idParams, body: updateTaskBody };
  router.patch('/tasks/:id', auth, admin, validate(update), async (ctx) => {
    const { params, body } = inputOf(ctx, update);
    const { db, actor } = ctx.state;
    const before = await loadTask(db!, params.id);
    if (body.dueAt && body.dueAt <= before.startsAt) throw errors.badRequest('due_before_start', '截止日期须晚于开始日期 / The due date must be after the start');
    const { targets, items, ...fields } = body;
    // Checked before anything is written: an unknown target, or an unknown or unpublished item, changes nothing.
    if (targets) await checkTargets(db!, targets);
    const itemChanges = items ? await replaceItems(deps, db!, actor!.tenantId, params.id, items) : null;
    if (targets) {
      await db!.$transaction([
        db!.taskTarget.deleteMany({ where: { taskId: params.id } }),
        db!.taskTarget.createMany({ data: targets.map((t) => ({ tenantId: actor!.tenantId, taskId: params.id, kind: t.kind, refId: 'refId' in t ? t.refId : null })) }),
      ]);
    }
    // A new audience also marks the task changed: summarised reports know to recount it.
    const task = Object.keys(fields).length || targets || items ? await db!.trainingTask.update({ where: { id: params.id }, data: { ...fields, updatedAt: new Date() }, select: taskSelect }) : before;
    // Reminders carry the due date they were made for; new dates get new reminders.
    if (task.dueAt.getTime() !== before.dueAt.getTime() || task.remindDaysBefore !== before.remindDaysBefore) {
      await scheduleReminders(deps, actor!.tenantId, task, actor!.memberId, ['due_soon', 'overdue']);
    }
    // People new to the audience are told; the notices' dedupe keys skip those already told.
    if (targets && !task.archivedAt) await scheduleReminders(deps, actor!.tenantId, task, actor!.memberId, ['assigned']);
    await audit(db!, { tenantId: actor!.tenantId, actorType: 'member', actorId: actor!.memberId, action: 'task.update', targetType: 'task', targetId: task.id, ip: ctx.ip, details: { fields: Object.keys(body), ...(itemChanges && { items: itemChanges }) } });
    const [audience, contents] = await Promise.all([
      db!.taskTarget.findMany({ where: { taskId: task.id }, select: { kind: true, refId: true } }),
      titledItems(db!, task.id),
    ]);
    ctx.body = { task: presentTask(task), items: contents, targets: audience, summary: await taskSummary(deps, db!, actor!.tenantId, task) };
  });

  router.delete('/tasks/:id', auth, admin, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const { db, actor } = ctx.state;
    await loadTask(db!, params.id);
    await db!.trainingTask.update({ where: { id: params.id }, data: { archivedAt: new Date(clock.now()) } });
    await audit(db!, { tenantId: actor!.tenantId, actorType: 'member', actorId: actor!.memberId, action: 'task.archive', targetType: 'task', targetId: params.id, ip: ctx.ip });
    ctx.status = 204;
  });

  const assignees = { params: idParams, query: assigneesQuery };
  router.get('/tasks/:id/assignees', auth, admin, validate(assignees), async (ctx) => {
    const { params, query } = inputOf(ctx, assignees);
    const { db, actor } = ctx.state;
    const task = await loadTask(db!, params.id);
    ctx.body = await assigneePage(deps, db!, actor!.tenantId, task, query);
  });

  const read = { params: docParams };
  router.post('/tasks/:id/documents/:documentId/read', auth, validate(read), async (ctx) => {
    const { params } = inputOf(ctx, read);
    const { db, actor } = ctx.state;
    const task = await loadTask(db!, params.id);
    if (task.archivedAt || !(await assignedAmong(db!, actor!.memberId, [task])).length) throw errors.notFound('task');
    const item = await db!.taskItem.findFirst({ where: { taskId: task.id, kind: 'document', refId: params.documentId }, select: { id: true } });
    if (!item) throw errors.notFound('document');
    const at = new Date(clock.now());
    if (!(await db!.documentRead.findFirst({ where: { documentId: params.documentId, memberId: actor!.memberId }, select: { readAt: true } }))) {
      await db!.documentRead.create({ data: { tenantId: actor!.tenantId, documentId: params.documentId, memberId: actor!.memberId, readAt: at } }).catch(() => undefined);
      await recordLearningEvents(db!, actor!.tenantId, { kind: 'document-read', memberId: actor!.memberId, documentId: params.documentId, at });
    }
    await recordItemDone(db!, actor!.tenantId, actor!.memberId, 'document', params.documentId, at);
    ctx.body = { mine: await myProgress(db!, actor!.tenantId, actor!.memberId, task) };
  });

  return router;
}

/** One page of assignees with their progress; the status filter is applied in SQL. */
async function assigneePage(deps: AppDeps, db: TenantDb, tenantId: string, task: TaskRow, query: { limit: number; cursor?: string; status?: string }) {
  const { raw, dialect } = deps.db;
  const q = dialect.quote;
  const cond = await assigneeCondition(db, dialect, task.id);
  const overdue = clock.now() > task.dueAt.getTime();
  const doneCount = `(SELECT COUNT(*) FROM ${q('TaskItemDone')} d WHERE d.${q('tenantId')} = m.${q('tenantId')} AND d.${q('taskId')} = ? AND d.${q('memberId')} = m.${q('id')})`;
  const statusSql: Record<string, string> = {
    completed: `c.${q('memberId')} IS NOT NULL`,
    overdue: overdue ? `c.${q('memberId')} IS NULL` : '1 = 0',
    in_progress: overdue ? '1 = 0' : `c.${q('memberId')} IS NULL AND ${doneCount} > 0`,
    not_started: overdue ? '1 = 0' : `c.${q('memberId')} IS NULL AND ${doneCount} = 0`,
  };
  const filter = query.status ? ` AND ${statusSql[query.status]}` : '';
  const filterParams = query.status === 'in_progress' || query.status === 'not_started' ? (overdue ? [] : [task.id]) : [];
  const rows = await raw.query<{ id: string; hostUserId: string | null; name: string | null; done: unknown; completedAt: unknown }>(
    `SELECT m.${q('id')} AS id, m.${q('hostUserId')} AS hostUserId, m.${q('name')} AS name, ${doneCount} AS done, c.${q('completedAt')} AS completedAt ` +
      `FROM ${q('Member')} m LEFT JOIN ${q('TaskCompletion')} c ON c.${q('tenantId')} = m.${q('tenantId')} AND c.${q('taskId')} = ? AND c.${q('memberId')} = m.${q('id')} ` +
      `WHERE m.${q('tenantId')} = ? AND ${cond.sql}${filter}${query.cursor ? ` AND m.${q('id')} > ?` : ''} ORDER BY m.${q('id')} LIMIT ?`,
    [task.id, task.id, tenantId, ...cond.params, ...filterParams, ...(query.cursor ? [query.cursor] : []), query.limit + 1],
  );
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  const items = await db.taskItem.count({ where: { taskId: task.id } });
  return {
    items: page.map((r) => {
      const completedAt = r.completedAt ? new Date(r.completedAt as string) : null;
      return {
        memberId: r.id, hostUserId: r.hostUserId, name: r.name, itemsDone: Number(r.done), itemsTotal: items,
        status: assigneeStatus(completedAt, Number(r.done), task.dueAt), completedAt: completedAt?.toISOString() ?? null,
      };
    }),
    nextCursor: more ? page[page.length - 1].id : null,
  };
}

