/**
 * A suspended (or terminated) member — Member.suspendedUntil in the future, set by the community
 * penalties ladder — may still read, sign out, appeal and exercise their personal-information
 * rights, but every other write route answers 403 member_suspended. Checked here, for all routes
 * at once, from the session check's own row: no extra query.
 */
import { AppError } from '../errors';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Writes a suspended member keeps: sign-in/out, agreements, appeals, cancellation and privacy requests. */
const EXEMPT = /^\/api\/v1\/(session|auth|agreements|community\/appeals|me\/cancellation|me\/privacy-requests)(\/|$)/;

export const memberSuspended = (until: Date) =>
  new AppError(403, 'member_suspended', '账号已被暂停使用，暂时不能进行此操作 / Your account is suspended: this is not allowed for now', {
    until: until.getUTCFullYear() >= 9999 ? null : until.toISOString(),
  });

export function refuseSuspendedWrite(method: string, path: string, suspendedUntil: Date | null, now = Date.now()): void {
  if (!suspendedUntil || suspendedUntil.getTime() <= now || READS.has(method) || EXEMPT.test(path)) return;
  throw memberSuspended(suspendedUntil);
}
