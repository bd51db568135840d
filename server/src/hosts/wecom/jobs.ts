/** The WeCom background jobs: install, range change, admin change, incremental contact changes, full directory sync. */
import type { AppDeps } from '../../core/context';
import { ADMINS_JOB, AUTH_CHANGE_JOB, INSTALL_JOB, runAdminSync, runAuthChange, runInstall } from './install';
import { CONTACT_CHANGE_JOB, runContactChange, type ContactChange } from './contact-change';
import { DIRECTORY_SYNC_JOB, runDirectorySync } from './directory-sync';
import { serially } from './tenant-serial';

export const WECOM_JOBS = [INSTALL_JOB, AUTH_CHANGE_JOB, ADMINS_JOB, CONTACT_CHANGE_JOB, DIRECTORY_SYNC_JOB];

export function registerWecomJobs(deps: AppDeps): void {
  deps.jobs.register(INSTALL_JOB, (job, io) => runInstall(deps, job, io));
  deps.jobs.register(AUTH_CHANGE_JOB, (job) => runAuthChange(deps, job.tenantId!));
  deps.jobs.register(ADMINS_JOB, (job) => runAdminSync(deps, job.tenantId!));
  deps.jobs.register(CONTACT_CHANGE_JOB, (job) => runContactChange(deps, job.tenantId!, job.payload as ContactChange));
  deps.jobs.register(DIRECTORY_SYNC_JOB, (job, io) => serially(job.tenantId!, () => runDirectorySync(deps, job, io)));
}
