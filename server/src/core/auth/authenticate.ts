import type { Middleware } from 'koa';
import type { AppDeps } from '../context';
import { errors } from '../errors';
import { scopeToTenant } from '../tenancy';
import { makeScope } from '../scope';
import { verifySession } from './sessions';
import { agreementRequired, isAgreementExempt, markActive, unacceptedAgreements } from './agreement-gate';
import { refuseSuspendedWrite } from './suspension-gate';

const refusals = {
  unauthenticated: errors.unauthenticated,
  tenant_suspended: errors.tenantSuspended,
  tenant_inactive: errors.tenantInactive,
  account_frozen: errors.accountFrozen,
};

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+([\w-]{20,200})$/.exec(header ?? '');
  return match ? match[1] : null;
}

/**
 * Requires a valid member session. Sets ctx.state.scope (read with core/scope `scopeOf(ctx)`): the
 * tenant-scoped database — the only one route handlers use —, the actor and the client's address.
 * Also enforces the accepted agreements and marks the member active (agreement-gate.ts), and
 * refuses a suspended member's writes (suspension-gate.ts).
 */
export function authenticate(deps: AppDeps): Middleware {
  return async (ctx, next) => {
    const token = bearerToken(ctx.get('authorization'));
    if (!token) throw errors.unauthenticated();
    const check = await verifySession(deps.db, token);
    if (!check.ok) throw refusals[check.reason]();
    const { tenantId, memberId } = check.actor;
    await markActive(deps.db.prisma, tenantId, memberId, check.activity);
    if (check.agreementsPending && !isAgreementExempt(ctx.path)) {
      throw agreementRequired(await unacceptedAgreements(deps.db.prisma, tenantId, memberId));
    }
    refuseSuspendedWrite(ctx.method, ctx.path, check.suspendedUntil);
    ctx.state.actor = check.actor;
    ctx.state.db = scopeToTenant(deps.db.prisma, tenantId);
    ctx.state.scope = makeScope(ctx.state.db, check.actor, ctx.ip);
    await next();
  };
}
