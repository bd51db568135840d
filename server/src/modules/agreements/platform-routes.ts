/** /platform/v1/agreements — platform staff publish and list versions of the user agreement and privacy policy. */
import Router from '@koa/router';
import type { z } from 'zod';
import { audit } from '../../core/audit';
import type { AppDeps, AppState } from '../../core/context';
import { errors } from '../../core/errors';
import { pageArgs, toPage } from '../../core/pagination';
import { inputOf, validate } from '../../core/validate';
import { authenticateStaff } from '../platform/staff-auth';
import { idParams, listQuery, publishBody } from './schema';
import { presentVersion, versionSelect } from './presenter';

export async function publishVersion(deps: AppDeps, staff: { staffKeyId: string; ip: string }, input: z.infer<typeof publishBody>) {
  const { prisma } = deps.db;
  const exists = await prisma.agreementVersion.findUnique({ where: { kind_version: { kind: input.kind, version: input.version } }, select: { id: true } });
  if (exists) throw errors.conflict('version_exists', '该版本号已发布 / This version was already published', { id: exists.id });
  // The previous version stops being current in the same breath as the new one becomes current.
  const [, created] = await prisma.$transaction([
    prisma.agreementVersion.updateMany({ where: { kind: input.kind, isCurrent: true }, data: { isCurrent: false } }),
    prisma.agreementVersion.create({ data: { ...input, isCurrent: true, publishedById: staff.staffKeyId }, select: versionSelect }),
  ]);
  await audit(prisma, {
    tenantId: null, actorType: 'staff', actorId: staff.staffKeyId, action: 'agreement.publish',
    targetType: 'agreement_version', targetId: created.id, ip: staff.ip, details: { kind: input.kind, version: input.version },
  });
  return created;
}

export function agreementStaffRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const staff = authenticateStaff(deps);

  const publish = { body: publishBody };
  router.post('/agreements', staff, validate(publish), async (ctx) => {
    const { body } = inputOf(ctx, publish);
    ctx.status = 201;
    ctx.body = { agreement: presentVersion(await publishVersion(deps, { staffKeyId: ctx.state.staffKeyId!, ip: ctx.ip }, body), { staff: true }) };
  });

  const list = { query: listQuery };
  router.get('/agreements', staff, validate(list), async (ctx) => {
    const { query } = inputOf(ctx, list);
    const rows = await deps.db.prisma.agreementVersion.findMany({
      where: query.kind ? { kind: query.kind } : {},
      select: versionSelect,
      ...pageArgs(query, 'desc'),
    });
    ctx.body = toPage(rows, query, (v) => presentVersion(v, { staff: true }));
  });

  const one = { params: idParams };
  router.get('/agreements/:id', staff, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const row = await deps.db.prisma.agreementVersion.findUnique({ where: { id: params.id }, select: versionSelect });
    if (!row) throw errors.notFound('agreement');
    ctx.body = { agreement: presentVersion(row, { staff: true }) };
  });

  return router;
}
