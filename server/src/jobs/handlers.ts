/** Every background job kind and its handler. A module with background work adds one line here. */
import type { AppDeps } from '../core/context';
import { registerWecomJobs } from '../hosts/wecom/jobs';
import { registerKnowledgeJobs } from '../modules/knowledge/transfer/export-job';
import { registerTaskJobs } from '../modules/tasks/reminders';
import { registerPrivacyJobs } from '../modules/privacy/inactivity';
import { registerRecordJobs } from '../modules/records/export';
import { registerModerationJobs } from '../modules/moderation/jobs';
import { registerXapiJobs } from '../modules/xapi/learning-events';

export function registerJobHandlers(deps: AppDeps): void {
  registerWecomJobs(deps);
  registerKnowledgeJobs(deps);
  registerTaskJobs(deps);
  registerPrivacyJobs(deps);
  registerRecordJobs(deps);
  registerModerationJobs(deps);
  registerXapiJobs(deps);
  // e.g. deps.jobs.register('directory.full-sync', (job, io) => runFullSync(deps, job, io));
}
