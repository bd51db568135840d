/**
 * Credit hours and certificates (seed 001 §4.4).
 *   GET/PUT /training-policy               the enterprise's annual requirement (PUT: admins)
 *   GET     /me/credits?year=              hours earned in a year against the requirement
 *   GET     /me/certificates, /certificates/:id (with the hours, the enterprise and its time zone: the certificate page)
 *   GET     /public/certificates/:code     anyone: holder, course and date — nothing else
 */
import Router from '@koa/router';
import { z } from 'zod';
import type { AppState, RouteDeps } from '../../core/context';
import { isAdmin, requireAdmin } from '../../core/auth/policy';
import { audit } from '../../core/audit';
import { errors } from '../../core/errors';
import { inputOf, validate } from '../../core/validate';
import { scopeOf } from '../../core/scope';
import type { TenantDb } from '../../core/tenancy';
import { clock, creditYear } from '../courses/clock';

const yearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
const policyBody = z.object({ annualCreditHours: z.number().min(0).max(10_000) });
const idParams = z.object({ id: z.string().min(1).max(64) });
const codeParams = z.object({ code: z.string().regex(/^[A-Z0-9]{8,32}$/) });

const certificateSelect = { id: true, memberId: true, courseId: true, code: true, holderName: true, courseTitle: true, issuedAt: true } as const;
const presentCertificate = (c: { id: string; memberId: string; courseId: string; code: string; holderName: string; courseTitle: string; issuedAt: Date }) => ({
  id: c.id, memberId: c.memberId, courseId: c.courseId, verificationCode: c.code, holder: c.holderName, course: c.courseTitle, issuedAt: c.issuedAt.toISOString(),
});

/**
 * What the certificate page draws besides the stored lines: the hours the course credited, the
 * enterprise and its time zone (the date is the enterprise's calendar date), and the holder by
 * name — a WeCom member's name is drawn by the host from their host id, never shown as an id.
 */
async function certificateContext(db: TenantDb, tenantId: string, c: { memberId: string; courseId: string; issuedAt: Date }) {
  const [tenant, member, credit, course] = await Promise.all([
    db.tenant.findUnique({ where: { id: tenantId }, select: { name: true, timeZone: true } }),
    db.member.findUnique({ where: { id: c.memberId }, select: { name: true, hostUserId: true } }),
    db.creditRecord.findFirst({ where: { memberId: c.memberId, courseId: c.courseId }, select: { hours: true }, orderBy: { earnedAt: 'asc' } }),
    db.course.findUnique({ where: { id: c.courseId }, select: { creditHours: true } }),
  ]);
  return { tenant, member, hours: credit?.hours ?? course?.creditHours ?? null };
}

function presentCertificateDetail(c: Parameters<typeof presentCertificate>[0], x: Awaited<ReturnType<typeof certificateContext>>) {
  const base = presentCertificate(c);
  // Certificates issued before names were known stored the host id as the holder: never show it.
  const storedIsId = !c.holderName || c.holderName === x.member?.hostUserId || c.holderName === c.memberId;
  return {
    ...base,
    holder: x.member?.name ?? (storedIsId ? null : c.holderName),
    holderHostUserId: x.member?.hostUserId ?? null,
    creditHours: x.hours,
    enterprise: x.tenant?.name ?? null,
    timeZone: x.tenant?.timeZone ?? 'Asia/Shanghai',
  };
}

export async function annualRequirement(db: TenantDb, tenantId: string): Promise<number> {
  const policy = await db.trainingPolicy.findUnique({ where: { tenantId }, select: { annualCreditHours: true } });
  return policy?.annualCreditHours ?? 0;
}

