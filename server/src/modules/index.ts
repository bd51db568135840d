/**
 * Every module's routers and where they are mounted. A new module adds one line here.
 *   /api/v1       members and enterprise admins (session bearer token)
 *   /platform/v1  platform staff (staff API key)
 *   /xapi         the learning record store (LRS credentials, Basic auth)
 */
import type Router from '@koa/router';
import type { AppDeps, AppState, RouteDeps } from '../core/context';
import { authenticate } from '../core/auth/authenticate';
import { globalTables } from '../db/global-tables';
import { healthRoutes } from './health/routes';
import { wecomCallbackRoutes } from '../hosts/wecom/callback-routes';
import { directoryRoutes } from './directory/routes';
import { platformRoutes } from './platform/routes';
import { memberRoutes } from './members/routes';
import { jobRoutes } from './jobs/routes';
import { knowledgeRoutes } from './knowledge/routes';
import { accountRoutes } from './accounts/routes';
import { notificationRoutes } from './notifications/routes';
import { jssdkRoutes } from './jssdk/routes';
import { webRoutes } from './web/routes';
import { courseRoutes } from './courses/routes';
import { progressRoutes } from './progress/routes';
import { examRoutes } from './exams/routes';
import { creditRoutes } from './credits/routes';
import { taskRoutes } from './tasks/routes';
import { inboxRoutes } from './inbox/routes';
import { agreementRoutes } from './agreements/routes';
import { agreementStaffRoutes } from './agreements/platform-routes';
import { privacyRoutes } from './privacy/routes';
import { privacyStaffRoutes } from './privacy/platform-routes';
import { recordRoutes } from './records/routes';
import { communityRoutes } from './community/routes';
import { moderationMemberRoutes } from './moderation/routes';
import { moderationAdminRoutes } from './moderation/admin-routes';
import { moderationStaffRoutes } from './moderation/platform-routes';
import { xapiRoutes } from './xapi/routes';
import { xapiAdminRoutes } from './xapi/admin-routes';
import { metricsRoutes } from './health/metrics-routes';
import { auditRoutes } from './audit/routes';
import { editionRoutes } from './editions/routes';

export interface Mount {
  prefix: string;
  router: Router<AppState>;
}

/** The deps a converted module's routes get: no unscoped database (core/context RouteDeps). */
export function routeDepsOf(deps: AppDeps): RouteDeps {
  const { db, ...rest } = deps;
  return { ...rest, global: globalTables(db), authenticate: authenticate(deps) };
}

export function moduleMounts(deps: AppDeps): Mount[] {
  const routeDeps = routeDepsOf(deps);
  return [
    { prefix: '', router: healthRoutes(deps) },
    { prefix: '', router: wecomCallbackRoutes(deps) },
    { prefix: '/platform/v1', router: platformRoutes(deps) },
    { prefix: '/api/v1', router: memberRoutes(deps) },
    { prefix: '/api/v1', router: directoryRoutes(deps) },
    { prefix: '/api/v1', router: jobRoutes(deps) },
    ...knowledgeRoutes(deps).map((router) => ({ prefix: '/api/v1', router })),
    { prefix: '/api/v1', router: accountRoutes(deps) },
    { prefix: '/api/v1', router: notificationRoutes(routeDeps) },
    { prefix: '/api/v1', router: jssdkRoutes(routeDeps) },
    { prefix: '/api/v1', router: courseRoutes(deps) },
    { prefix: '/api/v1', router: progressRoutes(deps) },
    { prefix: '/api/v1', router: examRoutes(deps) },
    { prefix: '/api/v1', router: creditRoutes(routeDeps) },
    { prefix: '/api/v1', router: taskRoutes(deps) },
    { prefix: '/api/v1', router: inboxRoutes(deps) },
    { prefix: '/api/v1', router: agreementRoutes(routeDeps) },
    { prefix: '/platform/v1', router: agreementStaffRoutes(deps) },
    { prefix: '/api/v1', router: privacyRoutes(deps) },
    { prefix: '/platform/v1', router: privacyStaffRoutes(deps) },
    { prefix: '/api/v1', router: recordRoutes(deps) },
    { prefix: '/api/v1', router: communityRoutes(deps) },
    { prefix: '/api/v1', router: moderationMemberRoutes(deps) },
    { prefix: '/api/v1', router: moderationAdminRoutes(deps) },
    { prefix: '/platform/v1', router: moderationStaffRoutes(deps) },
    { prefix: '/api/v1', router: xapiAdminRoutes(deps) },
    { prefix: '/xapi', router: xapiRoutes(deps) },
    { prefix: '', router: metricsRoutes(deps) },
    { prefix: '/api/v1', router: auditRoutes(routeDeps) },
    { prefix: '/api/v1', router: editionRoutes(routeDeps) },
    { prefix: '', router: webRoutes(deps) },
  ];
}
