/** Every background job kind and its handler. A module with background work adds one line here. */
import type { AppDeps } from '../core/context';

export function registerJobHandlers(_deps: AppDeps): void {
  // e.g. deps.jobs.register('directory.full-sync', (job, io) => runFullSync(deps, job, io));
}
