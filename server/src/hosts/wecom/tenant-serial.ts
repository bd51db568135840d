/**
 * Directory work of one tenant runs one piece at a time in a process (the job queue runs several
 * jobs at once): a full sync and the incremental changes that arrive meanwhile never interleave
 * their reads and writes. Across processes the re-read-from-the-host design keeps them convergent.
 */
const queues = new Map<string, Promise<unknown>>();

export function serially<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(tenantId) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(work);
  queues.set(tenantId, next);
  return next.finally(() => {
    if (queues.get(tenantId) === next) queues.delete(tenantId);
  });
}
