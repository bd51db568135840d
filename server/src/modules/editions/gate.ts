/**
 * Editions gate quotas and features. A refusal is `402 edition_limit` naming the limit, the edition,
 * the maximum and what is used, so a client can say what to upgrade. Quotas are checked before the
 * write (count, then create): two concurrent creates at the very edge may both pass, which is the
 * price of not serialising every create of an enterprise; the next one is refused.
 */
import type { Middleware } from 'koa';
import { AppError } from '../../core/errors';
import { DEFAULT_TIME_ZONE } from '../../core/time-zone';
import { scopeOf } from '../../core/scope';
import type { TenantDb } from '../../core/tenancy';
import { EDITION_NAMES, FEATURE_NAMES, PLANS, QUOTA_NAMES, type Edition, type Feature, type Quota } from './plans';

export const editionLimit = (edition: Edition, limit: Quota | Feature, details: { max?: number; used?: number }) => {
  const isFeature = limit in FEATURE_NAMES;
  const [zh, en] = isFeature ? FEATURE_NAMES[limit as Feature] : QUOTA_NAMES[limit as Quota];
  const message = isFeature
    ? `当前版本（${EDITION_NAMES[edition]}）不含${zh}，请升级版本 / The ${edition} edition does not include ${en}; upgrade to use it`
    : `已达到当前版本（${EDITION_NAMES[edition]}）的${zh}上限 ${details.max} / The ${edition} edition allows at most ${details.max} ${en}`;
  return new AppError(402, 'edition_limit', message, { limit, edition, ...details });
};

/** One enterprise: its tenant-scoped client and its id (a RequestScope is one). */
export interface TenantRef {
  db: TenantDb;
  tenantId: string;
}

async function tenantOf({ db, tenantId }: TenantRef) {
  const tenant = await db.tenant.findUnique({ where: { id: tenantId }, select: { edition: true, timeZone: true } });
  return { edition: (tenant?.edition ?? 'basic') as Edition, timeZone: tenant?.timeZone ?? DEFAULT_TIME_ZONE };
}

/** The instant the current calendar month began in a time zone. */
export function monthStart(now: Date, timeZone: string): Date {
  const parts = (at: Date) =>
    Object.fromEntries(
      new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
        .formatToParts(at)
        .map((p) => [p.type, p.value]),
    );
  const { year, month } = parts(now);
  const guess = Date.UTC(Number(year), Number(month) - 1, 1);
  const wall = parts(new Date(guess));
  const offset = Date.UTC(Number(wall.year), Number(wall.month) - 1, Number(wall.day), Number(wall.hour), Number(wall.minute), Number(wall.second)) - guess;
  return new Date(guess - offset);
}

/** What an enterprise uses of each quota now. */
export async function usageOf(db: TenantDb, timeZone: string, now = new Date()): Promise<Record<Quota, number>> {
  const [members, storage, spaces, exams] = await Promise.all([
    db.member.count({ where: { status: { in: ['active', 'frozen'] } } }),
    db.kbAttachment.aggregate({ where: {}, _sum: { size: true } }),
    db.kbSpace.count({ where: { status: { not: 'deleted' } } }),
    db.exam.count({ where: { createdAt: { gte: monthStart(now, timeZone) } } }),
  ]);
  return { members, storageBytes: storage._sum.size ?? 0, spaces, examsPerMonth: exams };
}

/**
 * Refuses a create that would take the enterprise past its edition's quota. `adding` is how much the
 * create adds (1 for a row, the byte size for a file).
 */
export async function assertQuota(scope: TenantRef, quota: Quota, adding = 1): Promise<void> {
  const { edition, timeZone } = await tenantOf(scope);
  const max = PLANS[edition].quotas[quota];
  if (max === null) return;
  const used = (await usageOf(scope.db, timeZone))[quota];
  if (used + adding > max) throw editionLimit(edition, quota, { max, used });
}

export async function assertFeature(scope: TenantRef, feature: Feature): Promise<void> {
  const { edition } = await tenantOf(scope);
  if (!PLANS[edition].features[feature]) throw editionLimit(edition, feature, {});
}

/** Route guard, after authenticate: the enterprise's edition includes the feature. */
export function requireFeature(feature: Feature): Middleware {
  return async (ctx, next) => {
    await assertFeature(scopeOf(ctx), feature);
    await next();
  };
}

/** The edition an enterprise has, what it includes and what it uses: for its admins and for staff. */
export async function editionReport(scope: TenantRef) {
  const { edition, timeZone } = await tenantOf(scope);
  const plan = PLANS[edition];
  return { edition, quotas: plan.quotas, features: plan.features, usage: await usageOf(scope.db, timeZone) };
}
