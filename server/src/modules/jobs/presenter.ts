/** A background job as its owner sees it: progress, outcome, and nothing of other tenants. */
export const jobSelect = {
  id: true, kind: true, status: true, progressDone: true, progressTotal: true, result: true, error: true, createdAt: true, finishedAt: true,
} as const;

export function presentJob(j: {
  id: string; kind: string; status: string; progressDone: number; progressTotal: number; result: unknown; error: string | null; createdAt: Date; finishedAt: Date | null;
}) {
  return {
    id: j.id,
    kind: j.kind,
    status: j.status,
    progress: { done: j.progressDone, total: j.progressTotal, percent: j.progressTotal ? Math.floor((100 * j.progressDone) / j.progressTotal) : j.status === 'done' ? 100 : 0 },
    result: j.status === 'done' ? j.result : null,
    error: j.status === 'failed' ? j.error : null,
    createdAt: j.createdAt.toISOString(),
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}
