/** The in-app inbox: a member's notifications (task assignments, deadlines, results), newest first. */
import Router from '@koa/router';
import { z } from 'zod';
import type { AppDeps, AppState } from '../../core/context';
import { authenticate } from '../../core/auth/authenticate';
import { errors } from '../../core/errors';
import { pageQuery, toPage } from '../../core/pagination';
import { inputOf, validate } from '../../core/validate';

const listQuery = pageQuery.extend({ unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional() });
const idParams = z.object({ id: z.string().min(1).max(64) });
const select = { id: true, kind: true, title: true, body: true, link: true, readAt: true, createdAt: true } as const;
const present = (n: { id: string; kind: string; title: string; body: string | null; link: string | null; readAt: Date | null; createdAt: Date }) => ({
  id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, read: !!n.readAt, readAt: n.readAt?.toISOString() ?? null, createdAt: n.createdAt.toISOString(),
});

export function inboxRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = authenticate(deps);

  const list = { query: listQuery };
  router.get('/inbox', auth, validate(list), async (ctx) => {
    const { query } = inputOf(ctx, list);
    const { db, actor } = ctx.state;
    const where = { memberId: actor!.memberId, ...(query.unread && { readAt: null }) };
    const [rows, unread] = await Promise.all([
      db!.notification.findMany({
        where, select, take: query.limit + 1, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], ...(query.cursor && { cursor: { id: query.cursor }, skip: 1 }),
      }),
      db!.notification.count({ where: { memberId: actor!.memberId, readAt: null } }),
    ]);
    ctx.body = { ...toPage(rows, query, present), unread };
  });

  const one = { params: idParams };
  router.post('/inbox/:id/read', auth, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const { db, actor } = ctx.state;
    const n = await db!.notification.findUnique({ where: { id: params.id }, select: { id: true, memberId: true, readAt: true } });
    if (!n || n.memberId !== actor!.memberId) throw errors.notFound('notification');
    const updated = n.readAt ? await db!.notification.findUnique({ where: { id: n.id }, select }) : await db!.notification.update({ where: { id: n.id }, data: { readAt: new Date() }, select });
    ctx.body = { notification: present(updated!) };
  });

  return router;
}
