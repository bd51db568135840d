/**
 * /api/v1/admin/messages — enterprise admins send WeCom app messages and read, per message, what
 * happened to every recipient (sent, capped by the host's limits, invalid, inactive, failed).
 * Other modules send through deps.messenger.
 */
import Router from '@koa/router';
import type { AppState, RouteDeps } from '../../core/context';
import { requireAdmin } from '../../core/auth/policy';
import { audit } from '../../core/audit';
import { errors } from '../../core/errors';
import { pageArgs, toPage } from '../../core/pagination';
import { scopeOf } from '../../core/scope';
import { inputOf, validate } from '../../core/validate';
import * as s from './schema';
import { messageSelect, presentMessage, presentRecipient, recipientSelect } from './presenter';

export function notificationRoutes(deps: RouteDeps): Router<AppState> {
  const router = new Router<AppState>();
  const admin = [deps.authenticate, requireAdmin()];

  const send = { body: s.sendBody };
  router.post('/admin/messages', ...admin, validate(send), async (ctx) => {
    const { body } = inputOf(ctx, send);
    const { db, tenantId, memberId, ip } = scopeOf(ctx);
    // Ids the enterprise does not have are not found, whoever they belong to.
    const memberIds = [...new Set(body.memberIds ?? [])];
    const departmentIds = [...new Set(body.departmentIds ?? [])];
    if (memberIds.length && (await db.member.count({ where: { id: { in: memberIds } } })) !== memberIds.length) throw errors.notFound('member');
    if (departmentIds.length && (await db.department.count({ where: { id: { in: departmentIds } } })) !== departmentIds.length) throw errors.notFound('department');
    const result = await deps.messenger.send(tenantId, { memberIds, departmentIds, card: body.card, source: 'admin', createdById: memberId });
    await audit(db, {
      tenantId, actorType: 'member', actorId: memberId, action: 'message.send', targetType: 'app_message',
      targetId: result.messageId, ip, details: { recipients: result.recipients, outcomes: result.outcomes },
    });
    const message = await db.appMessage.findUnique({ where: { id: result.messageId }, select: messageSelect });
    ctx.status = 201;
    ctx.body = { message: presentMessage(message!), outcomes: result.outcomes };
  });

  const list = { query: s.listMessagesQuery };
  router.get('/admin/messages', ...admin, validate(list), async (ctx) => {
    const { query } = inputOf(ctx, list);
    const rows = await scopeOf(ctx).db.appMessage.findMany({ select: messageSelect, ...pageArgs(query, 'desc') });
    ctx.body = toPage(rows, query, presentMessage);
  });

  const one = { params: s.messageParams };
  router.get('/admin/messages/:id', ...admin, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const { db } = scopeOf(ctx);
    const message = await db.appMessage.findUnique({ where: { id: params.id }, select: messageSelect });
    if (!message) throw errors.notFound('message');
    const groups = await db.appMessageRecipient.groupBy({ by: ['outcome'], where: { messageId: params.id }, _count: { _all: true } });
    ctx.body = { message: presentMessage(message), outcomes: Object.fromEntries(groups.map((g) => [g.outcome, g._count._all])) };
  });

  const recipients = { params: s.messageParams, query: s.recipientsQuery };
  router.get('/admin/messages/:id/recipients', ...admin, validate(recipients), async (ctx) => {
    const { params, query } = inputOf(ctx, recipients);
    const { db } = scopeOf(ctx);
    if (!(await db.appMessage.findUnique({ where: { id: params.id }, select: { id: true } }))) throw errors.notFound('message');
    const rows = await db.appMessageRecipient.findMany({
      where: { messageId: params.id, ...(query.outcome && { outcome: query.outcome }) },
      select: recipientSelect,
      ...pageArgs(query),
    });
    const members = await db.member.findMany({ where: { id: { in: rows.map((r) => r.memberId) } }, select: { id: true, hostUserId: true, name: true } });
    const people = new Map(members.map((m) => [m.id, m]));
    ctx.body = toPage(rows, query, (r) => presentRecipient(r, people.get(r.memberId)));
  });

  return router;
}
