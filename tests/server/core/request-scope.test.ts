/**
 * Tenancy by construction (issue 13): route factories of converted modules get RouteDeps — no
 * unscoped database — and handlers read one request scope, nothing optional, built by authenticate.
 */
import { startTestApp, type TestApp } from '../../support/test-app';
import { routeDepsOf } from '../../../server/src/modules/index';
import { makeScope, scopeOf } from '../../../server/src/core/scope';
import { scopeToTenant } from '../../../server/src/core/tenancy';

let t: TestApp;
beforeAll(async () => (t = await startTestApp()));
afterAll(() => t.close());

describe('request scope', () => {
  it('route deps carry no database, only named global functions and the session check', () => {
    const deps = routeDepsOf(t.deps);
    expect('db' in deps).toBe(false);
    expect(Object.keys(deps.global).sort()).toEqual(['agreementVersion', 'agreementVersions', 'certificateByCode', 'currentAgreementVersions', 'revokeSession']);
    expect(typeof deps.authenticate).toBe('function');
  });

  it('scopeOf fails closed (401) on a request nobody signed in, and hands out a frozen scope otherwise', () => {
    expect(() => scopeOf({ state: { requestId: 'r' } })).toThrow(expect.objectContaining({ status: 401, code: 'unauthenticated' }));
    const actor = { sessionId: 's', tenantId: 'tenant-a', memberId: 'member-a', role: 'member' as const };
    const scope = makeScope(scopeToTenant(t.deps.db.prisma, 'tenant-a'), actor, '10.0.0.1');
    expect(scopeOf({ state: { requestId: 'r', scope } })).toMatchObject({ tenantId: 'tenant-a', memberId: 'member-a', ip: '10.0.0.1', actor });
    expect(Object.isFrozen(scope)).toBe(true);
  });
});