/** Hours a member earned in a year, per course, against the enterprise's requirement. */
export async function creditSummary(db: TenantDb, tenantId: string, memberId: string, year: number) {
  const [required, records] = await Promise.all([
    annualRequirement(db, tenantId),
    db.creditRecord.findMany({ where: { memberId, year }, select: { courseId: true, hours: true, score: true, earnedAt: true }, orderBy: { earnedAt: 'asc' } }),
  ]);
  const titles = new Map(
    (await db.course.findMany({ where: { id: { in: records.map((r) => r.courseId) } }, select: { id: true, title: true } })).map((c) => [c.id, c.title]),
  );
  const earned = Math.round(records.reduce((s, r) => s + r.hours, 0) * 100) / 100;
  return {
    year,
    requiredHours: required,
    earnedHours: earned,
    // Seed 001 §4.4: the annual training is complete when the recorded hours reach the requirement.
    annualComplete: required > 0 && earned >= required,
    records: records.map((r) => ({ courseId: r.courseId, courseTitle: titles.get(r.courseId) ?? null, hours: r.hours, score: r.score, earnedAt: r.earnedAt.toISOString() })),
  };
}

export function creditRoutes(deps: RouteDeps): Router<AppState> {
  const router = new Router<AppState>();
  const auth = deps.authenticate;

  router.get('/training-policy', auth, async (ctx) => {
    const { db, tenantId } = scopeOf(ctx);
    ctx.body = { annualCreditHours: await annualRequirement(db, tenantId) };
  });

  const policy = { body: policyBody };
  router.put('/training-policy', auth, requireAdmin(), validate(policy), async (ctx) => {
    const { body } = inputOf(ctx, policy);
    const { db, tenantId, memberId, ip } = scopeOf(ctx);
    const existing = await db.trainingPolicy.findUnique({ where: { tenantId }, select: { annualCreditHours: true } });
    if (existing) await db.trainingPolicy.update({ where: { tenantId }, data: { annualCreditHours: body.annualCreditHours } });
    else await db.trainingPolicy.create({ data: { tenantId, annualCreditHours: body.annualCreditHours } });
    await audit(db, {
      tenantId, actorType: 'member', actorId: memberId, action: 'training.policy.change', ip,
      details: { from: existing?.annualCreditHours ?? null, to: body.annualCreditHours },
    });
    ctx.body = { annualCreditHours: body.annualCreditHours };
  });

  const year = { query: yearQuery };
  router.get('/me/credits', auth, validate(year), async (ctx) => {
    const { query } = inputOf(ctx, year);
    const { db, tenantId, memberId } = scopeOf(ctx);
    ctx.body = await creditSummary(db, tenantId, memberId, query.year ?? creditYear(new Date(clock.now())));
  });

  router.get('/me/certificates', auth, async (ctx) => {
    const { db, memberId } = scopeOf(ctx);
    const rows = await db.certificate.findMany({ where: { memberId }, select: certificateSelect, orderBy: { issuedAt: 'desc' } });
    ctx.body = { items: rows.map(presentCertificate) };
  });

  const one = { params: idParams };
  router.get('/certificates/:id', auth, validate(one), async (ctx) => {
    const { params } = inputOf(ctx, one);
    const { db, actor, tenantId } = scopeOf(ctx);
    const cert = await db.certificate.findUnique({ where: { id: params.id }, select: certificateSelect });
    if (!cert || (cert.memberId !== actor.memberId && !isAdmin(actor))) throw errors.notFound('certificate');
    ctx.body = { certificate: presentCertificateDetail(cert, await certificateContext(db, tenantId, cert)) };
  });

  // Public and unauthenticated: looked up by an unguessable code (a global lookup, db/global-tables),
  // and the answer carries no tenant, member id or other personal data.
  const code = { params: codeParams };
  router.get('/public/certificates/:code', validate(code), async (ctx) => {
    const { params } = inputOf(ctx, code);
    const cert = await deps.global.certificateByCode(params.code);
    if (!cert) throw errors.notFound('certificate');
    ctx.set('Cache-Control', 'no-store');
    // A cancelled holder's certificate: nothing public remains, only that it no longer stands.
    if (cert.revokedAt) {
      ctx.body = { valid: false, status: 'revoked', message: '该证书已撤销或不可用 / This certificate is revoked or no longer available' };
      return;
    }
    // A WeCom member's name may be known only to the host (drawn on the holder's own page): without
    // it the public answer names no one — never the host id that older certificates stored.
    const storedIsId = !cert.holderName || cert.holderName === cert.holderHostUserId || cert.holderName === cert.memberId;
    ctx.body = { valid: true, holder: storedIsId ? null : cert.holderName, course: cert.courseTitle, issuedAt: cert.issuedAt.toISOString() };
  });

  return router;
}
